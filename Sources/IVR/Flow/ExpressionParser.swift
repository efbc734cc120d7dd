// Recursive-descent parser for ``FlowExpression``.

struct ExpressionParser {
    typealias Node = FlowExpression.Node
    typealias SyntaxError = FlowExpression.SyntaxError

    private let characters: [Character]
    private var index = 0

    init(source: String) { characters = Array(source) }

    mutating func parse() throws(SyntaxError) -> Node {
        skipSpaces()
        guard index < characters.count else { throw SyntaxError(column: 1, reason: "the expression is empty") }
        let node = try parseOr()
        skipSpaces()
        guard index == characters.count else { throw SyntaxError(column: index + 1, reason: "unexpected '\(characters[index])'") }
        return node
    }

    private mutating func skipSpaces() {
        while index < characters.count && characters[index].isWhitespace { index += 1 }
    }

    private mutating func take(_ token: String) -> Bool {
        skipSpaces()
        let token = Array(token)
        guard index + token.count <= characters.count, Array(characters[index..<(index + token.count)]) == token else { return false }
        // `<` must not swallow `<=`, `!` must not swallow `!=`, `=` alone is not an operator.
        if token.count == 1, index + 1 < characters.count, characters[index + 1] == "=", "<>!".contains(token[0]) { return false }
        index += token.count
        return true
    }

    private mutating func parseOr() throws(SyntaxError) -> Node {
        var node = try parseAnd()
        while take("||") { node = .binary(.or, node, try parseAnd()) }
        return node
    }

    private mutating func parseAnd() throws(SyntaxError) -> Node {
        var node = try parseNot()
        while take("&&") { node = .binary(.and, node, try parseNot()) }
        return node
    }

    private mutating func parseNot() throws(SyntaxError) -> Node {
        if take("!") { return .not(try parseNot()) }
        return try parseComparison()
    }

    private mutating func parseComparison() throws(SyntaxError) -> Node {
        let left = try parseSum()
        let operators: [FlowExpression.Operator] = [.equal, .notEqual, .lessOrEqual, .greaterOrEqual, .less, .greater]
        for op in operators where take(op.rawValue) {
            return .binary(op, left, try parseSum())
        }
        skipSpaces()
        if index < characters.count && characters[index] == "=" {
            throw SyntaxError(column: index + 1, reason: "'=' is not a comparison; write '=='")
        }
        return left
    }

    private mutating func parseSum() throws(SyntaxError) -> Node {
        var node = try parseProduct()
        while true {
            if take("+") { node = .binary(.add, node, try parseProduct()) }
            else if take("-") { node = .binary(.subtract, node, try parseProduct()) }
            else { return node }
        }
    }

    private mutating func parseProduct() throws(SyntaxError) -> Node {
        var node = try parseUnary()
        while true {
            if take("*") { node = .binary(.multiply, node, try parseUnary()) }
            else if take("/") { node = .binary(.divide, node, try parseUnary()) }
            else if take("%") { node = .binary(.remainder, node, try parseUnary()) }
            else { return node }
        }
    }

    private mutating func parseUnary() throws(SyntaxError) -> Node {
        if take("-") { return .negate(try parseUnary()) }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws(SyntaxError) -> Node {
        skipSpaces()
        guard index < characters.count else { throw SyntaxError(column: index + 1, reason: "the expression ends too early") }
        let start = index
        let character = characters[index]
        if character == "(" {
            index += 1
            let inner = try parseOr()
            guard take(")") else { throw SyntaxError(column: start + 1, reason: "'(' is never closed") }
            return inner
        }
        if character == "\"" || character == "'" {
            index += 1
            var text = ""
            while index < characters.count && characters[index] != character {
                if characters[index] == "\\" && index + 1 < characters.count { index += 1 }
                text.append(characters[index])
                index += 1
            }
            guard index < characters.count else { throw SyntaxError(column: start + 1, reason: "text is never closed with \(character)") }
            index += 1
            return .literal(.text(text))
        }
        if character.isASCIIDigitCharacter {
            while index < characters.count && (characters[index].isASCIIDigitCharacter || characters[index] == ".") { index += 1 }
            let literal = String(characters[start..<index])
            guard let number = Double(literal) else { throw SyntaxError(column: start + 1, reason: "'\(literal)' is not a number") }
            return .literal(.number(number))
        }
        if character.isASCII && (character.isLetter || character == "_") {
            while index < characters.count, characters[index].isASCII,
                  characters[index].isLetter || characters[index].isNumber || characters[index] == "_" || characters[index] == "." {
                index += 1
            }
            let name = String(characters[start..<index])
            if name == "true" { return .literal(.bool(true)) }
            if name == "false" { return .literal(.bool(false)) }
            skipSpaces()
            if index < characters.count && characters[index] == "(" {
                guard let function = FlowExpression.Function(rawValue: name) else {
                    throw SyntaxError(column: start + 1, reason: "unknown function '\(name)'; use \(FlowExpression.Function.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                index += 1
                var arguments: [Node] = []
                if !take(")") {
                    repeat { arguments.append(try parseOr()) } while take(",")
                    guard take(")") else { throw SyntaxError(column: index + 1, reason: "expected ')' to close \(name)(") }
                }
                guard arguments.count == function.arity else {
                    throw SyntaxError(column: start + 1, reason: "\(name) takes \(function.arity) argument\(function.arity == 1 ? "" : "s"), found \(arguments.count)")
                }
                return .call(function, arguments)
            }
            guard VariableName.isValid(name) else { throw SyntaxError(column: start + 1, reason: "'\(name)' is not a variable name") }
            return .variable(name)
        }
        throw SyntaxError(column: start + 1, reason: "unexpected '\(character)'")
    }
}
