// Running SIPp (Debian sip-tester) against a stack under test, bounded in time, on loopback.

import Foundation

/// One SIPp run: arguments, a time limit, its exit status and statistics.
///
/// Always binds 127.0.0.1 on a free port, runs with `-nostdin`, `-timeout` and `-m`, and is
/// killed when the limit passes, so a test never hangs on it (PEERS.md).
public struct SIPpProcess: Sendable {
    /// What a finished run reports.
    public struct Outcome: Sendable, CustomStringConvertible {
        /// SIPp's exit status (0: every call succeeded; 1: some failed; 97+: errors).
        public var exitStatus: Int32
        /// Successful calls, from the final statistics.
        public var successfulCalls: Int
        /// Failed calls, from the final statistics.
        public var failedCalls: Int
        /// What SIPp printed (screens and errors), for failure messages.
        public var output: String
        /// The message trace, when asked for.
        public var trace: String

        public var description: String {
            "sipp exit \(exitStatus), \(successfulCalls) successful, \(failedCalls) failed\n\(output.suffix(3000))\n\(trace.suffix(4000))"
        }
    }

    /// Whether the `sipp` binary is installed.
    public static var isInstalled: Bool {
        FileManager.default.isExecutableFile(atPath: executable)
    }

    /// Where Debian installs SIPp.
    public static let executable = "/usr/bin/sipp"

    /// Runs SIPp with `arguments` (remote address, scenario, `-m`, ...) plus the fixed safety
    /// options; `files` are written into a temporary directory first (scenarios, CSVs) and
    /// `{dir}` in arguments is replaced with that directory.
    public static func run(
        _ arguments: [String],
        files: [String: String] = [:],
        localPort: Int = LoopbackPort.free(),
        timeLimit: Duration = .seconds(60),
        traceMessages: Bool = false
    ) async throws -> Outcome {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sipp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, content) in files {
            try content.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let seconds = Int(timeLimit.components.seconds)
        var all = arguments.map { $0.replacingOccurrences(of: "{dir}", with: directory.path) }
        all += ["-i", "127.0.0.1", "-p", String(localPort), "-nostdin", "-timeout", "\(seconds)s", "-timeout_error",
                "-trace_stat", "-stf", directory.appendingPathComponent("stat.csv").path, "-fd", "1"]
        if traceMessages {
            all += ["-trace_msg", "-message_file", directory.appendingPathComponent("messages.log").path]
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = all
        process.currentDirectoryURL = directory
        let outputURL = directory.appendingPathComponent("output.txt")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        let handle = try FileHandle(forWritingTo: outputURL)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + timeLimit + .seconds(10)
        while process.isRunning {
            if ContinuousClock.now > deadline {
                process.terminate()
                try await Task.sleep(for: .milliseconds(200))
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                break
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.waitUntilExit()
        try? handle.close()
        let output = (try? String(contentsOf: outputURL, encoding: .utf8)) ?? ""
        let trace = traceMessages ? ((try? String(contentsOf: directory.appendingPathComponent("messages.log"), encoding: .utf8)) ?? "") : ""
        let stats = (try? String(contentsOf: directory.appendingPathComponent("stat.csv"), encoding: .utf8)) ?? ""
        let (successful, failed) = Self.finalCounts(stats)
        return Outcome(exitStatus: process.terminationStatus, successfulCalls: successful, failedCalls: failed, output: output, trace: trace)
    }

    /// Reads SuccessfulCall(C) and FailedCall(C) from the last row of SIPp's `-trace_stat` CSV.
    static func finalCounts(_ csv: String) -> (Int, Int) {
        let lines = csv.split(whereSeparator: \.isNewline)
        guard let header = lines.first, let last = lines.last, lines.count > 1 else { return (0, 0) }
        let names = header.split(separator: ";", omittingEmptySubsequences: false)
        let values = last.split(separator: ";", omittingEmptySubsequences: false)
        func value(_ name: String) -> Int {
            guard let index = names.firstIndex(where: { $0 == name }), index < values.count else { return 0 }
            return Int(values[index]) ?? 0
        }
        return (value("SuccessfulCall(C)"), value("FailedCall(C)"))
    }
}
