// The ordered header fields of a SIP message, stored as ranges over the message's own bytes.

/// One header field as a name and its value text.
public struct SIPHeaderField: Hashable, Sendable {
    /// The field name.
    public var name: SIPHeaderName
    /// The value with folded line ends replaced by a single space.
    public var value: String

    /// Creates a field.
    public init(name: SIPHeaderName, value: String) {
        self.name = name
        self.value = value
    }
}

/// The header fields of a SIP message, in order.
///
/// Names compare case-insensitively and compact forms equal full names (``SIPHeaderName``).
/// Several fields may share a name, and list-valued headers may hold several values in one
/// field (`Via: a, b`); both are kept as received. Fields that Kefu does not know are kept
/// verbatim. The typed accessors (``via``, ``from``, ``cseq``, ...) parse on demand.
///
/// Parsing records only where each name and value lies in the message's bytes, so a parsed
/// message allocates no string per header. Mutations append the new text to the same buffer.
public struct SIPHeaders: Sendable {
    /// Where one field's name and value lie in ``storage``.
    @usableFromInline
    struct Field: Sendable {
        var knownID: UInt8
        /// Whether the value contains folded line ends (CRLF followed by white space).
        var isFolded: Bool
        var nameStart: UInt32
        var nameEnd: UInt32
        var valueStart: UInt32
        var valueEnd: UInt32

        var nameRange: Range<Int> { Int(nameStart)..<Int(nameEnd) }
        var valueRange: Range<Int> { Int(valueStart)..<Int(valueEnd) }
        var byteCount: Int { Int(nameEnd - nameStart) + Int(valueEnd - valueStart) }
    }

    /// The bytes names and values point into: for a parsed message, the message itself.
    @usableFromInline var storage: [UInt8]
    @usableFromInline var fields: [Field]
    /// Bytes in ``storage`` no field refers to any more, to decide when to compact.
    @usableFromInline var unusedByteCount: Int

    /// An empty header section.
    public init() {
        self.storage = []
        self.fields = []
        self.unusedByteCount = 0
    }

    init(storage: [UInt8], fields: [Field]) {
        self.storage = storage
        self.fields = fields
        self.unusedByteCount = 0
    }

    /// The header fields, in order, each given as a name and a value.
    public init(_ fields: [(SIPHeaderName, String)]) {
        self.init()
        for (name, value) in fields { add(name, value) }
    }

    // MARK: reading

    /// The value of the first field named `name`, with folding replaced by spaces; assigning
    /// replaces every field of that name by one (at the first one's position) or removes them
    /// all when nil.
    public subscript(name: SIPHeaderName) -> String? {
        get { firstIndex(of: name).map { value(at: $0) } }
        set {
            if let newValue { set(name, newValue) } else { remove(name) }
        }
    }

    /// The values of every field named `name`, one per field (a field may hold a comma list).
    public func values(for name: SIPHeaderName) -> [String] {
        var values: [String] = []
        for index in fields.indices where matches(index, name) { values.append(value(at: index)) }
        return values
    }

    /// The values of every field named `name` with comma-separated lists split into elements
    /// (commas inside quotes or angle brackets do not split).
    public func listValues(for name: SIPHeaderName) -> [String] {
        var values: [String] = []
        storage.withUnsafeBufferPointer { buffer in
            for index in fields.indices where matches(index, name) {
                for range in Self.splitList(buffer, fields[index].valueRange) {
                    values.append(Self.unfoldedString(buffer, range))
                }
            }
        }
        return values
    }

    /// Whether a field named `name` is present.
    public func contains(_ name: SIPHeaderName) -> Bool {
        firstIndex(of: name) != nil
    }

    /// The number of fields named `name`.
    public func count(of name: SIPHeaderName) -> Int {
        var count = 0
        for index in fields.indices where matches(index, name) { count += 1 }
        return count
    }

    /// The position of the first field named `name`.
    public func firstIndex(of name: SIPHeaderName) -> Int? {
        fields.indices.first { matches($0, name) }
    }

    // MARK: internals shared with the typed accessors

    func matches(_ index: Int, _ name: SIPHeaderName) -> Bool {
        let field = fields[index]
        guard field.knownID == name.knownID else { return false }
        if field.knownID != 0 { return true }
        return storage.withUnsafeBufferPointer { buffer in
            name.matches(extensionBytes: UnsafeBufferPointer(rebasing: buffer[field.nameRange]))
        }
    }

    /// The field name at `index`.
    func name(at index: Int) -> SIPHeaderName {
        let field = fields[index]
        if field.knownID != 0 { return SIPHeaderName(knownID: field.knownID) }
        return SIPHeaderName(String(decoding: storage[field.nameRange], as: UTF8.self))
    }

