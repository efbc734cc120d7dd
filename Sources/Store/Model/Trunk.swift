// A trunk: a carrier's SIP gateway the platform exchanges calls with.
import Foundation

/// The transport a trunk speaks.
public enum TrunkTransport: String, Hashable, Sendable, CaseIterable {
    case udp
    case tcp
    case tls
}

/// One address of a carrier gateway: where calls are sent, and a source address calls
/// from the carrier are recognized by.
public struct TrunkAddress: Hashable, Sendable, Comparable {
    /// An IP address or host name.
    public var host: String
    public var port: Int

    /// Creates a value from its parts (defaults as documented on each property).
    public init(host: String, port: Int = 5060) {
        self.host = host
        self.port = port
    }

    /// Parses `host`, `host:port` or `[v6]:port`.
    public init?(parsing text: String) {
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            let host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            if rest.isEmpty { self.init(host: host); return }
            guard rest.hasPrefix(":"), let port = Int(rest.dropFirst()) else { return nil }
            self.init(host: host, port: port)
            return
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: self.init(host: text)
        case 2:
            guard let port = Int(parts[1]) else { return nil }
            self.init(host: String(parts[0]), port: port)
        default: self.init(host: text)  // a bare IPv6 address
        }
    }

    /// `host:port` (`[host]:port` for IPv6).
    public var text: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    public static func < (lhs: TrunkAddress, rhs: TrunkAddress) -> Bool { (lhs.host, lhs.port) < (rhs.host, rhs.port) }
}

/// What a platform operator configures for a trunk.
public struct TrunkDefinition: Hashable, Sendable {
    /// Unique across the platform.
    public var name: String
    /// The tenant the trunk is dedicated to, or `nil` when every tenant may use it.
    public var tenantID: TenantID?
    public var transport: TrunkTransport
    /// The gateway's addresses, in failover order.
    public var addresses: [TrunkAddress]
    /// Calls from the carrier are accepted from these addresses.
    public var inbound: Bool
    /// Calls may be sent to the carrier.
    public var outbound: Bool
    /// Trust the carrier's P-Asserted-Identity (RFC 3325) for caller identity.
    public var trusted: Bool
    /// Concurrent calls the carrier allows, if limited.
    public var maxChannels: Int?
    /// Dialled numbers sent out must start with one of these (toll-fraud guard); empty means none may.
    public var allowedPrefixes: [String]
    /// Digest credentials the carrier challenges outgoing calls with, as HA1 for the
    /// carrier's realm (never the password).
    public var credentials: DigestHA1?

    /// Creates a value from its parts (defaults as documented on each property).
    public init(
        name: String, tenantID: TenantID? = nil, transport: TrunkTransport = .udp, addresses: [TrunkAddress],
        inbound: Bool = true, outbound: Bool = true, trusted: Bool = false, maxChannels: Int? = nil,
        allowedPrefixes: [String] = [], credentials: DigestHA1? = nil
    ) {
        self.name = name
        self.tenantID = tenantID
        self.transport = transport
        self.addresses = addresses
        self.inbound = inbound
        self.outbound = outbound
        self.trusted = trusted
        self.maxChannels = maxChannels
        self.allowedPrefixes = allowedPrefixes
        self.credentials = credentials
    }

    /// Whether `number` may be dialled out through this trunk.
    public func allows(dialling number: String) -> Bool {
        outbound && allowedPrefixes.contains { number.hasPrefix($0) }
    }

    /// The same definition with addresses sorted as the store returns them.
    public func normalized() -> TrunkDefinition {
        var copy = self
        copy.addresses.sort()
        return copy
    }
}

/// A stored trunk.
@dynamicMemberLookup
public struct Trunk: Hashable, Sendable, Identifiable {
    /// The identifier the store gave it.
    public var id: TrunkID
    /// What was configured.
    public var definition: TrunkDefinition
    /// When it was created.
    public var createdAt: Date
    /// When it was last changed.
    public var updatedAt: Date

    public subscript<T>(dynamicMember keyPath: KeyPath<TrunkDefinition, T>) -> T { definition[keyPath: keyPath] }
}
