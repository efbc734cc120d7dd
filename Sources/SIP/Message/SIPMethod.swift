// SIP request methods: the ones Kefu speaks and any extension method a peer sends.

/// A SIP request method (RFC 3261 §7.1 and the RFCs that add methods).
///
/// Methods are case-sensitive tokens: `INVITE` is ``invite``, while `invite` or `IN%56ITE`
/// are extension methods (RFC 4475 §3.1.1.2). Known methods are constants; any other token is
/// kept as received, so `switch` on the constants and treat the rest as unknown (`501`).
public struct SIPMethod: Hashable, Sendable, RawRepresentable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The method token as sent on the wire.
    public let rawValue: String

    /// The method named by `rawValue`; any `token` is a valid method.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The method named by `value`.
    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    /// The method named by `value`.
    public init(_ value: String) {
        self.rawValue = value
    }

    public var description: String { rawValue }

    /// Whether this is one of the methods below (not an extension method).
    public var isKnown: Bool { Self.known.contains(self) }

    /// INVITE (RFC 3261).
    public static let invite: SIPMethod = "INVITE"
    /// ACK (RFC 3261).
    public static let ack: SIPMethod = "ACK"
    /// BYE (RFC 3261).
    public static let bye: SIPMethod = "BYE"
    /// CANCEL (RFC 3261).
    public static let cancel: SIPMethod = "CANCEL"
    /// OPTIONS (RFC 3261).
    public static let options: SIPMethod = "OPTIONS"
    /// REGISTER (RFC 3261).
    public static let register: SIPMethod = "REGISTER"
    /// PRACK (RFC 3262).
    public static let prack: SIPMethod = "PRACK"
    /// SUBSCRIBE (RFC 6665).
    public static let subscribe: SIPMethod = "SUBSCRIBE"
    /// NOTIFY (RFC 6665).
    public static let notify: SIPMethod = "NOTIFY"
    /// PUBLISH (RFC 3903).
    public static let publish: SIPMethod = "PUBLISH"
    /// INFO (RFC 6086).
    public static let info: SIPMethod = "INFO"
    /// REFER (RFC 3515).
    public static let refer: SIPMethod = "REFER"
    /// MESSAGE (RFC 3428).
    public static let message: SIPMethod = "MESSAGE"
    /// UPDATE (RFC 3311).
    public static let update: SIPMethod = "UPDATE"

    /// Every method with a constant above.
    public static let known: Set<SIPMethod> = [
        .invite, .ack, .bye, .cancel, .options, .register, .prack,
        .subscribe, .notify, .publish, .info, .refer, .message, .update,
    ]
}

extension SIPMethod: SIPSerializable {
    /// Appends the method token.
    public func serialize(into buffer: inout [UInt8]) {
        buffer.appendUTF8(rawValue)
    }
}
