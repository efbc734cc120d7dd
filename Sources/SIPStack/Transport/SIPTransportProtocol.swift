// The transports Kefu speaks SIP over.

/// A SIP transport as Via and `;transport=` name it.
public enum SIPTransportProtocol: String, Hashable, Sendable, CaseIterable {
    /// UDP: unreliable, datagram framing, retransmissions by the transactions.
    case udp = "UDP"
    /// TCP: reliable, Content-Length framing, connections reused per peer.
    case tcp = "TCP"

    /// Whether the transport is reliable (no retransmissions, zero wait timers).
    public var isReliable: Bool { self == .tcp }

    /// Reads a Via transport or a `transport=` URI parameter (any case); nil for others.
    public init?(name: String) {
        switch name.uppercased() {
        case "UDP": self = .udp
        case "TCP": self = .tcp
        default: return nil
        }
    }
}
