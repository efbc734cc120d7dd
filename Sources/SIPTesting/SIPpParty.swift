// A SIPp process that runs in the background of a test, with the RTP probe its SDP points at.

import Foundation

/// Why a SIPp scenario could not be prepared.
public enum SIPpScenarioError: Error, CustomStringConvertible {
    /// The fixture file is missing.
    case missing(path: String)
    /// A `{{name}}` placeholder was left without a value.
    case unfilled(path: String, placeholder: String)

    public var description: String {
        switch self {
        case .missing(let path): return "SIPp scenario \(path) does not exist"
        case .unfilled(let path, let placeholder): return "SIPp scenario \(path) needs a value for \(placeholder)"
        }
    }
}

/// Scenario files with `{{name}}` placeholders for what SIPp cannot take as a variable
/// (timeouts, pause lengths, expected status codes).
public enum SIPpScenario {
    /// The text of `path` with each `{{key}}` replaced by its value; throws when one is left.
    public static func fill(_ path: String, values: [String: String] = [:]) throws -> String {
        guard var text = try? String(contentsOfFile: path, encoding: .utf8) else { throw SIPpScenarioError.missing(path: path) }
        for (key, value) in values { text = text.replacingOccurrences(of: "{{\(key)}}", with: value) }
        if let start = text.range(of: "{{"), let end = text.range(of: "}}", range: start.upperBound..<text.endIndex) {
            throw SIPpScenarioError.unfilled(path: path, placeholder: String(text[start.lowerBound..<end.upperBound]))
        }
        return text
    }
}

/// A SIPp caller or agent running in the background: its process, its RTP probe and its
/// files (scenario, statistics, message trace, errors) in a folder of its own.
public final class SIPpParty: Sendable {
    /// What the run reports when it is over.
    public struct Outcome: Sendable, CustomStringConvertible {
        /// SIPp's exit status (0: every call succeeded).
        public var exitStatus: Int32
        /// Successful calls from the statistics file.
        public var successfulCalls: Int
        /// Failed calls from the statistics file.
        public var failedCalls: Int
        /// The tail of SIPp's errors and message trace, for failure messages.
        public var log: String

        public var description: String {
            "sipp exit \(exitStatus), \(successfulCalls) successful, \(failedCalls) failed\n\(log)"
        }
    }

    /// A name for messages (`caller`, `agent 1001`).
    public let name: String
    /// The folder with the scenario and SIPp's files.
    public let directory: String
    /// The SIP port SIPp listens on.
    public let sipPort: Int
    /// The media end its SDP names.
    public let probe: RTPProbe
    let child: ChildProcess

    /// Starts `sipp` with `arguments` plus the fixed loopback and safety options; the scenario
    /// text is written to `scenario.xml` in `directory` and `{dir}` in arguments names it.
    public init(name: String, scenario: String, arguments: [String], directory: String, sipPort: Int = LoopbackPort.free(),
                probe: RTPProbe, timeLimit: Duration = .seconds(180), files: [String: String] = [:]) throws {
        self.name = name
        self.directory = directory
        self.sipPort = sipPort
        self.probe = probe
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try scenario.write(toFile: directory + "/scenario.xml", atomically: true, encoding: .utf8)
        for (file, content) in files { try content.write(toFile: directory + "/" + file, atomically: true, encoding: .utf8) }
        let all = ["-sf", directory + "/scenario.xml"] + arguments.map { $0.replacingOccurrences(of: "{dir}", with: directory) } + [
            "-i", "127.0.0.1", "-p", String(sipPort), "-mp", String(RTPPortRange.free(count: 4).lowerBound),
            "-nostdin", "-timeout", "\(timeLimit.components.seconds)s", "-timeout_error",
            "-trace_stat", "-stf", directory + "/stat.csv", "-fd", "1",
            "-trace_err", "-error_file", directory + "/errors.log",
            "-trace_msg", "-message_file", directory + "/messages.log",
        ]
        child = try ChildProcess(executable: SIPpProcess.executable, arguments: all, directory: directory, name: "sipp")
    }

    /// Whether SIPp is still running.
    public var isRunning: Bool { child.isRunning }

    /// Waits for SIPp to end by itself (at most `timeout`, then stops it) and stops the probe.
    public func finish(timeout: Duration) async -> Outcome {
        if await child.wait(timeout: timeout) == nil { await child.stop(grace: .seconds(3)) }
        probe.stop()
        return outcome()
    }

    /// Stops SIPp now (a UAS that would wait forever) and the probe.
    public func stop() async -> Outcome {
        await child.stop(grace: .seconds(3))
        probe.stop()
        return outcome()
    }

    /// The statistics and log tail as they are now.
    public func outcome() -> Outcome {
        let stats = (try? String(contentsOfFile: directory + "/stat.csv", encoding: .utf8)) ?? ""
        let (successful, failed) = SIPpProcess.finalCounts(stats)
        return Outcome(exitStatus: child.exitStatus ?? -1, successfulCalls: successful, failedCalls: failed, log: logTail())
    }

    /// The last lines of SIPp's output, errors and message trace.
    public func logTail(characters: Int = 4000) -> String {
        func read(_ file: String) -> String { (try? String(contentsOfFile: directory + "/" + file, encoding: .utf8)) ?? "" }
        return """
        --- \(name): sipp output ---
        \(String((child.output + child.errorOutput).suffix(1500)))
        --- \(name): errors ---
        \(String(read("errors.log").suffix(1500)))
        --- \(name): messages ---
        \(String(read("messages.log").suffix(characters)))
        """
    }
}
