// Text with `${variable}` placeholders: TTS prompts, SMS bodies, lookup URLs, screen-pop data,
// agent greetings. Parsed once, rendered per call.

/// A parsed template: literal text and `${name}` placeholders; `$$` writes a literal `$`.
public struct TextTemplate: Hashable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    enum Segment: Hashable, Sendable {
        case literal(String)
        case variable(String)
    }

    /// The template as written.
    public let source: String
    let segments: [Segment]

    /// Why a template could not be parsed, with the character offset.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        public var offset: Int
        public var reason: String
        public var description: String { "\(reason) at character \(offset + 1)" }
    }

    /// Parses `source`, throwing on an unclosed `${` or a bad variable name.
    public init(parsing source: String) throws(ParseError) {
        self.source = source
        var segments: [Segment] = []
        var literal = ""
        let characters = Array(source)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            guard character == "$", index + 1 < characters.count else {
                literal.append(character); index += 1; continue
            }
            if characters[index + 1] == "$" { literal.append("$"); index += 2; continue }
            guard characters[index + 1] == "{" else { literal.append(character); index += 1; continue }
            guard let close = characters[(index + 2)...].firstIndex(of: "}") else {
                throw ParseError(offset: index, reason: "'${' is never closed with '}'")
            }
            let name = String(characters[(index + 2)..<close])
            guard VariableName.isValid(name) else {
                throw ParseError(offset: index, reason: "'\(name)' is not a variable name (letters, digits, '_' and '.', not starting with a digit)")
            }
            if !literal.isEmpty { segments.append(.literal(literal)); literal = "" }
            segments.append(.variable(name))
            index = close + 1
        }
        if !literal.isEmpty { segments.append(.literal(literal)) }
        self.segments = segments
    }

    /// A template that must parse; for literals in code. Traps on a malformed template.
    public init(stringLiteral value: String) {
        do { try self.init(parsing: value) } catch { preconditionFailure("bad template literal '\(value)': \(error)") }
    }

    /// The names of the variables the template reads, in order of appearance.
    public var variables: [String] {
        segments.compactMap { if case .variable(let name) = $0 { return name } else { return nil } }
    }

    /// Renders the template; `value` returns nil for unknown variables, which render empty.
    public func render(_ value: (String) -> String?) -> String {
        var output = ""
        for segment in segments {
            switch segment {
            case .literal(let text): output += text
            case .variable(let name): output += value(name) ?? ""
            }
        }
        return output
    }

    /// Renders with a dictionary of values.
    public func render(_ values: [String: String]) -> String { render { values[$0] } }

    public var description: String { source }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "template '\(text)': \(error)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(source)
    }

    public static func == (lhs: TextTemplate, rhs: TextTemplate) -> Bool { lhs.source == rhs.source }
    public func hash(into hasher: inout Hasher) { hasher.combine(source) }
}

/// Rules for variable names in flows and templates.
public enum VariableName {
    /// True for `[A-Za-z_][A-Za-z0-9_]*` segments joined by single dots (`lookup.balance`).
    public static func isValid(_ name: String) -> Bool {
        guard !name.isEmpty else { return false }
        for part in name.split(separator: ".", omittingEmptySubsequences: false) {
            guard let first = part.first, first.isASCII, first.isLetter || first == "_",
                  part.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else { return false }
        }
        return true
    }
}
