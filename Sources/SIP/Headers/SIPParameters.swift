// An ordered list of `;name=value` parameters, as header fields and URIs carry them.

/// One parameter: a name and an optional value (`;lr` has none, `;tag=1x` has one).
public struct SIPParameter: Hashable, Sendable {
    /// The name as written; compared case-insensitively by ``SIPParameters``.
    public var name: String
    /// The value as written (a quoted-string keeps its quotes), or nil for a flag parameter.
    public var value: String?

    /// Creates a parameter.
    public init(name: String, value: String? = nil) {
        self.name = name
        self.value = value
    }
}

/// Parameters in the order received, with case-insensitive lookup by name.
///
/// Unknown parameters are kept, so a value re-serializes with everything it arrived with.
/// Values are kept as written: a quoted-string value keeps its quotes (use
/// ``unquotedValue(for:)`` to read it without them).
public struct SIPParameters: Hashable, Sendable, RandomAccessCollection, ExpressibleByArrayLiteral {
    /// The parameters in order.
    public var elements: [SIPParameter]

    /// Parameters in the given order.
    public init(_ elements: [SIPParameter] = []) {
        self.elements = elements
    }

    /// Parameters in the given order.
    public init(arrayLiteral elements: SIPParameter...) {
        self.elements = elements
    }

    public var startIndex: Int { elements.startIndex }
    public var endIndex: Int { elements.endIndex }
    public subscript(position: Int) -> SIPParameter { elements[position] }

    /// The value of the parameter named `name` (case-insensitive): nil when it is absent or has
    /// no value; assigning nil removes it, assigning a value replaces it in place or appends it.
    public subscript(name: String) -> String? {
        get { index(of: name).flatMap { elements[$0].value } }
        set {
            if let newValue {
                setValue(newValue, for: name)
            } else {
                remove(name)
            }
        }
    }

    /// Whether a parameter named `name` is present, with or without a value.
    public func contains(_ name: String) -> Bool {
        index(of: name) != nil
    }

    /// The value of `name` with surrounding quotes removed and quoted-pairs resolved.
    public func unquotedValue(for name: String) -> String? {
        guard let value = self[name] else { return nil }
        return Self.unquote(value)
    }

    /// Sets `name` to `value` (nil for a flag parameter), in place if present, else appended.
    public mutating func setValue(_ value: String?, for name: String) {
        if let index = index(of: name) {
            elements[index].value = value
        } else {
            elements.append(SIPParameter(name: name, value: value))
        }
    }

    /// Removes every parameter named `name`.
    public mutating func remove(_ name: String) {
        elements.removeAll { Self.namesEqual($0.name, name) }
    }

    /// The position of the first parameter named `name`.
    public func index(of name: String) -> Int? {
        elements.firstIndex { Self.namesEqual($0.name, name) }
    }

    static func namesEqual(_ lhs: String, _ rhs: String) -> Bool {
        ASCII.equalsIgnoringCase(lhs, rhs)
    }

    /// The content of a quoted-string, or the text itself when it is not quoted.
    static func unquote(_ value: String) -> String {
        let bytes = Array(value.utf8)
        guard bytes.count >= 2, bytes.first == ASCII.quote, bytes.last == ASCII.quote else { return value }
        var content: [UInt8] = []
        var index = 1
        while index < bytes.count - 1 {
            if bytes[index] == ASCII.backslash, index + 1 < bytes.count - 1 {
                index += 1
            }
            content.append(bytes[index])
            index += 1
        }
        return String(decoding: content, as: UTF8.self)
    }

    /// The text as a quoted-string, escaping `"` and `\` and dropping CR and LF.
    static func quote(_ text: String) -> String {
        var bytes: [UInt8] = [ASCII.quote]
        appendQuotedContent(text, to: &bytes)
        bytes.append(ASCII.quote)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the content of a quoted-string for `text`, escaping `"` and `\` and dropping CR and LF.
    static func appendQuotedContent(_ text: String, to buffer: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case ASCII.quote, ASCII.backslash:
                buffer.append(ASCII.backslash)
                buffer.append(byte)
            case ASCII.cr, ASCII.lf:
                continue
            default:
                buffer.append(byte)
            }
        }
    }
}

extension SIPParameters: SIPSerializable {
    /// Appends `;name=value` for each parameter (header-parameter syntax, no escaping).
    public func serialize(into buffer: inout [UInt8]) {
        for parameter in elements {
            buffer.append(ASCII.semicolon)
            buffer.appendUTF8(parameter.name)
            if let value = parameter.value {
                buffer.append(ASCII.equals)
                buffer.appendUTF8(value)
            }
        }
    }
}

extension SIPScanner {
    /// Reads `*( SEMI generic-param )` of a header field (RFC 3261 §25.1):
    /// `generic-param = token [ EQUAL gen-value ]`, `gen-value = token / host / quoted-string`,
    /// with white space allowed around `;` and `=`. Stops at a comma or the end.
    mutating func readHeaderParameters() throws(SIPParseError) -> SIPParameters {
        var parameters: [SIPParameter] = []
        while true {
            let mark = index
            skipLWS()
            guard consume(ASCII.semicolon) else {
                index = mark
                break
            }
            skipLWS()
            let name = read(.token)
            guard !name.isEmpty else { throw error(.invalidValue("empty parameter")) }
            let afterName = index
            skipLWS()
            var value: String?
            if consume(ASCII.equals) {
                skipLWS()
                if peek() == ASCII.quote {
                    value = string(try skipQuotedString())
                } else {
                    let range = read(.parameterValue)
                    guard !range.isEmpty else { throw error(.invalidValue("empty parameter value")) }
                    value = string(range)
                }
            } else {
                index = afterName
            }
            parameters.append(SIPParameter(name: string(name), value: value))
        }
        return SIPParameters(parameters)
    }
}
