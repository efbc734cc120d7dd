// Call detail records (话单): one per call with its legs, written once when the call ends.
import Foundation

/// Which way a call went.
public enum CallDirection: String, Hashable, Sendable, CaseIterable {
    /// A caller dialled one of the tenant's numbers.
    case inbound
    /// The platform called out (click-to-dial, callback, campaign).
    case outbound
    /// Between two of the tenant's extensions.
    case `internal`
}

/// Who ended the call.
public enum HangupParty: String, Hashable, Sendable, CaseIterable {
    case caller
    case agent
    /// The far end of an outbound call.
    case callee
    case supervisor
    /// The platform (timeout, rule, failure, shutdown).
    case system
}

/// How a call ended, for reports.
public enum CallDisposition: String, Hashable, Sendable, CaseIterable {
    /// An agent answered.
    case answered
    /// The caller hung up in IVR or in the queue before an agent answered.
    case abandoned
    /// Refused by the number's rules (blacklist, count limit, password, schedule).
    case rejected
    /// Left a voicemail.
    case voicemail
    /// Left a callback request instead of waiting.
    case callbackRequested = "callback_requested"
    /// Forwarded to an external landing number.
    case forwarded
    /// Ended in the IVR by the flow itself (self-service completed).
    case selfService = "self_service"
    /// The called party (outbound) did not answer or was busy.
    case notAnswered = "not_answered"
    /// A technical failure.
    case failed
}

/// What part of the call a leg is.
public enum CallLegKind: String, Hashable, Sendable, CaseIterable {
    /// The caller's leg (inbound) or the customer's leg (outbound).
    case customer
    /// An offer to or a talk with an agent.
    case agent
    /// A transfer attempt (blind, to an agent, queue or number), answered or not.
    case transfer
    /// A consultation call (咨询) from the agent.
    case consult
    /// A conference participant (会议).
    case conference
    /// A supervisor listening, whispering, barging or intercepting.
    case supervisor
    /// A leg to an external number (forward, PC+Phone agent).
    case external
}

/// How a leg ended.
public enum CallLegOutcome: String, Hashable, Sendable, CaseIterable {
    case answered
    case noAnswer = "no_answer"
    case busy
    case rejected
    case cancelled
    case failed
}

/// A forwarding step the call took before reaching the platform (RFC 5806 Diversion,
/// RFC 7044 History-Info).
public struct DiversionEntry: Hashable, Sendable {
    /// Which header it came from.
    public enum Source: String, Hashable, Sendable {
        case diversion
        case historyInfo = "history_info"
    }

    /// The forwarding number.
    public var number: String
    /// The reason given (`busy`, `no-answer`, `unconditional`, …).
    public var reason: String?
    /// The header it came from.
    public var source: Source

    /// Creates a value from its parts (defaults as documented on each property).
    public init(number: String, reason: String? = nil, source: Source) {
        self.number = number
        self.reason = reason
        self.source = source
    }
}

/// One leg of a call: a party that was called (or called in), answered or not.
public struct CallLeg: Hashable, Sendable {
    /// The identifier the store gave it.
    public var id: CallLegID
    /// 1, 2, … in the order the legs started.
    public var sequence: Int
    /// What kind it is.
    public var kind: CallLegKind
    /// The agent who answered.
    public var agentID: AgentID?
    /// The number dialled or presented on this leg (may be masked on display, never here).
    public var number: String?
    /// The trunk the leg went through, if external.
    public var trunkID: TrunkID?
    /// The SIP Call-ID of this leg.
    public var sipCallID: String?
    /// When the leg was set up (INVITE sent or received).
    public var startedAt: Date
    /// When an agent answered.
    public var answeredAt: Date?
    /// When the last party hung up.
    public var endedAt: Date
    /// How the leg ended.
    public var outcome: CallLegOutcome
    /// The final SIP status of the leg (486, 408, …), when it did not answer.
    public var sipStatus: Int?
    /// How often the leg was put on hold.
    public var holdCount: Int
    /// Time on hold in all.
    public var holdMilliseconds: Int

