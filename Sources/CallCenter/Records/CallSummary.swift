// What a call session notes down as the call goes, for its call detail record.

import Foundation

/// The facts of one call, filled in as they happen and written once at the end.
public struct CallSummary: Sendable {
    /// Who ended the call.
    public enum Party: String, Sendable {
        case caller, agent, callee, supervisor, system
    }

    /// How the call ended.
    public enum Disposition: String, Sendable {
        case answered, abandoned, rejected, voicemail, selfService, notAnswered, forwarded, callbackRequested, failed
    }

    /// One leg towards an agent or a number.
    public struct Leg: Sendable {
        /// The store's leg kind when it is not plain (`transfer`, `consult`, ...).
        public var kind: String?
        public var agentID: String?
        public var number: String?
        public var sipCallID: String?
        public var startedAt: Date
        public var answeredAt: Date?
        public var endedAt: Date?
        /// answered, no_answer, busy, rejected, cancelled, failed (the store's words).
        public var outcome: String = "failed"
        public var sipStatus: Int?
        public var holdCount = 0
        public var holdMilliseconds = 0
    }

    public var tenantID: String
    public var callID: String
    /// `inbound`, `outbound` (callbacks, click-to-dial) or `internal`.
    public var direction = "inbound"
    /// The caller's number (P-Asserted-Identity from trusted trunks, else From).
    public var callerNumber: String
    /// The caller asked for privacy (CLIR): agents never see ``callerNumber``.
    public var callerHidden = false
    /// Times the call was forwarded: before it arrived plus by the platform (at most two).
    public var forwardCount = 0
    /// Forwarding before the call arrived (Diversion, History-Info), oldest first.
    var forwardings: [CallerIdentity.Forwarding] = []
    public var calledNumber: String
    public var accessNumberID: String?
    public var arrivedAt: Date
    public var ivrStartedAt: Date?
    public var enqueuedAt: Date?
    public var offeredAt: Date?
    public var answeredAt: Date?
    public var endedAt: Date?
    public var queueID: String?
    public var agentID: String?
    public var agentWorkNumber: String?
    public var teamID: String?
    /// The answering agent's site and partner at call time (reports group by them).
    public var siteID: String?
    public var partnerID: String?
    public var hungUpBy: Party = .system
    public var disposition: Disposition = .failed
    public var surveyScore: Int?
    public var recording: RecordingFile?
    public var callData: [String: String] = [:]
    public var customerLegAnswered: Date?
    public var legs: [Leg] = []

    /// A call's recording file (path relative to the data directory), its length, size and start.
    public typealias RecordingFile = (path: String, durationMilliseconds: Int, sizeBytes: Int, startedAt: Date)

    /// A summary for a call that just arrived.
    public init(tenantID: String, callID: String, callerNumber: String, calledNumber: String, arrivedAt: Date) {
        self.tenantID = tenantID
        self.callID = callID
        self.callerNumber = callerNumber
        self.calledNumber = calledNumber
        self.arrivedAt = arrivedAt
    }
}
