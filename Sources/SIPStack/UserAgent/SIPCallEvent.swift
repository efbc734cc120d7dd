// What happens to a call, as the call path hears it.

import SIP

/// An event of one call (one INVITE dialog usage), in order.
public enum SIPCallEvent: Sendable {
    /// Outgoing: a provisional response (180 ringing, 183 with early media SDP). Reliable
    /// ones (RFC 3262) have already been PRACKed.
    case provisional(SIPResponse)
    /// Outgoing: the 2xx arrived and was ACKed; the call is up.
    case answered(SIPResponse)
    /// Outgoing: the final failure (after any digest retry); ``ended(_:)`` follows.
    case rejected(SIPResponse)
    /// Incoming: the ACK for our 2xx arrived (carries the SDP answer after a late offer).
    case acknowledged(SIPRequest)
    /// Incoming: the caller cancelled before the answer; `487` has been sent.
    case cancelled(SIPRequest)
    /// Incoming: a PRACK for one of our reliable provisional responses (answered `200`).
    case provisionalAcknowledged(SIPRequest)
    /// A request inside the dialog: re-INVITE, UPDATE, REFER (answer them with
    /// ``SIPIncomingRequest/respond(_:reasonPhrase:headers:body:contentType:)``), or INFO,
    /// NOTIFY, OPTIONS (already answered `200`, for information).
    case request(SIPIncomingRequest)
    /// The call is over; no more events follow.
    case ended(SIPCallEndReason)
}

/// Why a call ended.
public enum SIPCallEndReason: Hashable, Sendable {
    /// The peer sent BYE.
    case remoteHangUp
    /// We sent BYE.
    case localHangUp
    /// Incoming: the caller cancelled; outgoing: we cancelled (and the callee answered `487`).
    case cancelled
    /// The INVITE got this final failure (incoming: we sent it; outgoing: we received it).
    case rejected(SIPStatus)
    /// No response, or no ACK for our 2xx, in time.
    case timeout
    /// The transport failed.
    case transportError
    /// The stack shut down.
    case shutdown
}

/// Why a call operation failed.
public enum SIPCallError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The operation does not fit the call's state (e.g. answer after hang-up); says which.
    case invalidState(String)
    /// The request got no final response in time.
    case timeout
    /// The transport failed.
    case transportError
    /// A URI's host is not an IP literal or `localhost`, so no destination is known.
    case unresolvableDestination(String)
    /// The stack is not running.
    case notRunning

    public var description: String {
        switch self {
        case .invalidState(let detail): return "not possible in this call state: \(detail)"
        case .timeout: return "no response in time"
        case .transportError: return "the transport failed"
        case .unresolvableDestination(let host): return "cannot reach \(host): give an IP address or an outbound proxy"
        case .notRunning: return "the SIP stack is not running"
        }
    }
}
