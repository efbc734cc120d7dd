// Request-Line and Status-Line (RFC 3261 §7.1 and §7.2).

extension SIPMessageParser {
    /// Parses `Method SP Request-URI SP SIP-Version` or `SIP-Version SP Status-Code SP Reason-Phrase`.
    ///
    /// The separators must be single spaces: RFC 4475 §3.1.2.8-10 (lwsruri, lwsstart, trws)
    /// allow rejecting extra white space, and accepting it would mean guessing where the
    /// Request-URI ends.
    static func parseStartLine(
        _ buffer: UnsafeBufferPointer<UInt8>,
        _ line: Range<Int>,
        start: Int,
        requestMethod: inout SIPMethod?
    ) throws(SIPParseError) -> StartLine {
        var scanner = SIPScanner(buffer, range: line, headerName: nil)
        func fail(_ kind: SIPParseError.Kind, at position: Int) -> SIPParseError {
            SIPParseError(kind, offset: position - start)
        }

        if line.count >= 4, scanner.equalsIgnoringCase(line.lowerBound..<(line.lowerBound + 4), "sip/") {
            return try parseStatusLine(&scanner, line, start: start)
        }

        let methodRange = scanner.read(.token)
        guard !methodRange.isEmpty, scanner.peek() == ASCII.space else {
            throw fail(.malformedRequestLine("bad method"), at: scanner.index)
        }
        let method = SIPMethod(rawValue: scanner.string(methodRange))
        requestMethod = method
        scanner.advance()

        var firstSpace = -1
        var extraSpace = -1
        for position in scanner.index..<line.upperBound where buffer[position] == ASCII.space || buffer[position] == ASCII.tab {
            if firstSpace < 0 {
                firstSpace = position
            } else {
                extraSpace = position
                break
            }
        }
        guard firstSpace >= 0 else {
            throw fail(.malformedRequestLine("missing SIP-Version"), at: line.upperBound)
        }
        guard extraSpace < 0, firstSpace > scanner.index, firstSpace + 1 < line.upperBound else {
            throw fail(.malformedRequestLine("extra whitespace"), at: extraSpace >= 0 ? extraSpace : firstSpace)
        }
        let uriRange = scanner.index..<firstSpace
        let versionRange = (firstSpace + 1)..<line.upperBound

        let uri: AnyURI
        do {
            uri = try AnyURI.parse(&scanner, range: uriRange)
        } catch {
            if case .invalidURI(let detail) = error.kind {
                throw SIPParseError(.malformedRequestLine("bad Request-URI, \(detail)"), offset: error.offset - start)
            }
            throw SIPParseError(error.kind, offset: error.offset - start)
        }
        let version = try parseVersion(&scanner, versionRange, start: start)
        return .request(method, uri, version)
    }

    private static func parseStatusLine(
        _ scanner: inout SIPScanner,
        _ line: Range<Int>,
        start: Int
    ) throws(SIPParseError) -> StartLine {
        let buffer = scanner.bytes
        let versionEnd = (line.lowerBound..<line.upperBound).first { buffer[$0] == ASCII.space } ?? line.upperBound
        let version = try parseVersion(&scanner, line.lowerBound..<versionEnd, start: start)
        guard versionEnd < line.upperBound else {
            throw SIPParseError(.malformedStatusLine("missing Status-Code"), offset: versionEnd - start)
        }
        scanner.index = versionEnd + 1
        scanner.end = line.upperBound
        let digits = scanner.read(.digit)
        guard digits.count == 3, scanner.isAtEnd || scanner.peek() == ASCII.space else {
            throw SIPParseError(.invalidStatusCode, offset: digits.lowerBound - start)
        }
        var code = 0
        for position in digits { code = code * 10 + Int(buffer[position] - ASCII.zero) }
        guard (100...699).contains(code) else {
            throw SIPParseError(.invalidStatusCode, offset: digits.lowerBound - start)
        }
        let reasonStart = Swift.min(scanner.index + 1, line.upperBound)
        let reason = scanner.string(reasonStart..<line.upperBound)
        return .response(version, SIPStatus(code: code), reason)
    }

    /// Parses `"SIP" "/" 1*DIGIT "." 1*DIGIT` filling `range` ("SIP" in any case).
    private static func parseVersion(
        _ scanner: inout SIPScanner,
        _ range: Range<Int>,
        start: Int
    ) throws(SIPParseError) -> SIPVersion {
        scanner.index = range.lowerBound
        scanner.end = range.upperBound
        guard range.count >= 4, scanner.equalsIgnoringCase(range.lowerBound..<(range.lowerBound + 4), "sip/") else {
            throw SIPParseError(.invalidVersion, offset: range.lowerBound - start)
        }
        scanner.advance(by: 4)
        let major = scanner.read(.digit)
        guard !major.isEmpty, major.count <= 3, scanner.consume(ASCII.dot) else {
            throw SIPParseError(.invalidVersion, offset: scanner.index - start)
        }
        let minor = scanner.read(.digit)
        guard !minor.isEmpty, minor.count <= 3, scanner.isAtEnd else {
            throw SIPParseError(.invalidVersion, offset: scanner.index - start)
        }
        func number(_ digits: Range<Int>) -> Int {
            digits.reduce(0) { $0 * 10 + Int(scanner.bytes[$1] - ASCII.zero) }
        }
        return SIPVersion(major: number(major), minor: number(minor))
    }
}
