// The parties of test messages: who sends, from which loopback address and port.

import SIP

/// A SIP endpoint in a test: its address-of-record, display name and where it listens.
///
/// The presets use 127.0.0.1 and distinct ports, so messages built from them never name an
/// outside address.
public struct SIPTestParty: Hashable, Sendable {
    /// The user part of the address-of-record and of the Contact.
    public var user: String
    /// The display name, if any.
    public var displayName: String?
    /// The host the party listens on (and its domain).
    public var host: String
    /// The port the party listens on.
    public var port: UInt16
    /// The transport its Via names (`UDP`, `TCP`).
    public var transport: String

    /// Creates a party.
    public init(user: String, displayName: String? = nil, host: String = "127.0.0.1", port: UInt16, transport: String = "UDP") {
        self.user = user
        self.displayName = displayName
        self.host = host
        self.port = port
        self.transport = transport
    }

    /// Alice, a softphone at 127.0.0.1:5070.
    public static let alice = SIPTestParty(user: "alice", displayName: "Alice", port: 5070)
    /// Bob, a softphone at 127.0.0.1:5080.
    public static let bob = SIPTestParty(user: "bob", displayName: "Bob", port: 5080)
    /// Kefu itself at 127.0.0.1:5060, user `9999` (the built-in number).
    public static let kefu = SIPTestParty(user: "9999", displayName: nil, port: 5060)

    /// The address-of-record, `sip:user@host`.
    public var addressOfRecord: SIPURI {
        SIPURI(user: user, host: host)
    }

    /// Where the party is reached, `sip:user@host:port` (with `;transport=tcp` over TCP).
    public var contactURI: SIPURI {
        var uri = SIPURI(user: user, host: host, port: port)
        if transport.uppercased() != "UDP" { uri.transport = transport.lowercased() }
        return uri
    }

    /// The party as a From or To value, without tag unless given.
    public func nameAddress(tag: String? = nil) -> NameAddress {
        var address = NameAddress(displayName: displayName, uri: addressOfRecord)
        address.tag = tag
        return address
    }

    /// The party's Contact value.
    public var contact: NameAddress {
        NameAddress(uri: contactURI)
    }

    /// A Via naming this party as the sender, with `rport` requested.
    public func via(branch: String) -> Via {
        var via = Via(transport: transport, host: host, port: port, branch: branch)
        via.requestRPort()
        return via
    }
}
