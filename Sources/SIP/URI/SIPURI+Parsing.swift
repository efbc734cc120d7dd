// Reading and writing the SIP-URI grammar of RFC 3261 §25.1.

extension SIPURI {
    /// Parses the part of a SIP or SIPS URI after `sip:` / `sips:`, which must fill `range`.
    static func parse(
        _ scanner: inout SIPScanner,
        range: Range<Int>,
        isSecure: Bool
    ) throws(SIPParseError) -> SIPURI {
        let bytes = scanner.bytes
        scanner.index = range.lowerBound
        scanner.end = range.upperBound
        var user: String?
        var password: String?

        // userinfo: everything before the first "@", if there is one.
        if let at = (range.lowerBound..<range.upperBound).first(where: { bytes[$0] == ASCII.at }) {
            let colon = (range.lowerBound..<at).first { bytes[$0] == ASCII.colon }
            let userRange = range.lowerBound..<(colon ?? at)
            guard !userRange.isEmpty else {
                throw SIPParseError(.invalidURI("empty user"), offset: at, headerName: scanner.headerName)
            }
            user = try URIEscaping.decode(scanner, userRange, allowed: URIEscaping.userAllowed, component: "user")
            if let colon {
                password = try URIEscaping.decode(
                    scanner, (colon + 1)..<at, allowed: URIEscaping.passwordAllowed, component: "password")
            }
            scanner.index = at + 1
        }

        let host = try readHost(&scanner)
        var port: UInt16?
        if scanner.consume(ASCII.colon) {
            let digits = scanner.read(.digit)
            guard !digits.isEmpty, digits.count <= 5 else {
                throw scanner.error(.invalidURI("bad port"))
            }
            var value = 0
            for position in digits { value = value * 10 + Int(bytes[position] - ASCII.zero) }
            guard value <= Int(UInt16.max) else {
                scanner.index = digits.lowerBound
                throw scanner.error(.invalidURI("bad port"))
            }
            port = UInt16(value)
        }

        var parameters: [SIPParameter] = []
        while scanner.consume(ASCII.semicolon) {
            let nameRange = scanner.read { $0 == ASCII.semicolon || $0 == ASCII.equals || $0 == ASCII.question }
            guard !nameRange.isEmpty else { throw scanner.error(.invalidURI("empty parameter")) }
            let name = try decodeParameterPart(scanner, nameRange)
            var value: String?
            if scanner.consume(ASCII.equals) {
                let valueRange = scanner.read { $0 == ASCII.semicolon || $0 == ASCII.question }
                value = try decodeParameterPart(scanner, valueRange)
            }
            parameters.append(SIPParameter(name: name, value: value))
        }

        var headers: [SIPParameter] = []
        if scanner.consume(ASCII.question) {
            repeat {
                let nameRange = scanner.read(until: { $0 == ASCII.equals || $0 == ASCII.ampersand })
                guard !nameRange.isEmpty, scanner.consume(ASCII.equals) else {
                    throw scanner.error(.invalidURI("bad header"))
                }
                let valueRange = scanner.read(until: { $0 == ASCII.ampersand })
                headers.append(SIPParameter(
                    name: try URIEscaping.decode(scanner, nameRange, allowed: URIEscaping.headerAllowed, component: "header"),
                    value: try URIEscaping.decode(scanner, valueRange, allowed: URIEscaping.headerAllowed, component: "header")
                ))
            } while scanner.consume(ASCII.ampersand)
        }

        guard scanner.isAtEnd else { throw scanner.error(.invalidURI("unexpected character")) }
        return SIPURI(
            user: user,
            password: password,
            host: host,
            port: port,
            isSecure: isSecure,
            parameters: SIPParameters(parameters),
            headers: SIPParameters(headers)
        )
    }

    /// Reads `host = hostname / IPv4address / IPv6reference`.
    private static func readHost(_ scanner: inout SIPScanner) throws(SIPParseError) -> String {
        if scanner.peek() == ASCII.leftBracket {
            let start = scanner.index
            scanner.advance()
            let address = scanner.read { !(ASCII.hexValue($0) != nil || $0 == ASCII.colon || $0 == ASCII.dot) }
            guard !address.isEmpty, scanner.consume(ASCII.rightBracket) else {
                scanner.index = start
                throw scanner.error(.invalidURI("bad IPv6 reference"))
            }
            return scanner.string(start..<scanner.index)
        }
        let range = scanner.read(.host)
        guard !range.isEmpty else { throw scanner.error(.invalidURI("missing host")) }
        return scanner.string(range)
    }

    private static func decodeParameterPart(_ scanner: SIPScanner, _ range: Range<Int>) throws(SIPParseError) -> String {
        try URIEscaping.decode(scanner, range, allowed: URIEscaping.parameterAllowed, component: "parameter")
    }
}

extension SIPURI: SIPSerializable {
    /// Appends the URI, escaping each component as RFC 3261 §25.1 requires.
    public func serialize(into buffer: inout [UInt8]) {
        buffer.append(ascii: isSecure ? "sips:" : "sip:")
        if let user {
            URIEscaping.encode(user, allowed: URIEscaping.userAllowed, into: &buffer)
            if let password {
                buffer.append(ASCII.colon)
                URIEscaping.encode(password, allowed: URIEscaping.passwordAllowed, into: &buffer)
            }
            buffer.append(ASCII.at)
        }
        buffer.appendUTF8(host)
        if let port {
            buffer.append(ASCII.colon)
            buffer.appendDecimal(Int(port))
        }
        for parameter in parameters {
            buffer.append(ASCII.semicolon)
            URIEscaping.encode(parameter.name, allowed: URIEscaping.parameterAllowed, into: &buffer)
            if let value = parameter.value {
                buffer.append(ASCII.equals)
                URIEscaping.encode(value, allowed: URIEscaping.parameterAllowed, into: &buffer)
            }
        }
        for (index, header) in headers.enumerated() {
            buffer.append(index == 0 ? ASCII.question : ASCII.ampersand)
            URIEscaping.encode(header.name, allowed: URIEscaping.headerAllowed, into: &buffer)
            buffer.append(ASCII.equals)
            URIEscaping.encode(header.value ?? "", allowed: URIEscaping.headerAllowed, into: &buffer)
        }
    }
}