    /// The value at `index` with folding replaced by a single space.
    func value(at index: Int) -> String {
        let field = fields[index]
        return storage.withUnsafeBufferPointer { buffer in
            field.isFolded
                ? Self.unfoldedString(buffer, field.valueRange)
                : String(decoding: UnsafeBufferPointer(rebasing: buffer[field.valueRange]), as: UTF8.self)
        }
    }

    /// The text of `range` with every white-space run that contains a line end replaced by one SP.
    static func unfoldedString(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(range.count)
        appendUnfolded(buffer, range, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the bytes of `range` with folds replaced by one SP.
    static func appendUnfolded(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, to output: inout [UInt8]) {
        var position = range.lowerBound
        while position < range.upperBound {
            let byte = buffer[position]
            if SIPCharacterClass.byte(byte, isIn: .lws) {
                var runEnd = position
                var hasLineEnd = false
                while runEnd < range.upperBound, SIPCharacterClass.byte(buffer[runEnd], isIn: .lws) {
                    if buffer[runEnd] == ASCII.cr || buffer[runEnd] == ASCII.lf { hasLineEnd = true }
                    runEnd += 1
                }
                if hasLineEnd {
                    output.append(ASCII.space)
                } else {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[position..<runEnd]))
                }
                position = runEnd
            } else {
                output.append(byte)
                position += 1
            }
        }
    }

    /// Splits a comma-separated list into the ranges of its elements, trimmed of white space.
    /// Commas inside quoted strings and angle brackets do not split; empty elements are kept
    /// (as empty ranges) so that callers can reject them.
    static func splitList(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [Range<Int>] {
        var elements: [Range<Int>] = []
        var start = range.lowerBound
        var position = range.lowerBound
        var inQuotes = false
        var inAngles = false
        func trimmed(_ lower: Int, _ upper: Int) -> Range<Int> {
            var lower = lower
            var upper = upper
            while lower < upper, SIPCharacterClass.byte(buffer[lower], isIn: .lws) { lower += 1 }
            while upper > lower, SIPCharacterClass.byte(buffer[upper - 1], isIn: .lws) { upper -= 1 }
            return lower..<upper
        }
        while position < range.upperBound {
            let byte = buffer[position]
            if inQuotes {
                if byte == ASCII.backslash {
                    position += 1
                } else if byte == ASCII.quote {
                    inQuotes = false
                }
            } else if byte == ASCII.quote {
                inQuotes = true
            } else if byte == ASCII.lessThan {
                inAngles = true
            } else if byte == ASCII.greaterThan {
                inAngles = false
            } else if byte == ASCII.comma, !inAngles {
                elements.append(trimmed(start, position))
                start = position + 1
            }
            position += 1
        }
        elements.append(trimmed(start, range.upperBound))
        return elements
    }
}

// MARK: - Collection

extension SIPHeaders: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { fields.count }

    /// The field at `position` as a name and its value text.
    public subscript(position: Int) -> SIPHeaderField {
        SIPHeaderField(name: name(at: position), value: value(at: position))
    }
}

extension SIPHeaders: ExpressibleByDictionaryLiteral {
    /// Header fields in the order written; a name may repeat.
    public init(dictionaryLiteral elements: (SIPHeaderName, String)...) {
        self.init(elements)
    }
}

// MARK: - Equality

extension SIPHeaders: Hashable {
    /// Two header sections are equal when they hold the same fields in the same order: names
    /// compared as ``SIPHeaderName`` does, values compared byte for byte after unfolding.
    public static func == (lhs: SIPHeaders, rhs: SIPHeaders) -> Bool {
        guard lhs.fields.count == rhs.fields.count else { return false }
        for index in lhs.fields.indices {
            guard lhs.name(at: index) == rhs.name(at: index),
                  lhs.comparableValue(at: index) == rhs.comparableValue(at: index)
            else { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(fields.count)
        for index in fields.indices {
            hasher.combine(name(at: index))
            hasher.combine(comparableValue(at: index))
        }
    }

    private func comparableValue(at index: Int) -> [UInt8] {
        let field = fields[index]
        guard field.isFolded else { return Array(storage[field.valueRange]) }
        var bytes: [UInt8] = []
        storage.withUnsafeBufferPointer { Self.appendUnfolded($0, field.valueRange, to: &bytes) }
        return bytes
    }
}

extension SIPHeaders: CustomStringConvertible {
    /// The fields as `Name: value` lines.
    public var description: String {
        map { "\($0.name): \($0.value)" }.joined(separator: "\r\n")
    }
}
