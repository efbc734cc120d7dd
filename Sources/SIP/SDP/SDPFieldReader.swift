// A cursor over the value of one SDP line, reading space-separated fields.

/// Reads the fields of one line's value (the bytes after `x=`), treating runs of SP and HT
/// as one separator, and builds errors that name the line number, line type and field.
struct SDPFieldReader {
    let bytes: [UInt8]
    private(set) var index: Int
    let end: Int
    /// The 1-based line number, for errors.
    let line: Int
    /// The line type letter, for errors (`m`, `a=rtpmap`...).
    let type: String

    init(bytes: [UInt8], range: Range<Int>, line: Int, type: String) {
        self.bytes = bytes
        self.index = range.lowerBound
        self.end = range.upperBound
        self.line = line
        self.type = type
    }

    /// An error about `field` of this line.
    func error(_ field: String, _ expected: String) -> SDPParseError {
        SDPParseError(line: line, .invalidField(line: type, field: field, expected: expected))
    }

    private static func isSeparator(_ byte: UInt8) -> Bool {
        byte == ASCII.space || byte == ASCII.tab
    }

    mutating func skipSeparators() {
        while index < end, Self.isSeparator(bytes[index]) { index += 1 }
    }

    /// Whether only separators remain.
    mutating func isAtEnd() -> Bool {
        skipSeparators()
        return index == end
    }

    /// The next field (a run of non-separator bytes); throws naming `field` when none is left.
    mutating func nextRange(_ field: String, _ expected: String) throws(SDPParseError) -> Range<Int> {
        skipSeparators()
        let start = index
        while index < end, !Self.isSeparator(bytes[index]) { index += 1 }
        guard index > start else { throw error(field, expected) }
        return start..<index
    }

    /// The next field as a string.
    mutating func next(_ field: String, _ expected: String) throws(SDPParseError) -> String {
        string(try nextRange(field, expected))
    }

    /// The next field as a decimal number no larger than `maximum`.
    mutating func nextNumber(_ field: String, _ expected: String, maximum: UInt64 = .max) throws(SDPParseError) -> UInt64 {
        let range = try nextRange(field, expected)
        guard let value = number(range), value <= maximum else { throw error(field, expected) }
        return value
    }

    /// Everything after the separators that follow the current position, as written.
    mutating func rest() -> String {
        skipSeparators()
        defer { index = end }
        return string(index..<end)
    }

    /// Throws unless only separators remain.
    mutating func expectEnd(_ field: String) throws(SDPParseError) {
        guard isAtEnd() else { throw error(field, "nothing more on the line") }
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// The decimal value of `range` (digits only, no sign), or nil on overflow or a non-digit.
    func number(_ range: Range<Int>) -> UInt64? {
        guard !range.isEmpty, range.count <= 20 else { return nil }
        var value: UInt64 = 0
        for index in range {
            let digit = bytes[index] &- ASCII.zero
            guard digit < 10 else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
        }
        return value
    }

    /// Whether `range` is a typed time (RFC 8866 §5.10): digits with an optional unit
    /// `d`, `h`, `m` or `s`, and a leading `-` when `signed`.
    func isTypedTime(_ range: Range<Int>, signed: Bool) -> Bool {
        var digits = range
        if signed, let first = digits.first, bytes[first] == 0x2D { digits = digits.dropFirst() }
        if let last = digits.last, [0x64, 0x68, 0x6D, 0x73].contains(bytes[last]) { digits = digits.dropLast() }
        return !digits.isEmpty && digits.count <= 20 && digits.allSatisfy { bytes[$0] &- ASCII.zero < 10 }
    }
}
