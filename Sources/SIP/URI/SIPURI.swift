// SIP and SIPS URIs (RFC 3261 §19.1).

/// A `sip:` or `sips:` URI: `sip:user:password@host:port;uri-parameters?headers`.
///
/// Components are stored decoded (`sip:%75ser@example.com` has user `user`) and are escaped
/// again when serialized (RFC 3261 §19.1.2). `==` compares components exactly; use
/// ``isEquivalent(to:)`` for the comparison rules of RFC 3261 §19.1.4.
///
/// ```swift
/// let uri = try SIPURI("sip:alice@example.com;transport=tcp")
/// uri.user          // "alice"
/// uri.transport     // "tcp"
/// ```
public struct SIPURI: Hashable, Sendable {
    /// Whether the scheme is `sips`.
    public var isSecure: Bool
    /// The user part, decoded (for telephone numbers, the number), if any.
    public var user: String?
    /// The password part, decoded, if any (discouraged by RFC 3261, but legal).
    public var password: String?
    /// The host as written: a hostname, an IPv4 address, or an IPv6 reference in brackets.
    public var host: String
    /// The port, if given.
    public var port: UInt16?
    /// The uri-parameters (`;transport=tcp;lr`), decoded, in order.
    public var parameters: SIPParameters
    /// The headers component (`?Replaces=...&Subject=...`), decoded, in order; each element's
    /// value is non-nil.
    public var headers: SIPParameters

    /// Creates a URI from its components.
    public init(
        user: String? = nil,
        password: String? = nil,
        host: String,
        port: UInt16? = nil,
        isSecure: Bool = false,
        parameters: SIPParameters = [],
        headers: SIPParameters = []
    ) {
        self.isSecure = isSecure
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.parameters = parameters
        self.headers = headers
    }

    /// Parses a `sip:` or `sips:` URI.
    ///
    /// Throws ``SIPParseError`` with kind ``SIPParseError/Kind/unsupportedURIScheme`` for any
    /// other scheme (a request with such a Request-URI is answered `416`), and
    /// ``SIPParseError/Kind/invalidURI(_:)`` for a malformed URI.
    public init(_ string: String) throws(SIPParseError) {
        let uri = try AnyURI(string)
        guard case .sip(let sipURI) = uri else {
            throw SIPParseError(.unsupportedURIScheme, offset: 0)
        }
        self = sipURI
    }

    /// `sips` or `sip`.
    public var scheme: String { isSecure ? "sips" : "sip" }

    /// The host without the brackets of an IPv6 reference, ready for address resolution.
    public var unbracketedHost: String {
        Self.unbracketed(host)
    }

    /// The port, or the default of the scheme (5061 for sips, 5060 for sip).
    public var portOrDefault: UInt16 {
        port ?? (isSecure ? 5061 : 5060)
    }

    /// The `transport` parameter, if any (e.g. `udp`, `tcp`, `tls`, `ws`).
    public var transport: String? {
        get { parameters["transport"] }
        set { parameters["transport"] = newValue }
    }

    /// Whether the `lr` parameter marks a loose router (RFC 3261 §19.1.1).
    public var isLooseRouter: Bool {
        get { parameters.contains("lr") }
        set {
            if newValue {
                if !parameters.contains("lr") { parameters.setValue(nil, for: "lr") }
            } else {
                parameters.remove("lr")
            }
        }
    }

    /// The `maddr` parameter, if any.
    public var maddr: String? {
        get { parameters["maddr"] }
        set { parameters["maddr"] = newValue }
    }

    /// The `user` parameter (e.g. `phone`), if any.
    public var userParameter: String? {
        get { parameters["user"] }
        set { parameters["user"] = newValue }
    }

    /// The `method` parameter, if any.
    public var method: String? {
        get { parameters["method"] }
        set { parameters["method"] = newValue }
    }

    static func unbracketed(_ host: String) -> String {
        guard host.utf8.first == ASCII.leftBracket, host.utf8.last == ASCII.rightBracket else { return host }
        return String(host.dropFirst().dropLast())
    }
}

extension SIPURI: CustomStringConvertible {
    /// The URI as it is written on the wire.
    public var description: String { serializedString }
}
