// The non-INVITE server transaction of RFC 3261 §17.2.2, sans I/O.

import SIP

/// Namespace of the non-INVITE server transaction.
public enum ServerNonInviteTransaction {
    /// The states of Figure 8.
    public enum State: Hashable, Sendable {
        case trying, proceeding, completed, terminated
    }

    /// The non-INVITE server transaction (RFC 3261 §17.2.2): events in, actions out.
    ///
    /// Retransmitted requests are absorbed in `trying`, answered with the last provisional in
    /// `proceeding` and with the final response in `completed`, which lasts Timer J (64·T1
    /// over UDP, zero over TCP).
    public struct StateMachine: Sendable {
        /// The current state.
        public private(set) var state: State = .trying
        /// Whether the transport is reliable.
        public let isReliable: Bool
        /// The timer values.
        public let timers: TransactionTimers

        /// A transaction for a newly received request.
        public init(isReliable: Bool, timers: TransactionTimers = .default) {
            self.isReliable = isReliable
            self.timers = timers
        }

        /// The request that created the transaction arrived: hand it to the TU.
        public mutating func requestReceived(_ request: SIPRequest) -> [TransactionAction] {
            [.passToTransactionUser(.request(request))]
        }

        /// The same request arrived again.
        public mutating func requestRetransmitted() -> [TransactionAction] {
            switch state {
            case .proceeding, .completed: return [.retransmit]
            case .trying, .terminated: return []
            }
        }

        /// The TU sends `response`.
        public mutating func responseSent(_ response: SIPResponse) -> [TransactionAction] {
            switch state {
            case .trying, .proceeding:
                if response.status.isProvisional {
                    state = .proceeding
                    return [.send(.response(response))]
                }
                state = .completed
                let wait = timers.timerJ(reliable: isReliable)
                return [.send(.response(response)), .scheduleTimer(.timerJ, after: wait)]
            case .completed, .terminated:
                return []
            }
        }

        /// A timer this machine scheduled fired.
        public mutating func timerFired(_ timer: TransactionTimer) -> [TransactionAction] {
            guard state == .completed, timer == .timerJ else { return [] }
            state = .terminated
            return [.terminate]
        }

        /// The transport could not deliver a response.
        public mutating func transportFailed() -> [TransactionAction] {
            guard state != .terminated else { return [] }
            state = .terminated
            return [.cancelTimer(.timerJ), .reportTransportError, .terminate]
        }
    }
}
