// A name-addr or addr-spec with header parameters: From, To, Contact, Route, Refer-To, PAI ...

/// An address as From, To, Contact, Route, Record-Route, Refer-To, Referred-By,
/// P-Asserted-Identity, Diversion, History-Info, Call-Info and Alert-Info carry it:
/// an optional display name, a URI, and header parameters (`tag`, `expires`, `q`, ...).
///
/// Both forms parse: `"Alice" <sip:alice@example.com>;tag=1` (name-addr) and
/// `sip:alice@example.com;tag=1` (addr-spec, where parameters after the URI belong to the
/// header, RFC 3261 §20.10). Serialization always writes the name-addr form, quoting the
/// display name, which is valid everywhere.
public struct NameAddress: Hashable, Sendable {
    /// The display name, unquoted and unescaped (nil when absent).
    public var displayName: String?
    /// The address.
    public var uri: AnyURI
    /// The header parameters after the address, in order.
    public var parameters: SIPParameters

    /// Creates an address.
    public init(displayName: String? = nil, uri: AnyURI, parameters: SIPParameters = []) {
        self.displayName = displayName
        self.uri = uri
        self.parameters = parameters
    }

    /// Creates an address with a SIP URI.
    public init(displayName: String? = nil, uri: SIPURI, parameters: SIPParameters = []) {
        self.init(displayName: displayName, uri: .sip(uri), parameters: parameters)
    }

    /// Parses a name-addr or addr-spec with parameters, e.g. `"Bob" <sip:bob@example.com>;tag=9`.
    public init(_ string: String) throws(SIPParseError) {
        self = try SIPScanner.withScanner(over: string, headerName: nil) { (scanner: inout SIPScanner) throws(SIPParseError) in
            let address = try NameAddress.parse(&scanner)
            try scanner.expectEnd("unexpected text after value")
            return address
        }
    }

    /// The SIP URI of the address, if it is one.
    public var sipURI: SIPURI? { uri.sipURI }

    /// The `tag` parameter of From and To (RFC 3261 §19.3).
    public var tag: String? {
        get { parameters["tag"] }
        set { parameters["tag"] = newValue }
    }

    /// The `expires` parameter of a Contact, in seconds; nil when absent or not a number
    /// (a registrar then uses the Expires header or its default, RFC 3261 §10.3).
    public var expires: UInt32? {
        get { parameters["expires"].flatMap { UInt32($0) } }
        set { parameters["expires"] = newValue.map { String($0) } }
    }

    /// The `q` parameter of a Contact (0...1), nil when absent or malformed.
    public var q: Double? {
        get {
            guard let text = parameters["q"], let value = Double(text), (0...1).contains(value) else { return nil }
            return value
        }
        set { parameters["q"] = newValue.map { Self.format(q: $0) } }
    }

    static func format(q: Double) -> String {
        let thousandths = Int((Swift.min(Swift.max(q, 0), 1) * 1000).rounded())
        if thousandths == 1000 { return "1" }
        var text = "0." + String(String(thousandths + 1000).dropFirst())
        while text.hasSuffix("0"), text.count > 3 { text.removeLast() }
        return text
    }
}

