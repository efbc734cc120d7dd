// Expressions over call data for condition and set nodes: `balance < 0`,
// `tier == "vip" && time.hour >= 9`, `startsWith(caller, "138")`, `attempts + 1`.

/// A parsed expression. Grammar (lowest precedence first): `||`, `&&`, `!`, comparisons
/// `== != < <= > >=`, `+ -`, `* / %`, unary `-`, then literals (`12.5`, `"text"`, `true`,
/// `false`), variables (`caller`, `lookup.balance`), calls (`startsWith(a, b)`,
/// `endsWith`, `contains`, `length(a)`, `isEmpty(a)`) and parentheses.
///
/// Variables hold text. Comparisons are numeric when both sides read as numbers, textual
/// otherwise; arithmetic needs numbers.
public struct FlowExpression: Hashable, Sendable, CustomStringConvertible {
    indirect enum Node: Hashable, Sendable {
        case literal(Value)
        case variable(String)
        case not(Node)
        case negate(Node)
        case binary(Operator, Node, Node)
        case call(Function, [Node])
    }

    enum Operator: String, Hashable, Sendable {
        case or = "||", and = "&&"
        case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
        case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"
    }

    enum Function: String, Hashable, Sendable, CaseIterable {
        case startsWith, endsWith, contains, length, isEmpty
        var arity: Int { self == .length || self == .isEmpty ? 1 : 2 }
    }

    /// A runtime value.
    public enum Value: Hashable, Sendable, CustomStringConvertible {
        case text(String)
        case number(Double)
        case bool(Bool)

        /// The value as variable text.
        public var description: String {
            switch self {
            case .text(let text): return text
            case .number(let number):
                return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
            case .bool(let flag): return flag ? "true" : "false"
            }
        }

        var number: Double? {
            switch self {
            case .number(let number): return number
            case .text(let text): return Double(text.trimmingSpaces)
            case .bool: return nil
            }
        }
    }

    /// Why an expression does not parse, with the 1-based column.
    public struct SyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
        public var column: Int
        public var reason: String
        public var description: String { "\(reason) at column \(column)" }
    }

    /// Why an expression could not be evaluated on a call.
    public struct EvaluationError: Error, Hashable, Sendable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    /// The expression as written.
    public let source: String
    let root: Node

    /// Parses `source`.
    public init(_ source: String) throws(SyntaxError) {
        self.source = source
        var parser = ExpressionParser(source: source)
        root = try parser.parse()
    }

    /// Every variable the expression reads.
    public var variables: [String] {
        var names: [String] = []
        func walk(_ node: Node) {
            switch node {
            case .literal: break
            case .variable(let name): if !names.contains(name) { names.append(name) }
            case .not(let inner), .negate(let inner): walk(inner)
            case .binary(_, let left, let right): walk(left); walk(right)
            case .call(_, let arguments): arguments.forEach(walk)
            }
        }
        walk(root)
        return names
    }

    /// Evaluates with `lookup` giving variable text (nil for unset variables, read as "").
    public func evaluate(_ lookup: (String) -> String?) throws(EvaluationError) -> Value {
        try FlowExpression.evaluate(root, lookup)
    }

    /// Evaluates and requires a boolean, for conditions.
    public func isTrue(_ lookup: (String) -> String?) throws(EvaluationError) -> Bool {
        guard case .bool(let flag) = try evaluate(lookup) else {
            throw EvaluationError(reason: "'\(source)' does not give true or false")
        }
        return flag
    }

    public var description: String { source }

    private static func evaluate(_ node: Node, _ lookup: (String) -> String?) throws(EvaluationError) -> Value {
        switch node {
        case .literal(let value): return value
        case .variable(let name): return .text(lookup(name) ?? "")
        case .not(let inner):
            guard case .bool(let flag) = try evaluate(inner, lookup) else { throw EvaluationError(reason: "'!' needs true or false") }
            return .bool(!flag)
        case .negate(let inner):
            guard let number = try evaluate(inner, lookup).number else { throw EvaluationError(reason: "'-' needs a number") }
            return .number(-number)
        case .binary(let op, let leftNode, let rightNode):
            if op == .and || op == .or {
                guard case .bool(let left) = try evaluate(leftNode, lookup) else { throw EvaluationError(reason: "'\(op.rawValue)' needs true or false on its left") }
                if op == .and && !left { return .bool(false) }
                if op == .or && left { return .bool(true) }
                guard case .bool(let right) = try evaluate(rightNode, lookup) else { throw EvaluationError(reason: "'\(op.rawValue)' needs true or false on its right") }
                return .bool(right)
            }
            let left = try evaluate(leftNode, lookup), right = try evaluate(rightNode, lookup)
            switch op {
            case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
                let order: Int
                if let l = left.number, let r = right.number {
                    order = l < r ? -1 : (l > r ? 1 : 0)
                } else {
                    let l = left.description, r = right.description
                    order = l < r ? -1 : (l > r ? 1 : 0)
                }
                switch op {
                case .equal: return .bool(order == 0)
                case .notEqual: return .bool(order != 0)
                case .less: return .bool(order < 0)
                case .lessOrEqual: return .bool(order <= 0)
                case .greater: return .bool(order > 0)
                default: return .bool(order >= 0)
                }
            default:
                guard let l = left.number, let r = right.number else {
                    throw EvaluationError(reason: "'\(op.rawValue)' needs numbers, got '\(left)' and '\(right)'")
                }
                switch op {
                case .add: return .number(l + r)
                case .subtract: return .number(l - r)
                case .multiply: return .number(l * r)
                case .divide:
                    guard r != 0 else { throw EvaluationError(reason: "division by zero") }
                    return .number(l / r)
                default:
                    guard r != 0 else { throw EvaluationError(reason: "remainder by zero") }
                    return .number(l.truncatingRemainder(dividingBy: r))
                }
            }
        case .call(let function, let argumentNodes):
            var arguments: [String] = []
            for argument in argumentNodes { arguments.append(try evaluate(argument, lookup).description) }
            switch function {
            case .startsWith: return .bool(arguments[0].hasPrefix(arguments[1]))
            case .endsWith: return .bool(arguments[0].hasSuffix(arguments[1]))
            case .contains: return .bool(arguments[0].contains(arguments[1]))
            case .length: return .number(Double(arguments[0].count))
            case .isEmpty: return .bool(arguments[0].isEmpty)
            }
        }
    }
}
