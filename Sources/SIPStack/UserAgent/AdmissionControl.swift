// The hook consulted for every new INVITE before anything is allocated for it.

import SIP

/// Decides whether a new incoming INVITE may proceed (DESIGN: overload control).
///
/// Called on the stack's event loop for each dialog-creating INVITE, before a session, a
/// dialog or an event stream exists; keep it fast and non-blocking (counters, a token bucket).
public protocol AdmissionControl: Sendable {
    /// The decision for `invite`, which arrived from `source`.
    func admit(_ invite: SIPRequest, from source: SIPDestination) -> AdmissionDecision
}

/// What ``AdmissionControl`` decided.
public enum AdmissionDecision: Hashable, Sendable {
    /// Go on.
    case accept
    /// Refuse at once with `status` (normally `503`) and, when given, Retry-After in seconds.
    case reject(status: SIPStatus, retryAfter: UInt32?)

    /// `503 Service Unavailable` with Retry-After.
    public static func overloaded(retryAfter: UInt32) -> AdmissionDecision {
        .reject(status: .serviceUnavailable, retryAfter: retryAfter)
    }
}
