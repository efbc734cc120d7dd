// Free-form documents written inline in YAML (a flow's `document:`, a number's `rules:`)
// read with YAML 1.2 core-schema rules, so a value reads back as what it was written as:
// quoted scalars are always text, and plain `09:00` is the text "09:00" (YAML 1.1 and the
// YAML library's default would make it the sexagesimal number 540, and `yes` true).
import Foundation
import Yams

extension JSONValue {
    /// The JSON value of a YAML node, scalars resolved by the YAML 1.2 core schema.
    init(yamlNode node: Node) throws {
        switch node {
        case .scalar(let scalar):
            self = JSONValue.resolve(scalar)
        case .sequence(let sequence):
            self = .array(try sequence.map(JSONValue.init(yamlNode:)))
        case .mapping(let mapping):
            var members: [String: JSONValue] = [:]
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw StoreError.invalid("", nil, "mapping keys must be plain text")
                }
                members[keyScalar.string] = try JSONValue(yamlNode: value)
            }
            self = .object(members)
        case .alias:
            throw StoreError.invalid("", nil, "YAML aliases are not supported in documents")
        }
    }

    private static func resolve(_ scalar: Node.Scalar) -> JSONValue {
        let text = scalar.string
        guard scalar.style == .plain || scalar.style == .any else { return .string(text) }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if let integer = coreInteger(text) { return .integer(integer) }
        if coreFloat(text), let number = Double(text.replacingOccurrences(of: ".inf", with: "inf", options: .caseInsensitive)) {
            return .number(number)
        }
        return .string(text)
    }

    private static func coreInteger(_ text: String) -> Int64? {
        if text.hasPrefix("0x"), let value = Int64(text.dropFirst(2), radix: 16) { return value }
        if text.hasPrefix("0o"), let value = Int64(text.dropFirst(2), radix: 8) { return value }
        let digits = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        return Int64(text)
    }

    private static func coreFloat(_ text: String) -> Bool {
        let body = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        if [".inf", ".Inf", ".INF"].contains(body) { return true }
        var sawDigit = false, sawDot = false, sawExponent = false
        var previous: Character?
        for character in body {
            let isExponent = character == "e" || character == "E"
            let afterExponent = previous == "e" || previous == "E"
            if character.isASCII && character.isNumber {
                sawDigit = true
            } else if character == "." && !sawDot && !sawExponent {
                sawDot = true
            } else if isExponent && sawDigit && !sawExponent {
                sawExponent = true
            } else if (character == "+" || character == "-") && afterExponent {
                // the exponent's sign
            } else {
                return false
            }
            previous = character
        }
        return sawDigit && (sawDot || sawExponent)
    }
}
