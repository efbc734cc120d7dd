// A small regular-expression engine for validating keyed digits (collect-digits patterns).
//
// Swift's `Regex` is not `Sendable`, and a flow is shared between calls, so the IVR compiles
// patterns into this value type instead. It understands what digit validation needs:
// literals, `.`, `\d`, classes with ranges (`[1-5]`, `[^0]`), groups `( )`, alternation `|`,
// quantifiers `* + ? {n} {n,} {n,m}`, and `^`/`$` (the whole input is always matched).

/// A compiled digit pattern such as `^1[3-9]\d{9}$`.
public struct DigitPattern: Hashable, Sendable, CustomStringConvertible {
    indirect enum Node: Hashable, Sendable {
        case set(Set<Character>, negated: Bool)
        case any
        case sequence([Node])
        case alternation([Node])
        case repeated(Node, min: Int, max: Int?)
    }

    /// Why a pattern does not compile, with the 1-based position.
    public struct SyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
        public var position: Int
        public var reason: String
        public var description: String { "\(reason) at position \(position)" }
    }

    /// The pattern as written.
    public let source: String
    let root: Node

    /// Compiles `source`.
    public init(_ source: String) throws(SyntaxError) {
        self.source = source
        var parser = Parser(characters: Array(source))
        root = try parser.parseAll()
    }

    /// The most matching steps one entry may cost; past it the entry does not match. Keyed
    /// entries are short, but a pattern like `(\\d*)*` could otherwise backtrack for ages.
    public static let stepLimit = 100_000

    /// True when the whole of `input` matches.
    public func matches(_ input: String) -> Bool {
        let matcher = Matcher(input: Array(input))
        return matcher.match(root, 0) { $0 == matcher.input.count }
    }

    public var description: String { source }

    /// Backtracking matcher in continuation style, with a step budget.
    private final class Matcher {
        let input: [Character]
        var steps = 0

        init(input: [Character]) { self.input = input }

        func match(_ node: Node, _ position: Int, _ rest: (Int) -> Bool) -> Bool {
            steps += 1
            guard steps <= DigitPattern.stepLimit else { return false }
            switch node {
            case .any:
                return position < input.count && rest(position + 1)
            case .set(let set, let negated):
                return position < input.count && set.contains(input[position]) != negated && rest(position + 1)
            case .sequence(let nodes):
                func step(_ index: Int, _ at: Int) -> Bool {
                    index == nodes.count ? rest(at) : match(nodes[index], at) { step(index + 1, $0) }
                }
                return step(0, position)
            case .alternation(let options):
                return options.contains { match($0, position, rest) }
            case .repeated(let inner, let min, let max):
                func attempt(_ count: Int, _ at: Int) -> Bool {
                    if let max, count == max { return rest(at) }
                    let more = match(inner, at) { next in next != at && attempt(count + 1, next) }
                    return more || (count >= min && rest(at))
                }
                return attempt(0, position)
            }
        }
    }

    private struct Parser {
        let characters: [Character]
        var index = 0

        mutating func parseAll() throws(SyntaxError) -> Node {
            if characters.first == "^" { index = 1 }
            let node = try parseAlternation()
            if index < characters.count {
                throw SyntaxError(position: index + 1, reason: characters[index] == ")" ? "unmatched ')'" : "unexpected '\(characters[index])'")
            }
            return node
        }

        mutating func parseAlternation() throws(SyntaxError) -> Node {
            var options = [try parseSequence()]
            while index < characters.count && characters[index] == "|" {
                index += 1
                options.append(try parseSequence())
            }
            return options.count == 1 ? options[0] : .alternation(options)
        }

        mutating func parseSequence() throws(SyntaxError) -> Node {
            var nodes: [Node] = []
            while index < characters.count, characters[index] != "|", characters[index] != ")" {
                if characters[index] == "$" && index == characters.count - 1 { index += 1; break }
                let atom = try parseAtom()
                nodes.append(try parseQuantifier(atom))
            }
            return nodes.count == 1 ? nodes[0] : .sequence(nodes)
        }

        mutating func parseAtom() throws(SyntaxError) -> Node {
            let start = index
            let character = characters[index]
            index += 1
            switch character {
            case "(":
                if index + 1 < characters.count && characters[index] == "?" && characters[index + 1] == ":" { index += 2 }
                let inner = try parseAlternation()
                guard index < characters.count, characters[index] == ")" else {
                    throw SyntaxError(position: start + 1, reason: "'(' is never closed")
                }
                index += 1
                return inner
            case "[": return try parseClass(start: start)
            case ".": return .any
            case "\\": return try parseEscape(start: start)
            case "*", "+", "?", "{":
                throw SyntaxError(position: start + 1, reason: "'\(character)' has nothing to repeat")
            case "^", "$":
                throw SyntaxError(position: start + 1, reason: "'\(character)' is only allowed at the \(character == "^" ? "start" : "end")")
            default: return .set([character], negated: false)
            }
        }

        mutating func parseEscape(start: Int) throws(SyntaxError) -> Node {
            guard index < characters.count else { throw SyntaxError(position: start + 1, reason: "pattern ends with '\\'") }
            let escaped = characters[index]
            index += 1
            switch escaped {
            case "d": return .set(Set("0123456789"), negated: false)
            case "D": return .set(Set("0123456789"), negated: true)
            case "*", "#", ".", "\\", "(", ")", "[", "]", "{", "}", "|", "+", "?", "^", "$", "-":
                return .set([escaped], negated: false)
            default: throw SyntaxError(position: start + 1, reason: "unknown escape '\\\(escaped)'")
            }
        }

        mutating func parseClass(start: Int) throws(SyntaxError) -> Node {
            var set = Set<Character>()
            var negated = false
            if index < characters.count && characters[index] == "^" { negated = true; index += 1 }
            var first = true
            while index < characters.count && (characters[index] != "]" || first) {
                first = false
                var low = characters[index]
                index += 1
                if low == "\\" {
                    guard index < characters.count else { break }
                    let escaped = characters[index]
                    index += 1
                    if escaped == "d" { set.formUnion("0123456789"); continue }
                    low = escaped
                }
                if index + 1 < characters.count && characters[index] == "-" && characters[index + 1] != "]" {
                    let high = characters[index + 1]
                    guard let lowValue = low.asciiValue, let highValue = high.asciiValue, lowValue <= highValue else {
                        throw SyntaxError(position: index + 1, reason: "range \(low)-\(high) is out of order")
                    }
                    for value in lowValue...highValue { set.insert(Character(UnicodeScalar(value))) }
                    index += 2
                } else {
                    set.insert(low)
                }
            }
            guard index < characters.count else { throw SyntaxError(position: start + 1, reason: "'[' is never closed") }
            index += 1
            return .set(set, negated: negated)
        }

        mutating func parseQuantifier(_ atom: Node) throws(SyntaxError) -> Node {
            guard index < characters.count else { return atom }
            switch characters[index] {
            case "*": index += 1; return .repeated(atom, min: 0, max: nil)
            case "+": index += 1; return .repeated(atom, min: 1, max: nil)
            case "?": index += 1; return .repeated(atom, min: 0, max: 1)
            case "{":
                let start = index
                guard let close = characters[index...].firstIndex(of: "}") else {
                    throw SyntaxError(position: start + 1, reason: "'{' is never closed")
                }
                let body = String(characters[(index + 1)..<close])
                let parts = body.split(separator: ",", omittingEmptySubsequences: false)
                guard (1...2).contains(parts.count), let min = Int(parts[0]),
                      parts.count == 1 || parts[1].isEmpty || Int(parts[1]) != nil else {
                    throw SyntaxError(position: start + 1, reason: "'{\(body)}' is not a repetition count")
                }
                let max: Int? = parts.count == 1 ? min : (parts[1].isEmpty ? nil : Int(parts[1])!)
                if let max, max < min { throw SyntaxError(position: start + 1, reason: "'{\(body)}': the maximum is below the minimum") }
                if min > 64 || (max ?? 0) > 64 { throw SyntaxError(position: start + 1, reason: "'{\(body)}': at most 64 repetitions") }
                index = close + 1
                return .repeated(atom, min: min, max: max)
            default: return atom
            }
        }
    }
}