    /// Creates a value from its parts (defaults as documented on each property).
    public init(
        id: CallLegID = .generate(), sequence: Int, kind: CallLegKind, agentID: AgentID? = nil, number: String? = nil,
        trunkID: TrunkID? = nil, sipCallID: String? = nil, startedAt: Date, answeredAt: Date? = nil, endedAt: Date,
        outcome: CallLegOutcome, sipStatus: Int? = nil, holdCount: Int = 0, holdMilliseconds: Int = 0
    ) {
        self.id = id
        self.sequence = sequence
        self.kind = kind
        self.agentID = agentID
        self.number = number
        self.trunkID = trunkID
        self.sipCallID = sipCallID
        self.startedAt = startedAt
        self.answeredAt = answeredAt
        self.endedAt = endedAt
        self.outcome = outcome
        self.sipStatus = sipStatus
        self.holdCount = holdCount
        self.holdMilliseconds = holdMilliseconds
    }
}

/// One call, as reports and the CDR API show it.
public struct CallDetailRecord: Hashable, Sendable, Identifiable {
    /// The identifier the store gave it.
    public var id: CallDetailRecordID
    /// The platform's call id (unique per tenant; a second record for it is refused).
    public var callID: String
    /// Inbound, outbound or internal.
    public var direction: CallDirection
    /// The caller's number (P-Asserted-Identity from trusted trunks).
    public var callerNumber: String
    /// The caller asked for privacy (`Privacy: id`): never show the number to agents.
    public var callerHidden: Bool
    /// The number dialled.
    public var calledNumber: String
    /// The tenant's access number that was dialled.
    public var accessNumberID: AccessNumberID?
    /// When the INVITE arrived (or the outbound call started).
    public var arrivedAt: Date
    /// When the IVR flow started.
    public var ivrStartedAt: Date?
    /// When the call joined a queue.
    public var enqueuedAt: Date?
    /// When the call was first offered to an agent.
    public var offeredAt: Date?
    public var answeredAt: Date?
    public var endedAt: Date
    /// The queue the call waited in last.
    public var queueID: QueueID?
    public var agentID: AgentID?
    /// The answering agent's work number at the time (报工号), kept even if the agent goes.
    public var agentWorkNumber: String?
    /// The answering agent's organization at the time, for grouped reports.
    public var teamID: TeamID?
    public var siteID: SiteID?
    public var partnerID: PartnerID?
    /// Who ended the call.
    public var hungUpBy: HangupParty
    /// How the call ended.
    public var disposition: CallDisposition
    /// The caller's satisfaction survey answer (0-10), if they gave one.
    public var surveyScore: Int?
    /// The call's recording, if recorded.
    public var recordingID: RecordingID?
    /// How many times the call was forwarded (at most two are allowed).
    public var forwardCount: Int
    /// Forwarding before the call reached the platform (Diversion, History-Info), oldest first.
    public var diversions: [DiversionEntry]
    /// Data the IVR collected (menu choices, account number, …).
    public var callData: [String: String]
    /// The trace id in every log line of this call.
    public var traceID: String?
    /// Every leg, in order, including transfer attempts nobody answered.
    public var legs: [CallLeg]
    /// When the record was written (set by the store).
    public var createdAt: Date

