// The test SMSC (Fixtures/smsc/test_smsc.py) as a child process: started on a free port,
// its JSON event lines read back, stopped at the end.

import Foundation
import SIPTesting

/// A running test SMSC.
final class TestSMSC: Sendable {
    let process: ChildProcess
    let port: Int
    let directory: String

    /// Starts the SMSC with extra `arguments` (e.g. `--drop-after 2`) and waits for its port.
    static func start(_ arguments: [String] = []) async throws -> TestSMSC {
        let root = try requirePath(PackageRoot.path())
        let directory = NSTemporaryDirectory() + "kefu-smsc-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let process = try ChildProcess(
            executable: "/usr/bin/env",
            arguments: ["python3", "-u", root + "/Tests/CallCenterTests/Fixtures/smsc/test_smsc.py", "--lifetime", "120"] + arguments,
            directory: directory, name: "smsc")
        for _ in 0..<200 {
            if let line = Self.events(process.output).first(where: { $0["event"] as? String == "listening" }),
               let port = line["port"] as? Int {
                return TestSMSC(process: process, port: port, directory: directory)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        _ = await process.stop()
        throw TestSMSCError(message: "the test SMSC did not start: \(process.errorTail())")
    }

    private init(process: ChildProcess, port: Int, directory: String) {
        self.process = process
        self.port = port
        self.directory = directory
    }

    /// Every event the SMSC printed so far.
    var events: [[String: Any]] { Self.events(process.output) }

    /// The events named `name`.
    func events(_ name: String) -> [[String: Any]] { events.filter { $0["event"] as? String == name } }

    /// Waits up to `timeout` for `condition` on the events.
    func waitFor(_ timeout: Duration = .seconds(15), _ condition: ([[String: Any]]) -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition(events) { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return condition(events)
    }

    func stop() async {
        _ = await process.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    private static func events(_ output: String) -> [[String: Any]] {
        output.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }
}

struct TestSMSCError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// `value`, or a thrown error saying the package root was not found.
func requirePath(_ value: String?) throws -> String {
    guard let value else { throw TestSMSCError(message: "the package root was not found") }
    return value
}
