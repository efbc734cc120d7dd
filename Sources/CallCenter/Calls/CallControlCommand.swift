// What the call bar and the supervisor board may do to a live call (hold, transfer, consult,
// survey, listen, intercept, ...), who asks, and why a request is refused.

import Foundation

/// How a supervisor joins a call.
public enum SupervisionMode: String, Sendable, Hashable, CaseIterable {
    /// Hears caller and agent, heard by nobody (监听).
    case listen
    /// Hears both, heard by the agent only (耳语).
    case whisper
    /// Everyone hears everyone (强插).
    case barge
}

/// Where a single-step transfer or a consultation goes.
public enum CallTransferTarget: Sendable, Hashable {
    /// An agent of the tenant, by work number or extension.
    case agent(String)
    /// A queue of the tenant, by id or name.
    case queue(String)
    /// An external number, dialled through the tenant's trunk.
    case external(String)
    /// A published IVR flow (转自动), from its start or from `node`.
    case ivr(flow: String, node: String?)

    /// A target from the API's `kind` and `value` (`ivr` values are `flow` or `flow#node`).
    public init(kind: String, value: String) throws(CallControlRefusal) {
        let value = value.trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty else { throw .invalidTarget("target.value is empty", field: "target.value") }
        switch kind {
        case "agent": self = .agent(value)
        case "queue": self = .queue(value)
        case "external":
            let digits = value.hasPrefix("+") ? value.dropFirst() : Substring(value)
            guard (3...20).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw .invalidTarget("an external number has 3 to 20 digits (an optional leading +), got '\(value)'", field: "target.value")
            }
            self = .external(value)
        case "ivr":
            let parts = value.split(separator: "#", maxSplits: 1).map(String.init)
            self = .ivr(flow: parts[0], node: parts.count > 1 ? parts[1] : nil)
        default:
            throw .invalidTarget("target.kind must be agent, queue, external or ivr, got '\(kind)'", field: "target.kind")
        }
    }
}

/// Something done to a live call from the call bar (agent) or the board (supervisor).
public enum CallControlCommand: Sendable, Hashable {
    /// The offer ringing at the agent's phone is placed again with auto-answer headers, so
    /// the call bar's answer button connects it on any common softphone (接听).
    case answer
    /// The agent's side ends (挂机); a caller in a flow goes on with it.
    case hangUp
    /// The caller hears music on hold; the agent hears nothing (保持).
    case hold
    /// Back to the conversation (恢复).
    case resume
    /// The caller no longer hears the agent (静音).
    case mute
    case unmute
    /// Single-step transfer (转接), the agent's part ends at once.
    case transfer(CallTransferTarget)
    /// Consultation (咨询): the caller on hold, the agent rings `target`.
    case consult(CallTransferTarget)
    /// The consulted party takes the caller over; the agent leaves.
    case consultComplete
    /// Caller, agent and consulted party in one conference (会议).
    case consultConference
    /// The consulted party is released; the agent is back with the caller.
    case consultCancel
    /// The agent leaves and the caller takes the satisfaction survey (下发满意度).
    case survey
    /// A supervisor's phone joins in `mode` (监听, 耳语, 强插).
    case supervise(SupervisionMode)
    /// A supervisor takes the caller over from the agent (拦截).
    case intercept
    /// A supervisor ends the whole call (强拆).
    case release

    /// The word the audit log and the events use.
    public var name: String {
        switch self {
        case .answer: "answer"
        case .hangUp: "hangup"
        case .hold: "hold"
        case .resume: "resume"
        case .mute: "mute"
        case .unmute: "unmute"
        case .transfer: "transfer"
        case .consult: "consult"
        case .consultComplete: "consult.complete"
        case .consultConference: "consult.conference"
        case .consultCancel: "consult.cancel"
        case .survey: "survey"
        case .supervise(let mode): "supervise.\(mode.rawValue)"
        case .intercept: "intercept"
        case .release: "release"
        }
    }

    /// Whether only supervisors (and tenant admins) may do it.
    public var isSupervisorAction: Bool {
        switch self {
        case .supervise, .intercept, .release: true
        default: false
        }
    }
}

/// Who asks for a call-control action.
public struct CallControlRequester: Sendable, Hashable {
    /// The agent (store id) the user is, if any: an agent acts only on their own calls, and
    /// a supervisor's phone is this agent's registered extension.
    public var agentID: String?
    /// Whether the user acts on other agents' calls (supervisor, tenant admin, API key).
    public var supervises: Bool
    /// The agents (store ids) a supervising user's scope holds: their calls only (a team
    /// lead's teams, a partner's agents); `nil`: every call of the tenant.
    public var scope: Set<String>?
    /// With a ``scope``: whether calls not yet with any agent (IVR, queue) are in it too.
    public var scopeIncludesWaiting: Bool

    /// A requester.
    public init(agentID: String?, supervises: Bool, scope: Set<String>? = nil, scopeIncludesWaiting: Bool = false) {
        self.agentID = agentID
        self.supervises = supervises
        self.scope = scope
        self.scopeIncludesWaiting = scopeIncludesWaiting
    }
}

/// Why a call-control action was refused, in words the call bar can show.
public enum CallControlRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// No such live call in the tenant (also another tenant's call).
    case notFound(String)
    /// The requester may not act on this call.
    case forbidden(String)
    /// The call is not in a state that allows it (resume when not held, ...).
    case conflict(String)
    /// The target, destination or caller ID is not usable.
    case invalidTarget(String, field: String)

    public var description: String {
        switch self {
        case .notFound(let message), .forbidden(let message), .conflict(let message), .invalidTarget(let message, _): message
        }
    }
}
