// The INVITE server transaction of RFC 3261 §17.2.1 with RFC 6026's `accepted` state, sans I/O.

import SIP

/// Namespace of the INVITE server transaction.
public enum ServerInviteTransaction {
    /// The states of Figure 7 as amended by RFC 6026 §7.1.
    public enum State: Hashable, Sendable {
        case proceeding, completed, confirmed, accepted, terminated
    }

    /// The INVITE server transaction (RFC 3261 §17.2.1, RFC 6026 §7.1): events in, actions out.
    ///
    /// In `proceeding` the TU's provisional responses are sent and the last one is re-sent for
    /// every retransmitted INVITE. A 2xx moves to `accepted` (the TU retransmits the 2xx until
    /// the ACK; Timer L absorbs INVITE retransmissions). A 300-699 moves to `completed`, where
    /// it is retransmitted on Timer G (T1, doubling up to T2) over UDP until the ACK
    /// (`confirmed`, Timer I) or Timer H (64·T1, a timeout).
    public struct StateMachine: Sendable {
        /// The current state.
        public private(set) var state: State = .proceeding
        /// Whether the transport is reliable.
        public let isReliable: Bool
        /// The timer values.
        public let timers: TransactionTimers
        private var timerGInterval: Duration
        private var hasSentResponse = false

        /// A transaction for a newly received INVITE.
        public init(isReliable: Bool, timers: TransactionTimers = .default) {
            self.isReliable = isReliable
            self.timers = timers
            self.timerGInterval = timers.t1
        }

        /// The INVITE that created the transaction arrived: hand it to the TU.
        public mutating func requestReceived(_ request: SIPRequest) -> [TransactionAction] {
            [.passToTransactionUser(.request(request))]
        }

        /// The same INVITE arrived again (a retransmission).
        public mutating func requestRetransmitted() -> [TransactionAction] {
            switch state {
            case .proceeding: return hasSentResponse ? [.retransmit] : []
            case .completed: return [.retransmit]
            case .confirmed, .accepted, .terminated: return []
            }
        }

        /// The TU sends `response`.
        public mutating func responseSent(_ response: SIPResponse) -> [TransactionAction] {
            let status = response.status
            switch state {
            case .proceeding:
                hasSentResponse = true
                if status.isProvisional { return [.send(.response(response))] }
                if status.isSuccess {
                    state = .accepted
                    return [.send(.response(response)), .scheduleTimer(.timerL, after: timers.transactionTimeout)]
                }
                state = .completed
                var actions: [TransactionAction] = [.send(.response(response))]
                if !isReliable { actions.append(.scheduleTimer(.timerG, after: timerGInterval)) }
                actions.append(.scheduleTimer(.timerH, after: timers.transactionTimeout))
                return actions
            case .accepted:
                // The TU's retransmission of its 2xx (RFC 6026 §7.1).
                return status.isSuccess ? [.send(.response(response))] : []
            case .completed, .confirmed, .terminated:
                return []
            }
        }

        /// An ACK for the final response arrived (matching this transaction's branch).
        public mutating func ackReceived(_ ack: SIPRequest) -> [TransactionAction] {
            switch state {
            case .completed:
                state = .confirmed
                var actions: [TransactionAction] = []
                if !isReliable { actions.append(.cancelTimer(.timerG)) }
                actions.append(.cancelTimer(.timerH))
                actions.append(.scheduleTimer(.timerI, after: timers.timerIK(reliable: isReliable)))
                return actions
            case .accepted:
                // An ACK for a 2xx that reuses the INVITE's branch (RFC 2543 peers): the TU's.
                return [.passToTransactionUser(.request(ack))]
            case .proceeding, .confirmed, .terminated:
                return []
            }
        }

        /// A timer this machine scheduled fired.
        public mutating func timerFired(_ timer: TransactionTimer) -> [TransactionAction] {
            switch (state, timer) {
            case (.completed, .timerG):
                timerGInterval = min(timerGInterval * 2, timers.t2)
                return [.retransmit, .scheduleTimer(.timerG, after: timerGInterval)]
            case (.completed, .timerH):
                state = .terminated
                return [.cancelTimer(.timerG), .reportTimeout, .terminate]
            case (.confirmed, .timerI), (.accepted, .timerL):
                state = .terminated
                return [.terminate]
            default:
                return []
            }
        }

        /// The transport could not deliver a response.
        public mutating func transportFailed() -> [TransactionAction] {
            guard state != .terminated else { return [] }
            state = .terminated
            return [.cancelTimer(.timerG), .cancelTimer(.timerH), .cancelTimer(.timerL), .reportTransportError, .terminate]
        }
    }
}
