// The states an agent is seen in, and the states an agent (or supervisor) can ask for.

/// What an agent is doing, as the desktop, wallboard and state history show it.
///
/// The state follows from two things the engine tracks: what the agent chose (signed out,
/// ready, not ready with a reason) and the work it holds (an offer ringing, a task in
/// progress, wrap-up). Work wins: an agent who asked for a break during a call stays `busy`,
/// then `wrapUp`, and only then shows `notReady(reason)`.
public enum AgentState: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Not signed in (签出).
    case signedOut
    /// Waiting for work (示闲).
    case ready
    /// Signed in but taking no work (示忙), with the reason.
    case notReady(NotReadyReasonID)
    /// An offer is ringing at the agent (振铃).
    case reserved
    /// Handling a task (通话 / 处理中).
    case busy
    /// After-call work (话后处理).
    case wrapUp

    /// The state without its reason, for counting and reports.
    public var kind: Kind {
        switch self {
        case .signedOut: .signedOut
        case .ready: .ready
        case .notReady: .notReady
        case .reserved: .reserved
        case .busy: .busy
        case .wrapUp: .wrapUp
        }
    }

    /// The not-ready reason, when there is one.
    public var notReadyReason: NotReadyReasonID? {
        if case .notReady(let reason) = self { return reason }
        return nil
    }

    public var description: String {
        switch self {
        case .signedOut: "signed out"
        case .ready: "ready"
        case .notReady(let reason): "not ready (\(reason))"
        case .reserved: "reserved"
        case .busy: "busy"
        case .wrapUp: "wrap-up"
        }
    }

    /// An agent state without its reason.
    public enum Kind: String, CaseIterable, Hashable, Sendable, Codable {
        case signedOut, ready, notReady, reserved, busy, wrapUp

        var index: Int {
            switch self {
            case .signedOut: 0
            case .ready: 1
            case .notReady: 2
            case .reserved: 3
            case .busy: 4
            case .wrapUp: 5
            }
        }
    }
}

/// What an agent (or a supervisor for them) asks to be.
public enum AgentPresenceRequest: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Ready for work; during wrap-up this also ends wrap-up early.
    case ready
    /// Not ready, for a configured reason.
    case notReady(NotReadyReasonID)

    public var description: String {
        switch self {
        case .ready: "ready"
        case .notReady(let reason): "not ready (\(reason))"
        }
    }
}
