// The direction attributes: sendrecv, sendonly, recvonly, inactive (RFC 8866 §6.7, RFC 3264 §5.1).

/// Which way media flows, seen from the side that wrote the description.
///
/// A call on hold is a stream whose holder offers `sendonly` (or `inactive` when it was itself
/// held), and the other side answers `recvonly` (or `inactive`), RFC 3264 §8.4.
public enum SDPDirection: String, Hashable, Sendable, CaseIterable {
    /// Send and receive (the default when no direction attribute is present).
    case sendrecv
    /// Send only.
    case sendonly
    /// Receive only.
    case recvonly
    /// Neither send nor receive (RTCP still flows).
    case inactive

    /// The direction that sends when `sends` and receives when `receives`.
    public init(sends: Bool, receives: Bool) {
        switch (sends, receives) {
        case (true, true): self = .sendrecv
        case (true, false): self = .sendonly
        case (false, true): self = .recvonly
        case (false, false): self = .inactive
        }
    }

    /// Whether the side that wrote this direction sends media.
    public var sends: Bool { self == .sendrecv || self == .sendonly }

    /// Whether the side that wrote this direction receives media.
    public var receives: Bool { self == .sendrecv || self == .recvonly }

    /// The same flow seen from the other side: `sendonly` becomes `recvonly` and back.
    public var reversed: SDPDirection { SDPDirection(sends: receives, receives: sends) }

    /// Only what both directions allow: sending when both send, receiving when both receive.
    public func intersection(_ other: SDPDirection) -> SDPDirection {
        SDPDirection(sends: sends && other.sends, receives: receives && other.receives)
    }
}
