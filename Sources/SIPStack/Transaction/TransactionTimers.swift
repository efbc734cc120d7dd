// The timer values of RFC 3261 §17 (Table 4) as one configuration value, and the timer names.

/// T1, T2 and T4 and the timers derived from them (RFC 3261 §17, Table 4; RFC 6026 §8).
///
/// A value, never a global: tests shorten them, a deployment on a lossy network may lengthen
/// them. Timer C belongs to proxies, which Kefu is not, so it has no entry.
public struct TransactionTimers: Hashable, Sendable {
    /// RTT estimate, default 500 ms.
    public var t1: Duration
    /// Maximum retransmit interval for non-INVITE requests and INVITE responses, default 4 s.
    public var t2: Duration
    /// Maximum duration a message stays in the network, default 5 s.
    public var t4: Duration

    /// The RFC defaults unless given.
    public init(t1: Duration = .milliseconds(500), t2: Duration = .seconds(4), t4: Duration = .seconds(5)) {
        self.t1 = t1
        self.t2 = t2
        self.t4 = t4
    }

    /// The RFC 3261 defaults.
    public static let `default` = TransactionTimers()

    /// 64·T1: Timers B, F, H, J (unreliable), L and M.
    public var transactionTimeout: Duration { t1 * 64 }

    /// Timer D: at least 32 s over UDP, zero over a reliable transport.
    public func timerD(reliable: Bool) -> Duration {
        reliable ? .zero : max(.seconds(32), transactionTimeout)
    }

    /// Timers I and K: T4 over UDP, zero over a reliable transport.
    public func timerIK(reliable: Bool) -> Duration {
        reliable ? .zero : t4
    }

    /// Timer J: 64·T1 over UDP, zero over a reliable transport.
    public func timerJ(reliable: Bool) -> Duration {
        reliable ? .zero : transactionTimeout
    }
}

/// The transaction timers by their RFC names.
public enum TransactionTimer: Hashable, Sendable, CaseIterable {
    /// INVITE request retransmit interval (client, UDP).
    case timerA
    /// INVITE transaction timeout (client).
    case timerB
    /// Wait time for response retransmits (client INVITE, `completed`).
    case timerD
    /// Non-INVITE request retransmit interval (client, UDP).
    case timerE
    /// Non-INVITE transaction timeout (client).
    case timerF
    /// INVITE final response retransmit interval (server, UDP).
    case timerG
    /// Wait time for ACK receipt (server INVITE, `completed`).
    case timerH
    /// Wait time for ACK retransmits (server INVITE, `confirmed`).
    case timerI
    /// Wait time for non-INVITE request retransmits (server, `completed`).
    case timerJ
    /// Wait time for response retransmits (client non-INVITE, `completed`).
    case timerK
    /// Wait time for accepted INVITE request retransmits (server INVITE, `accepted`, RFC 6026).
    case timerL
    /// Wait time for retransmissions of 2xx responses (client INVITE, `accepted`, RFC 6026).
    case timerM
}

/// What a transaction tells its owner to do; every state machine of this folder returns these.
///
/// The owner carries them out in order, after the state change.
public enum TransactionAction: Hashable, Sendable {
    /// Send this message to the peer (the request of a client transaction, a response of a
    /// server transaction, or the ACK of a client INVITE transaction).
    case send(SIPMessage)
    /// Send the last message sent again (a retransmission).
    case retransmit
    /// Hand this message to the transaction user (a response to a client, a request to a server).
    case passToTransactionUser(SIPMessage)
    /// Start `timer` to fire after the duration (replacing a running one of that name).
    case scheduleTimer(TransactionTimer, after: Duration)
    /// Stop `timer`.
    case cancelTimer(TransactionTimer)
    /// Tell the transaction user that no final response (or ACK) came in time.
    case reportTimeout
    /// Tell the transaction user that the transport failed.
    case reportTransportError
    /// The transaction reached `terminated`: drop it.
    case terminate
}

import SIP
