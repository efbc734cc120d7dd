// One registered contact of a user, and the changes the registrar reports.

import NIOCore
import SIP

/// A contact a user registered (RFC 3261 §10.3): where to send that user's calls.
public struct RegistrarBinding: Hashable, Sendable {
    /// The user part of the address-of-record (the extension).
    public var user: String
    /// The realm (domain) the user authenticated in.
    public var realm: String
    /// The registered Contact.
    public var contact: NameAddress
    /// When the binding expires (monotonic, NIO's clock).
    public var expiresAt: NIODeadline
    /// The Call-ID and CSeq of the REGISTER that last refreshed it.
    public var callID: String
    /// The CSeq of that REGISTER.
    public var cseq: UInt32
    /// The transport address the REGISTER came from (NAT'd phones are reached here).
    public var sourceTransport: SIPTransportProtocol
    /// The source IP and port of the REGISTER.
    public var sourceAddress: String
    /// The source port.
    public var sourcePort: Int
    /// The User-Agent text of the phone, if sent.
    public var userAgent: String?

    /// Seconds left at `now` (0 once expired).
    public func secondsLeft(at now: NIODeadline) -> Int {
        max(0, Int((expiresAt - now).nanoseconds / 1_000_000_000))
    }

    public static func == (lhs: RegistrarBinding, rhs: RegistrarBinding) -> Bool {
        lhs.user == rhs.user && lhs.realm == rhs.realm && lhs.contact == rhs.contact && lhs.callID == rhs.callID
            && lhs.cseq == rhs.cseq && lhs.expiresAt == rhs.expiresAt
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(user)
        hasher.combine(realm)
        hasher.combine(contact)
    }
}

/// A change to a user's bindings, as the call path hears of it.
public enum RegistrarBindingChange: Hashable, Sendable {
    /// A contact was registered (first time).
    case added(RegistrarBinding)
    /// A contact re-registered (expiry moved).
    case refreshed(RegistrarBinding)
    /// A contact un-registered (Expires 0 or `*`).
    case removed(RegistrarBinding)
    /// A contact's registration ran out.
    case expired(RegistrarBinding)

    /// The binding concerned.
    public var binding: RegistrarBinding {
        switch self {
        case .added(let binding), .refreshed(let binding), .removed(let binding), .expired(let binding): return binding
        }
    }
}
