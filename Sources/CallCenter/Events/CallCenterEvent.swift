// What the call path tells the rest of the platform (API, wallboard, desktop): calls and
// agent states, each with its tenant, call id and agent.

import Foundation

/// Something that happened in a tenant's contact center.
public struct CallCenterEvent: Sendable, Hashable {
    /// What happened.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case callArrived = "call.arrived"
        case callRejected = "call.rejected"
        case callQueued = "call.queued"
        case callOffered = "call.offered"
        case callAnswered = "call.answered"
        case callHeld = "call.held"
        case callResumed = "call.resumed"
        /// The caller went to another party (details: `to`; a single-step transfer to an agent or
        /// number adds `state` ringing/completed/failed/cancelled, and `reason` when it failed,
        /// after which the caller is back with the agent; a completed consultation `after`).
        case callTransferred = "call.transferred"
        /// The agent consults another party (details: `target`, `state` ringing/talking/failed/cancelled).
        case callConsulting = "call.consulting"
        /// Caller, agent and consulted party in one conference.
        case callConferenced = "call.conferenced"
        /// A supervisor joined (details: `mode` listen/whisper/barge/intercept/release, `supervisor`).
        case callSupervised = "call.supervised"
        case callMuted = "call.muted"
        case callUnmuted = "call.unmuted"
        case callEnded = "call.ended"
        case agentStateChanged = "agent.state"
        case agentDeviceChanged = "agent.device"
        /// A not-ready limit was exceeded or refused a request (details: `reason`, `limit`
        /// duration/per_shift/per_team, `maximum`, `count`, `team`, `refused`).
        case agentLimitBreached = "agent.limit"
    }

    /// What happened.
    public var kind: Kind
    /// The tenant.
    public var tenantID: String
    /// The call (SIP Call-ID of the customer leg), if about a call.
    public var callID: String?
    /// The agent (store id), if about an agent.
    public var agentID: String?
    /// When.
    public var at: Date
    /// Details (queue, caller, states, reasons), as strings for the event stream.
    public var details: [String: String]

    /// An event.
    public init(_ kind: Kind, tenantID: String, callID: String? = nil, agentID: String? = nil, at: Date = Date(), details: [String: String] = [:]) {
        self.kind = kind
        self.tenantID = tenantID
        self.callID = callID
        self.agentID = agentID
        self.at = at
        self.details = details
    }
}
