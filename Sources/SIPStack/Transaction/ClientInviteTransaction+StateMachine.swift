// The INVITE client transaction of RFC 3261 §17.1.1 with RFC 6026's `accepted` state, sans I/O.

import SIP

/// Namespace of the INVITE client transaction.
public enum ClientInviteTransaction {
    /// The states of Figure 5 as amended by RFC 6026 §7.2.
    public enum State: Hashable, Sendable {
        case calling, proceeding, completed, accepted, terminated
    }

    /// The INVITE client transaction (RFC 3261 §17.1.1, RFC 6026 §7.2): events in, actions out.
    ///
    /// `calling` retransmits the INVITE on Timer A (T1, doubling) over UDP until a response or
    /// Timer B (64·T1); a 1xx moves to `proceeding`; a 300-699 moves to `completed`, where the
    /// ACK is sent (and re-sent for every retransmitted final response) until Timer D; a 2xx
    /// moves to `accepted`, where further 2xx go to the TU (which ACKs them) until Timer M.
    public struct StateMachine: Sendable {
        /// The current state.
        public private(set) var state: State = .calling
        /// The INVITE this transaction sends.
        public let request: SIPRequest
        /// Whether the transport is reliable (TCP): no retransmissions, zero wait timers.
        public let isReliable: Bool
        /// The timer values.
        public let timers: TransactionTimers
        private var timerAInterval: Duration

        /// A transaction for `request`, not started.
        public init(request: SIPRequest, isReliable: Bool, timers: TransactionTimers = .default) {
            self.request = request
            self.isReliable = isReliable
            self.timers = timers
            self.timerAInterval = timers.t1
        }

        /// Sends the INVITE and starts Timers A (UDP) and B.
        public mutating func start() -> [TransactionAction] {
            var actions: [TransactionAction] = [.send(.request(request))]
            if !isReliable { actions.append(.scheduleTimer(.timerA, after: timerAInterval)) }
            actions.append(.scheduleTimer(.timerB, after: timers.transactionTimeout))
            return actions
        }

        /// A response to this INVITE arrived.
        public mutating func responseReceived(_ response: SIPResponse) -> [TransactionAction] {
            let status = response.status
            switch state {
            case .calling, .proceeding:
                if status.isProvisional {
                    let wasCalling = state == .calling
                    state = .proceeding
                    var actions: [TransactionAction] = []
                    if wasCalling && !isReliable { actions.append(.cancelTimer(.timerA)) }
                    actions.append(.passToTransactionUser(.response(response)))
                    return actions
                }
                var actions: [TransactionAction] = []
                if state == .calling && !isReliable { actions.append(.cancelTimer(.timerA)) }
                actions.append(.cancelTimer(.timerB))
                if status.isSuccess {
                    state = .accepted
                    actions.append(.passToTransactionUser(.response(response)))
                    actions.append(.scheduleTimer(.timerM, after: timers.transactionTimeout))
                } else {
                    state = .completed
                    actions.append(.send(.request(request.makeAck(for: response))))
                    actions.append(.passToTransactionUser(.response(response)))
                    actions.append(.scheduleTimer(.timerD, after: timers.timerD(reliable: isReliable)))
                }
                return actions
            case .completed:
                // A retransmitted final response: re-send the ACK, tell the TU nothing.
                return status.isProvisional || status.isSuccess ? [] : [.retransmit]
            case .accepted:
                return status.isSuccess ? [.passToTransactionUser(.response(response))] : []
            case .terminated:
                return []
            }
        }

        /// A timer this machine scheduled fired.
        public mutating func timerFired(_ timer: TransactionTimer) -> [TransactionAction] {
            switch (state, timer) {
            case (.calling, .timerA):
                timerAInterval = timerAInterval * 2
                return [.retransmit, .scheduleTimer(.timerA, after: timerAInterval)]
            case (.calling, .timerB):
                state = .terminated
                return [.cancelTimer(.timerA), .reportTimeout, .terminate]
            case (.completed, .timerD), (.accepted, .timerM):
                state = .terminated
                return [.terminate]
            default:
                return []
            }
        }

        /// The transport could not deliver the request or the ACK.
        public mutating func transportFailed() -> [TransactionAction] {
            guard state == .calling || state == .proceeding else { return [] }
            state = .terminated
            return [.cancelTimer(.timerA), .cancelTimer(.timerB), .reportTransportError, .terminate]
        }
    }
}
