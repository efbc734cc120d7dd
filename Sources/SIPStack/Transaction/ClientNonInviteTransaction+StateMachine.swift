// The non-INVITE client transaction of RFC 3261 §17.1.2, sans I/O.

import SIP

/// Namespace of the non-INVITE client transaction.
public enum ClientNonInviteTransaction {
    /// The states of Figure 6.
    public enum State: Hashable, Sendable {
        case trying, proceeding, completed, terminated
    }

    /// The non-INVITE client transaction (RFC 3261 §17.1.2): events in, actions out.
    ///
    /// Over UDP the request is retransmitted on Timer E: T1, doubling up to T2 in `trying`,
    /// every T2 in `proceeding`. Timer F (64·T1) ends it with a timeout. A final response moves
    /// to `completed`, which absorbs retransmitted responses until Timer K (T4 over UDP).
    public struct StateMachine: Sendable {
        /// The current state.
        public private(set) var state: State = .trying
        /// The request this transaction sends.
        public let request: SIPRequest
        /// Whether the transport is reliable.
        public let isReliable: Bool
        /// The timer values.
        public let timers: TransactionTimers
        private var timerEInterval: Duration

        /// A transaction for `request`, not started.
        public init(request: SIPRequest, isReliable: Bool, timers: TransactionTimers = .default) {
            self.request = request
            self.isReliable = isReliable
            self.timers = timers
            self.timerEInterval = timers.t1
        }

        /// Sends the request and starts Timers E (UDP) and F.
        public mutating func start() -> [TransactionAction] {
            var actions: [TransactionAction] = [.send(.request(request))]
            if !isReliable { actions.append(.scheduleTimer(.timerE, after: timerEInterval)) }
            actions.append(.scheduleTimer(.timerF, after: timers.transactionTimeout))
            return actions
        }

        /// A response to the request arrived.
        public mutating func responseReceived(_ response: SIPResponse) -> [TransactionAction] {
            switch state {
            case .trying, .proceeding:
                if response.status.isProvisional {
                    state = .proceeding
                    return [.passToTransactionUser(.response(response))]
                }
                state = .completed
                var actions: [TransactionAction] = []
                if !isReliable { actions.append(.cancelTimer(.timerE)) }
                actions.append(.cancelTimer(.timerF))
                actions.append(.passToTransactionUser(.response(response)))
                actions.append(.scheduleTimer(.timerK, after: timers.timerIK(reliable: isReliable)))
                return actions
            case .completed, .terminated:
                return []
            }
        }

        /// A timer this machine scheduled fired.
        public mutating func timerFired(_ timer: TransactionTimer) -> [TransactionAction] {
            switch (state, timer) {
            case (.trying, .timerE):
                timerEInterval = min(timerEInterval * 2, timers.t2)
                return [.retransmit, .scheduleTimer(.timerE, after: timerEInterval)]
            case (.proceeding, .timerE):
                return [.retransmit, .scheduleTimer(.timerE, after: timers.t2)]
            case (.trying, .timerF), (.proceeding, .timerF):
                state = .terminated
                return [.cancelTimer(.timerE), .reportTimeout, .terminate]
            case (.completed, .timerK):
                state = .terminated
                return [.terminate]
            default:
                return []
            }
        }

        /// The transport could not deliver the request.
        public mutating func transportFailed() -> [TransactionAction] {
            guard state == .trying || state == .proceeding else { return [] }
            state = .terminated
            return [.cancelTimer(.timerE), .cancelTimer(.timerF), .reportTransportError, .terminate]
        }
    }
}
