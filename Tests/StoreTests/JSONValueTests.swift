// JSON documents: canonical text, and inline YAML read by the YAML 1.2 core schema.
import Foundation
import Testing
import Yams
@testable import Store

@Suite struct JSONValueTests {
    @Test("plain YAML scalars resolve as the YAML 1.2 core schema says; quoted ones stay text", arguments: [
        ("09:00", JSONValue.string("09:00")),
        ("'42'", .string("42")),
        ("42", .integer(42)),
        ("-7", .integer(-7)),
        ("0x1F", .integer(31)),
        ("1.5", .number(1.5)),
        ("2e3", .number(2000)),
        ("1e", .string("1e")),
        ("1-5", .string("1-5")),
        ("yes", .string("yes")),
        ("true", .bool(true)),
        ("~", .null),
        ("13800138000", .integer(13_800_138_000)),
    ])
    func coreSchema(yaml: String, expected: JSONValue) throws {
        let node = try #require(try Yams.compose(yaml: "value: \(yaml)"))
        #expect(try JSONValue(yamlNode: #require(node["value"])) == expected)
    }

    @Test("canonical text sorts keys and escapes, so equal documents have equal checksums")
    func canonical() throws {
        let a = try JSONValue(parsing: #"{"b": [1, 2.5, "x\n"], "a": {"z": null, "y": true}}"#)
        let b = try JSONValue(parsing: #"{"a": {"y": true, "z": null}, "b": [1, 2.5, "x\n"]}"#)
        #expect(a == b)
        #expect(a.canonicalText == #"{"a":{"y":true,"z":null},"b":[1,2.5,"x\n"]}"#)
        #expect(try JSONValue(parsing: a.canonicalText) == a)
        #expect(throws: StoreError.self) { try JSONValue(parsing: "{nope") }
    }
}
