// Any URI a SIP message can carry: sip/sips, tel, or an absolute URI of another scheme.

/// A URI of another scheme (`http:`, `urn:`, `isbn:` ...), kept as written.
public struct AbsoluteURI: Hashable, Sendable {
    /// The scheme as written, without the colon.
    public var scheme: String
    /// Everything after the colon, as written.
    public var text: String

    /// Creates an absolute URI from its scheme and the text after the colon.
    public init(scheme: String, text: String) {
        self.scheme = scheme
        self.text = text
    }
}

/// A Request-URI or the URI of a name-addr: `SIP-URI / SIPS-URI / absoluteURI` (RFC 3261 §25.1),
/// with tel URIs (RFC 3966) parsed as well.
///
/// A request whose Request-URI is ``absolute(_:)`` parses fine (RFC 4475 §3.3.2); the stack
/// answers it `416 Unsupported URI Scheme` (see ``SIPRequest/validate(_:)``).
public enum AnyURI: Hashable, Sendable {
    /// A `sip:` or `sips:` URI.
    case sip(SIPURI)
    /// A `tel:` URI.
    case tel(TelURI)
    /// A URI of any other scheme, kept as written.
    case absolute(AbsoluteURI)

    /// Parses any URI; throws ``SIPParseError/Kind/invalidURI(_:)`` when malformed.
    public init(_ string: String) throws(SIPParseError) {
        self = try SIPScanner.withScanner(over: string, headerName: nil) { (scanner: inout SIPScanner) throws(SIPParseError) in
            try AnyURI.parse(&scanner, range: 0..<scanner.end)
        }
    }

    /// The scheme in lower case (`sip`, `sips`, `tel`) or as written for other schemes.
    public var scheme: String {
        switch self {
        case .sip(let uri): return uri.scheme
        case .tel: return "tel"
        case .absolute(let uri): return uri.scheme
        }
    }

    /// The SIP or SIPS URI, if that is what this is.
    public var sipURI: SIPURI? {
        if case .sip(let uri) = self { return uri }
        return nil
    }

    /// The tel URI, if that is what this is.
    public var telURI: TelURI? {
        if case .tel(let uri) = self { return uri }
        return nil
    }

    /// The user part of a SIP URI or the number of a tel URI: the party a call is for.
    public var user: String? {
        switch self {
        case .sip(let uri): return uri.user
        case .tel(let uri): return uri.number
        case .absolute: return nil
        }
    }

    /// Parses the URI that fills `range`, dispatching on its scheme.
    static func parse(_ scanner: inout SIPScanner, range: Range<Int>) throws(SIPParseError) -> AnyURI {
        scanner.index = range.lowerBound
        scanner.end = range.upperBound
        guard let first = scanner.peek(), SIPCharacterClass.byte(first, isIn: .alpha) else {
            if scanner.peek() == ASCII.lessThan {
                throw scanner.error(.invalidURI("URI enclosed in <>"))
            }
            throw scanner.error(.invalidURI("missing scheme"))
        }
        let schemeRange = scanner.read(.scheme)
        guard scanner.consume(ASCII.colon) else { throw scanner.error(.invalidURI("missing scheme")) }
        let rest = scanner.index..<range.upperBound
        if scanner.equalsIgnoringCase(schemeRange, "sip") {
            return .sip(try SIPURI.parse(&scanner, range: rest, isSecure: false))
        }
        if scanner.equalsIgnoringCase(schemeRange, "sips") {
            return .sip(try SIPURI.parse(&scanner, range: rest, isSecure: true))
        }
        if scanner.equalsIgnoringCase(schemeRange, "tel") {
            return .tel(try TelURI.parse(&scanner, range: rest))
        }
        let text = scanner.read(.uric)
        guard !text.isEmpty, scanner.isAtEnd else { throw scanner.error(.invalidURI("bad character")) }
        return .absolute(AbsoluteURI(scheme: scanner.string(schemeRange), text: scanner.string(text)))
    }
}

extension AnyURI: SIPSerializable {
    /// Appends the URI as written on the wire.
    public func serialize(into buffer: inout [UInt8]) {
        switch self {
        case .sip(let uri): uri.serialize(into: &buffer)
        case .tel(let uri): uri.serialize(into: &buffer)
        case .absolute(let uri):
            buffer.appendUTF8(uri.scheme)
            buffer.append(ASCII.colon)
            buffer.appendUTF8(uri.text)
        }
    }
}

extension AnyURI: CustomStringConvertible {
    /// The URI as it is written on the wire.
    public var description: String { serializedString }
}
