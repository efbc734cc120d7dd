// A network address as SDP writes it: `<nettype> <addrtype> <address>`.

/// The address type of an SDP address field (`IP4`, `IP6`, or another type kept as written).
public enum SDPAddressType: Hashable, Sendable {
    /// IPv4 (`IP4`).
    case ip4
    /// IPv6 (`IP6`).
    case ip6
    /// Any other address type, kept as written.
    case other(String)

    /// Reads `IP4`/`IP6` (exactly, as RFC 8866 spells them) or keeps another token.
    public init(_ token: String) {
        switch token {
        case "IP4": self = .ip4
        case "IP6": self = .ip6
        default: self = .other(token)
        }
    }

    /// `IP4`, `IP6` or the token as written.
    public var token: String {
        switch self {
        case .ip4: return "IP4"
        case .ip6: return "IP6"
        case .other(let token): return token
        }
    }
}

/// `<nettype> <addrtype> <address>` as the `o=` and `c=` lines carry it (RFC 8866 §5.2, §5.7).
///
/// The address is kept as written: an IPv4 or IPv6 literal (IPv6 without brackets) or a
/// fully qualified domain name. The parser checks that literals are well formed.
public struct SDPAddress: Hashable, Sendable {
    /// The network type; `IN` (Internet) in practice.
    public var networkType: String
    /// The address type.
    public var addressType: SDPAddressType
    /// The address or host name, without multicast suffixes.
    public var address: String

    /// Creates an address; the type defaults to IPv6 when `address` contains a colon.
    public init(_ address: String, type: SDPAddressType? = nil, networkType: String = "IN") {
        self.networkType = networkType
        self.addressType = type ?? (address.utf8.contains(ASCII.colon) ? .ip6 : .ip4)
        self.address = address
    }

    /// Whether this is the unspecified address (`0.0.0.0` or `::`), which an RFC 2543 peer
    /// puts in `c=` to put the call on hold ("send me nothing", RFC 3264 §8.4).
    public var isUnspecified: Bool {
        switch addressType {
        case .ip4: return address == "0.0.0.0"
        case .ip6: return IPAddressSyntax.isUnspecifiedIPv6(address)
        case .other: return false
        }
    }
}

extension SDPAddress: SIPSerializable {
    /// Appends `IN IP4 192.0.2.1`.
    public func serialize(into buffer: inout [UInt8]) {
        buffer.appendUTF8(networkType)
        buffer.append(ASCII.space)
        buffer.appendUTF8(addressType.token)
        buffer.append(ASCII.space)
        buffer.appendUTF8(address)
    }
}

extension SDPAddress: CustomStringConvertible {
    /// `IN IP4 192.0.2.1`.
    public var description: String { serializedString }
}
