// The `c=` line: where media is sent.

/// Connection data (`c=`, RFC 8866 §5.7): the address media for a session or a media
/// description goes to, with the TTL and address count that multicast addresses may carry
/// (`224.2.1.1/127/3`, `FF15::101/3`).
public struct SDPConnection: Hashable, Sendable {
    /// Network type, address type and address.
    public var address: SDPAddress
    /// The multicast TTL (IPv4 only), as in `224.2.36.42/127`.
    public var ttl: Int?
    /// The number of consecutive multicast addresses, as in `224.2.1.1/127/3`.
    public var numberOfAddresses: Int?

    /// Creates connection data.
    public init(_ address: SDPAddress, ttl: Int? = nil, numberOfAddresses: Int? = nil) {
        self.address = address
        self.ttl = ttl
        self.numberOfAddresses = numberOfAddresses
    }

    /// Connection data for a unicast address; the type follows from the literal.
    public init(_ address: String) {
        self.init(SDPAddress(address))
    }

    /// Whether this is `0.0.0.0` (or `::`): the RFC 2543 way of putting a call on hold.
    public var isHold: Bool { address.isUnspecified }
}

extension SDPConnection: SIPSerializable {
    /// Appends `IN IP4 192.0.2.1[/ttl][/count]` (without `c=`).
    public func serialize(into buffer: inout [UInt8]) {
        address.serialize(into: &buffer)
        if let ttl {
            buffer.append(ASCII.slash)
            buffer.appendDecimal(ttl)
        }
        if let numberOfAddresses {
            buffer.append(ASCII.slash)
            buffer.appendDecimal(numberOfAddresses)
        }
    }
}
