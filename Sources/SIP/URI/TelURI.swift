// tel URIs (RFC 3966), as carriers put them in P-Asserted-Identity, From and Request-URIs.

/// A `tel:` URI: a telephone number with parameters, e.g. `tel:+86-10-1234-5678;ext=801`.
public struct TelURI: Hashable, Sendable {
    /// The number as written, visual separators (`-`, `.`, `(`, `)`) included; global numbers
    /// start with `+`.
    public var number: String
    /// The parameters (`ext`, `isub`, `phone-context`, others), decoded, in order.
    public var parameters: SIPParameters

    /// Creates a tel URI.
    public init(number: String, parameters: SIPParameters = []) {
        self.number = number
        self.parameters = parameters
    }

    /// Parses a `tel:` URI; throws ``SIPParseError/Kind/unsupportedURIScheme`` for other schemes.
    public init(_ string: String) throws(SIPParseError) {
        guard case .tel(let telURI) = try AnyURI(string) else {
            throw SIPParseError(.unsupportedURIScheme, offset: 0)
        }
        self = telURI
    }

    /// Whether the number is global (starts with `+`, RFC 3966 §5.1.4).
    public var isGlobal: Bool { number.utf8.first == ASCII.plus }

    /// The number without visual separators, as RFC 3966 §4 compares numbers.
    public var normalizedNumber: String {
        String(number.filter { !"-.()".contains($0) })
    }

    /// The `phone-context` parameter of a local number, if any.
    public var phoneContext: String? {
        get { parameters["phone-context"] }
        set { parameters["phone-context"] = newValue }
    }

    /// The `ext` (extension) parameter, if any.
    public var `extension`: String? {
        get { parameters["ext"] }
        set { parameters["ext"] = newValue }
    }

    /// Parses the part after `tel:`, which must fill `range`.
    static func parse(_ scanner: inout SIPScanner, range: Range<Int>) throws(SIPParseError) -> TelURI {
        scanner.index = range.lowerBound
        scanner.end = range.upperBound
        let numberStart = scanner.index
        _ = scanner.consume(ASCII.plus)
        let digits = scanner.read { byte in
            !(ASCII.hexValue(byte) != nil || byte == ASCII.star || byte == 0x23
                || byte == 0x2D || byte == ASCII.dot || byte == ASCII.leftParenthesis || byte == ASCII.rightParenthesis)
        }
        guard digits.contains(where: { ASCII.hexValue(scanner.bytes[$0]) != nil || scanner.bytes[$0] == ASCII.star || scanner.bytes[$0] == 0x23 }) else {
            throw scanner.error(.invalidURI("bad telephone number"))
        }
        let number = scanner.string(numberStart..<scanner.index)
        var parameters: [SIPParameter] = []
        while scanner.consume(ASCII.semicolon) {
            let nameRange = scanner.read { $0 == ASCII.semicolon || $0 == ASCII.equals }
            guard !nameRange.isEmpty else { throw scanner.error(.invalidURI("empty parameter")) }
            let name = try URIEscaping.decode(scanner, nameRange, allowed: URIEscaping.parameterAllowed, component: "parameter")
            var value: String?
            if scanner.consume(ASCII.equals) {
                let valueRange = scanner.read { $0 == ASCII.semicolon }
                value = try URIEscaping.decode(scanner, valueRange, allowed: URIEscaping.parameterAllowed, component: "parameter")
            }
            parameters.append(SIPParameter(name: name, value: value))
        }
        guard scanner.isAtEnd else { throw scanner.error(.invalidURI("unexpected character")) }
        return TelURI(number: number, parameters: SIPParameters(parameters))
    }
}

extension TelURI: SIPSerializable {
    /// Appends `tel:number;parameters`.
    public func serialize(into buffer: inout [UInt8]) {
        buffer.append(ascii: "tel:")
        buffer.appendUTF8(number)
        for parameter in parameters {
            buffer.append(ASCII.semicolon)
            URIEscaping.encode(parameter.name, allowed: URIEscaping.parameterAllowed, into: &buffer)
            if let value = parameter.value {
                buffer.append(ASCII.equals)
                URIEscaping.encode(value, allowed: URIEscaping.parameterAllowed, into: &buffer)
            }
        }
    }
}

extension TelURI: CustomStringConvertible {
    /// The URI as it is written on the wire.
    public var description: String { serializedString }
}