    /// Creates a value from its parts (defaults as documented on each property).
    public init(
        id: CallDetailRecordID = .generate(), callID: String, direction: CallDirection = .inbound, callerNumber: String,
        callerHidden: Bool = false, calledNumber: String, accessNumberID: AccessNumberID? = nil, arrivedAt: Date,
        ivrStartedAt: Date? = nil, enqueuedAt: Date? = nil, offeredAt: Date? = nil, answeredAt: Date? = nil,
        endedAt: Date, queueID: QueueID? = nil, agentID: AgentID? = nil, agentWorkNumber: String? = nil,
        teamID: TeamID? = nil, siteID: SiteID? = nil, partnerID: PartnerID? = nil, hungUpBy: HangupParty,
        disposition: CallDisposition, surveyScore: Int? = nil, recordingID: RecordingID? = nil, forwardCount: Int = 0,
        diversions: [DiversionEntry] = [], callData: [String: String] = [:], traceID: String? = nil,
        legs: [CallLeg] = [], createdAt: Date = Date(timeIntervalSince1970: 0)
    ) {
        self.id = id
        self.callID = callID
        self.direction = direction
        self.callerNumber = callerNumber
        self.callerHidden = callerHidden
        self.calledNumber = calledNumber
        self.accessNumberID = accessNumberID
        self.arrivedAt = arrivedAt
        self.ivrStartedAt = ivrStartedAt
        self.enqueuedAt = enqueuedAt
        self.offeredAt = offeredAt
        self.answeredAt = answeredAt
        self.endedAt = endedAt
        self.queueID = queueID
        self.agentID = agentID
        self.agentWorkNumber = agentWorkNumber
        self.teamID = teamID
        self.siteID = siteID
        self.partnerID = partnerID
        self.hungUpBy = hungUpBy
        self.disposition = disposition
        self.surveyScore = surveyScore
        self.recordingID = recordingID
        self.forwardCount = forwardCount
        self.diversions = diversions
        self.callData = callData
        self.traceID = traceID
        self.legs = legs
        self.createdAt = createdAt
    }
}

/// Which records a CDR query returns; every condition given must hold.
public struct CallDetailRecordFilter: Hashable, Sendable {
    /// Calls that arrived at or after this time.
    public var from: Date?
    /// Calls that arrived before this time.
    public var to: Date?
    /// Calls from or to this number (exact).
    public var number: String?
    public var agentID: AgentID?
    public var queueID: QueueID?
    public var disposition: CallDisposition?
    /// Calls handled by this partner's agents (a partner manager's view).
    public var partnerID: PartnerID?
    public var teamID: TeamID?
    /// Calls handled in one of these teams (a team lead's view); an empty set matches nothing.
    public var teamIDs: Set<TeamID>?
    /// With ``teamIDs``: also the calls no agent handled (abandoned, self-service, voicemail).
    public var includingUnhandled: Bool = false
    /// Calls handled at this site.
    public var siteID: SiteID?
    /// Calls handled at a site in this region.
    public var region: String?

    /// Creates a value from its parts (defaults as documented on each property).
    public init(
        from: Date? = nil, to: Date? = nil, number: String? = nil, agentID: AgentID? = nil, queueID: QueueID? = nil,
        disposition: CallDisposition? = nil, partnerID: PartnerID? = nil, teamID: TeamID? = nil,
        teamIDs: Set<TeamID>? = nil, siteID: SiteID? = nil, region: String? = nil
    ) {
        self.teamIDs = teamIDs
        self.siteID = siteID
        self.region = region
        self.from = from
        self.to = to
        self.number = number
        self.agentID = agentID
        self.queueID = queueID
        self.disposition = disposition
        self.partnerID = partnerID
        self.teamID = teamID
    }
}

/// What call records are grouped by in a report.
public enum CallDetailRecordGrouping: String, Hashable, Sendable, CaseIterable {
    case team, site, partner, region
}

/// The counts of one group of call records.
public struct CallDetailRecordGroup: Hashable, Sendable {
    /// The team, site or partner id, or the region; `nil` for calls handled by nobody in one.
    public var key: String?
    /// Calls in the group.
    public var calls: Int
    public var answered: Int
    public var abandoned: Int
    /// Seconds from answer to end, summed over answered calls.
    public var talkSeconds: Int
}

/// A page of records, newest first, and the cursor of the next page.
public struct CallDetailRecordPage: Hashable, Sendable {
    /// The page's records, newest first.
    public var records: [CallDetailRecord]
    /// Pass to the next query for the following page; `nil` on the last page.
    public var nextCursor: String?
}