extension NameAddress {
    /// Reads one name-addr or addr-spec with its parameters; stops before a comma or the end.
    static func parse(_ scanner: inout SIPScanner) throws(SIPParseError) -> NameAddress {
        scanner.skipLWS()
        var displayName: String?
        let mark = scanner.index

        if scanner.peek() == ASCII.quote {
            displayName = try scanner.readQuotedString()
            scanner.skipLWS()
            guard scanner.peek() == ASCII.lessThan else {
                throw scanner.error(.invalidValue("expected <URI> after display name"))
            }
        } else if scanner.peek() != ASCII.lessThan {
            // Either `token *(LWS token) <URI>` or a bare addr-spec starting with a scheme.
            var words: [Range<Int>] = []
            while true {
                let word = scanner.read(.token)
                if word.isEmpty { break }
                words.append(word)
                let afterWord = scanner.index
                scanner.skipLWS()
                if scanner.peek() == ASCII.lessThan || scanner.index == afterWord { break }
            }
            if scanner.peek() == ASCII.lessThan, !words.isEmpty {
                displayName = words.map { scanner.string($0) }.joined(separator: " ")
            } else {
                if words.count != 1 || scanner.peek() != ASCII.colon {
                    throw scanner.error(.invalidValue("display name needs quotes, or URI lacks a scheme"))
                }
                scanner.index = mark
                return try parseAddrSpec(&scanner)
            }
        }

        // LAQUOT addr-spec RAQUOT
        _ = scanner.consume(ASCII.lessThan)
        let uriStart = scanner.index
        let uriRange = scanner.read { $0 == ASCII.greaterThan }
        guard scanner.peek() == ASCII.greaterThan else {
            throw scanner.error(.invalidValue("missing >"))
        }
        guard let first = uriRange.first, !SIPCharacterClass.byte(scanner.bytes[first], isIn: .lws),
              !SIPCharacterClass.byte(scanner.bytes[uriRange.upperBound - 1], isIn: .lws)
        else {
            scanner.index = uriStart
            throw scanner.error(.invalidValue("white space inside <>"))
        }
        let uri = try parseURI(&scanner, uriRange)
        scanner.index = uriRange.upperBound + 1
        let parameters = try scanner.readHeaderParameters()
        return NameAddress(displayName: displayName, uri: uri, parameters: parameters)
    }

    /// Reads an addr-spec without angle brackets; `;` starts header parameters, so the URI
    /// cannot carry parameters or headers (RFC 3261 §20.10, RFC 4475 §3.1.2.13).
    private static func parseAddrSpec(_ scanner: inout SIPScanner) throws(SIPParseError) -> NameAddress {
        let uriRange = scanner.read { byte in
            byte == ASCII.semicolon || byte == ASCII.comma || SIPCharacterClass.byte(byte, isIn: .lws)
        }
        if uriRange.contains(where: { scanner.bytes[$0] == ASCII.question }) {
            scanner.index = uriRange.lowerBound
            throw scanner.error(.invalidValue("URI with headers must be enclosed in <>"))
        }
        let uri = try parseURI(&scanner, uriRange)
        scanner.index = uriRange.upperBound
        let parameters = try scanner.readHeaderParameters()
        return NameAddress(displayName: nil, uri: uri, parameters: parameters)
    }

    private static func parseURI(_ scanner: inout SIPScanner, _ range: Range<Int>) throws(SIPParseError) -> AnyURI {
        let end = scanner.end
        defer { scanner.end = end }
        return try AnyURI.parse(&scanner, range: range)
    }

    /// Reads a comma-separated list of addresses; empty elements are an error.
    static func parseList(_ scanner: inout SIPScanner) throws(SIPParseError) -> [NameAddress] {
        var values: [NameAddress] = []
        repeat {
            scanner.skipLWS()
            guard !scanner.isAtEnd, scanner.peek() != ASCII.comma else {
                throw scanner.error(.invalidValue("empty value"))
            }
            values.append(try parse(&scanner))
            scanner.skipLWS()
            if scanner.isAtEnd { break }
            guard scanner.consume(ASCII.comma) else { throw scanner.error(.invalidValue("unexpected text after value")) }
        } while true
        return values
    }
}

extension NameAddress: SIPSerializable {
    /// Appends `"Display Name" <uri>;params` (nil display name: `<uri>;params`).
    public func serialize(into buffer: inout [UInt8]) {
        if let displayName {
            buffer.append(ASCII.quote)
            SIPParameters.appendQuotedContent(displayName, to: &buffer)
            buffer.append(ASCII.quote)
            buffer.append(ASCII.space)
        }
        buffer.append(ASCII.lessThan)
        uri.serialize(into: &buffer)
        buffer.append(ASCII.greaterThan)
        parameters.serialize(into: &buffer)
    }
}

extension NameAddress: CustomStringConvertible {
    /// The address as written in a header.
    public var description: String { serializedString }
}
