// A forward-only reader over bytes for the typed header and URI grammars.

/// Reads the grammar of one header value (or URI) from a byte buffer, left to right.
///
/// Positions are absolute indices into `bytes`, so an error's offset points into the message
/// the buffer holds. Linear white space inside header values may contain folded line ends
/// (the message parser keeps them inside the value range); `skipLWS()` treats CR and LF as
/// white space for that reason.
@usableFromInline
struct SIPScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index: Int
    var end: Int
    let headerName: SIPHeaderName?

    init(_ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, headerName: SIPHeaderName?) {
        self.bytes = bytes
        self.index = range.lowerBound
        self.end = range.upperBound
        self.headerName = headerName
    }

    var isAtEnd: Bool { index >= end }

    func peek() -> UInt8? {
        index < end ? bytes[index] : nil
    }

    func peek(offset: Int) -> UInt8? {
        index + offset < end ? bytes[index + offset] : nil
    }

    mutating func advance(by count: Int = 1) {
        index = Swift.min(index + count, end)
    }

    /// Skips SP, HT, CR and LF.
    mutating func skipLWS() {
        while index < end, SIPCharacterClass.byte(bytes[index], isIn: .lws) { index += 1 }
    }

    /// Consumes `byte` if it is next.
    mutating func consume(_ byte: UInt8) -> Bool {
        if index < end, bytes[index] == byte {
            index += 1
            return true
        }
        return false
    }

    /// Consumes `byte` with white space around it, or throws `invalidValue(detail)`.
    mutating func expectSeparator(_ byte: UInt8, _ detail: String) throws(SIPParseError) {
        skipLWS()
        guard consume(byte) else { throw error(.invalidValue(detail)) }
        skipLWS()
    }

    /// Consumes bytes of `set` and returns their range (possibly empty).
    mutating func read(_ set: SIPCharacterClass) -> Range<Int> {
        let start = index
        while index < end, SIPCharacterClass.byte(bytes[index], isIn: set) { index += 1 }
        return start..<index
    }

    /// Consumes bytes up to (not including) the first of `stops`, or to the end.
    mutating func read(until stops: (UInt8) -> Bool) -> Range<Int> {
        let start = index
        while index < end, !stops(bytes[index]) { index += 1 }
        return start..<index
    }

    /// Consumes a non-empty `token`, or throws `invalidValue(detail)`.
    mutating func readToken(_ detail: String) throws(SIPParseError) -> Range<Int> {
        let range = read(.token)
        guard !range.isEmpty else { throw error(.invalidValue(detail)) }
        return range
    }

    /// The bytes of `range` as a string (UTF-8, invalid sequences replaced).
    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// The bytes of `range` as a string with every ASCII letter lowercased.
    func lowercasedString(_ range: Range<Int>) -> String {
        String(unsafeUninitializedCapacity: range.count) { buffer in
            for (offset, position) in range.enumerated() {
                buffer[offset] = ASCII.lowercased(bytes[position])
            }
            return range.count
        }
    }

    /// Whether the bytes of `range` equal the lower-case ASCII `literal`, ignoring case.
    func equalsIgnoringCase(_ range: Range<Int>, _ literal: StaticString) -> Bool {
        guard range.count == literal.utf8CodeUnitCount else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<range.count where ASCII.lowercased(bytes[range.lowerBound + offset]) != pointer[offset] {
            return false
        }
        return true
    }

    /// Reads a quoted-string starting at the opening DQUOTE and returns its unescaped content.
    ///
    /// `quoted-string = DQUOTE *(qdtext / quoted-pair) DQUOTE` (RFC 3261 §25.1). Folded line
    /// ends inside the quotes are dropped (the white space after them stays).
    mutating func readQuotedString() throws(SIPParseError) -> String {
        let start = index
        guard consume(ASCII.quote) else { throw error(.invalidValue("expected quoted string")) }
        // Fast path: no escapes or line ends before the closing quote.
        var probe = index
        while probe < end {
            let byte = bytes[probe]
            if byte == ASCII.quote {
                let content = string(index..<probe)
                index = probe + 1
                return content
            }
            if byte == ASCII.backslash || byte < 0x20 || byte == 0x7F { break }
            probe += 1
        }
        var content: [UInt8] = []
        while index < end {
            let byte = bytes[index]
            switch byte {
            case ASCII.quote:
                index += 1
                return String(decoding: content, as: UTF8.self)
            case ASCII.backslash:
                guard index + 1 < end else { break }
                let escaped = bytes[index + 1]
                guard escaped <= 0x7F, escaped != ASCII.cr, escaped != ASCII.lf else {
                    throw error(.invalidValue("bad escape in quoted string"))
                }
                content.append(escaped)
                index += 2
                continue
            case ASCII.cr, ASCII.lf:
                index += 1
                continue
            case ASCII.tab, 0x20...0x7E, 0x80...0xFF:
                content.append(byte)
                index += 1
                continue
            default:
                throw error(.invalidValue("control character in quoted string"))
            }
            break
        }
        index = start
        throw error(.invalidValue("unterminated quoted string"))
    }

    /// Reads a quoted-string starting at the opening DQUOTE and returns its range, quotes included.
    mutating func skipQuotedString() throws(SIPParseError) -> Range<Int> {
        let start = index
        _ = try readQuotedString()
        return start..<index
    }

    /// Reads 1*DIGIT as an unsigned number no larger than `maximum`, or throws
    /// `invalidValue(detail)` for a missing or out-of-range number. Leading zeros are fine.
    mutating func readNumber(maximum: UInt64, _ detail: String) throws(SIPParseError) -> UInt64 {
        let range = read(.digit)
        guard !range.isEmpty else { throw error(.invalidValue(detail)) }
        var value: UInt64 = 0
        for position in range {
            let digit = UInt64(bytes[position] &- ASCII.zero)
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(digit)
            guard !overflow1, !overflow2, sum <= maximum else {
                index = range.lowerBound
                throw error(.invalidValue(detail))
            }
            value = sum
        }
        return value
    }

    /// Throws `invalidValue(detail)` unless only white space is left.
    mutating func expectEnd(_ detail: String) throws(SIPParseError) {
        skipLWS()
        guard isAtEnd else { throw error(.invalidValue(detail)) }
    }

    /// An error of `kind` at the current position, naming this scanner's header.
    func error(_ kind: SIPParseError.Kind) -> SIPParseError {
        SIPParseError(kind, offset: index, headerName: headerName)
    }
}

extension SIPScanner {
    /// Runs `body` with a scanner over the UTF-8 bytes of `string`.
    static func withScanner<T>(
        over string: String,
        headerName: SIPHeaderName?,
        _ body: (inout SIPScanner) throws(SIPParseError) -> T
    ) throws(SIPParseError) -> T {
        var copy = string
        let result: Result<T, SIPParseError> = copy.withUTF8 { buffer in
            var scanner = SIPScanner(buffer, range: 0..<buffer.count, headerName: headerName)
            do throws(SIPParseError) {
                return .success(try body(&scanner))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}
