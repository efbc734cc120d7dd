// A JSON document carried through the API untouched: flow documents and rule sets keep
// their own (camelCase) keys, which the API's snake_case key strategies would rewrite.

import Foundation
import Store

/// A JSON value coded through single-value containers and dictionaries, which the coders'
/// key strategies leave alone.
struct RawJSON: Codable, Hashable, Sendable {
    /// The value.
    var value: JSONValue

    init(_ value: JSONValue) {
        self.value = value
    }

    init(from decoder: any Decoder) throws {
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            value = .null
        } else if let object = try? single.decode([String: RawJSON].self) {
            value = .object(object.mapValues(\.value))
        } else if let array = try? single.decode([RawJSON].self) {
            value = .array(array.map(\.value))
        } else if let bool = try? single.decode(Bool.self) {
            value = .bool(bool)
        } else if let integer = try? single.decode(Int64.self) {
            value = .integer(integer)
        } else if let number = try? single.decode(Double.self) {
            value = .number(number)
        } else {
            value = .string(try single.decode(String.self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var single = encoder.singleValueContainer()
        switch value {
        case .null: try single.encodeNil()
        case .bool(let bool): try single.encode(bool)
        case .integer(let integer): try single.encode(integer)
        case .number(let number): try single.encode(number)
        case .string(let string): try single.encode(string)
        case .array(let elements): try single.encode(elements.map(RawJSON.init))
        case .object(let members): try single.encode(members.mapValues(RawJSON.init))
        }
    }

    /// The document's bytes, for IVR's decoders.
    var data: Data { Data(value.canonicalText.utf8) }
}

/// The store's prompt record, named apart from Media's `Prompt` for files that import both.
typealias StoredPrompt = Prompt
