// Replays the inputs the fuzzers found (Fuzz/FailCases/<target>/) and their seed corpora
// (Fuzz/Corpus/<target>/) through the same harness, so plain `swift test` guards every fixed
// crash without a sanitizer build. The folders are found relative to this file.

import Foundation
import Testing

@Suite struct FuzzFailCaseTests {
    /// The fuzz package's folder, found from this source file (Tests/SIPTests/SDP/...).
    static let fuzzDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    static let targets: [(name: String, run: @Sendable ([UInt8]) -> Void)] = [
        ("FuzzSIPMessage", FuzzHarness.sipMessage),
        ("FuzzSIPStream", FuzzHarness.sipStream),
        ("FuzzSDP", FuzzHarness.sdp),
    ]

    /// The files of `Fuzz/<folder>/<target>`, sorted; throws when the folder is missing.
    static func inputs(_ folder: String, _ target: String) throws -> [(name: String, bytes: [UInt8])] {
        let directory = fuzzDirectory.appendingPathComponent(folder).appendingPathComponent(target)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { !$0.hasPrefix(".") }.sorted()
        return try names.map { ($0, Array(try Data(contentsOf: directory.appendingPathComponent($0)))) }
    }

    @Test("every committed crasher runs through its target's harness without crashing", arguments: [0, 1, 2])
    func failCases(_ index: Int) throws {
        let target = Self.targets[index]
        for input in try Self.inputs("FailCases", target.name) { target.run(input.bytes) }
    }

    @Test("every seed corpus input runs through its target's harness without crashing", arguments: [0, 1, 2])
    func corpus(_ index: Int) throws {
        let target = Self.targets[index]
        let inputs = try Self.inputs("Corpus", target.name)
        #expect(!inputs.isEmpty)
        for input in inputs { target.run(input.bytes) }
    }
}
