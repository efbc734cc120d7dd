// Where a message goes or came from: transport, socket address and, for TCP, the connection.

import NIOCore

/// A peer's transport address, with the TCP connection a message arrived on when there is one.
///
/// Responses to a request received over TCP go back on the same connection while it is open
/// (RFC 3261 §18.2.2); otherwise the transport manager connects anew.
public struct SIPDestination: Sendable, CustomStringConvertible {
    /// The transport.
    public var transport: SIPTransportProtocol
    /// The peer's IP address and port.
    public var address: SocketAddress
    /// The TCP connection, if the message arrived on one.
    public var connection: (any Channel)?

    /// A destination.
    public init(transport: SIPTransportProtocol, address: SocketAddress, connection: (any Channel)? = nil) {
        self.transport = transport
        self.address = address
        self.connection = connection
    }

    /// `UDP 127.0.0.1:5070`, for logs.
    public var description: String {
        "\(transport.rawValue) \(address.ipAddress ?? "?"):\(address.port ?? 0)"
    }
}
