// Agent state history: every change of an agent's state, the basis of attendance and
// occupancy reports.
import Foundation

/// An agent state as the ACD names it. A string type rather than a closed enum, so the
/// ACD can add states without a schema change; the common ones are constants.
public struct AgentStateName: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    /// Creates a value from its parts (defaults as documented on each property).
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Creates a value from its parts (defaults as documented on each property).
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    public static let signedOut: AgentStateName = "signed_out"
    public static let ready: AgentStateName = "ready"
    public static let notReady: AgentStateName = "not_ready"
    public static let reserved: AgentStateName = "reserved"
    public static let ringing: AgentStateName = "ringing"
    public static let talking: AgentStateName = "talking"
    public static let held: AgentStateName = "held"
    public static let wrapUp: AgentStateName = "wrap_up"
}

/// Where a state change came from.
public enum AgentStateSource: String, Hashable, Sendable, CaseIterable {
    /// A feature code dialled on the phone.
    case phone
    /// The web desktop's call bar.
    case desktop
    /// A supervisor forced it.
    case supervisor
    /// The platform (call offered, answered, ended; registration lost; reconciliation).
    case system
    /// An integration through the API.
    case api
}

/// One state change.
public struct AgentStateChange: Hashable, Sendable, Identifiable {
    /// The identifier the store gave it.
    public var id: AgentStateEventID
    public var agentID: AgentID
    public var occurredAt: Date
    public var state: AgentStateName
    /// The not-ready reason code (`rest`), when the state has one.
    public var reasonCode: String?
    /// The call the change belongs to, if any.
    public var callID: String?
    public var source: AgentStateSource
    /// The user who made the change (the agent, or a supervisor).
    public var actorUserID: UserID?

    /// Creates a value from its parts (defaults as documented on each property).
    public init(
        id: AgentStateEventID = .generate(), agentID: AgentID, occurredAt: Date, state: AgentStateName,
        reasonCode: String? = nil, callID: String? = nil, source: AgentStateSource, actorUserID: UserID? = nil
    ) {
        self.id = id
        self.agentID = agentID
        self.occurredAt = occurredAt
        self.state = state
        self.reasonCode = reasonCode
        self.callID = callID
        self.source = source
        self.actorUserID = actorUserID
    }
}
