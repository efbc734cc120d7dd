// A child process for end-to-end tests: output to files, bounded waits, always reaped.

import Foundation

/// A process started by a test (kefu, a SIPp agent) whose standard output and error go to
/// files, so the test can poll them and attach their tail to a failure message.
///
/// `stop` sends a signal, waits a bounded time and then kills, so no test leaves a peer
/// behind; `deinit` kills a process the test forgot.
public final class ChildProcess: @unchecked Sendable {
    /// Where standard output goes.
    public let outputPath: String
    /// Where standard error goes.
    public let errorPath: String
    /// The command line, for messages.
    public let commandLine: String
    private let process: Process
    private let lock = NSLock()

    /// Starts `executable` with `arguments` in `directory`; output goes to `name.out` and
    /// `name.err` there.
    public init(executable: String, arguments: [String], directory: String, name: String, environment: [String: String]? = nil) throws {
        outputPath = directory + "/" + name + ".out"
        errorPath = directory + "/" + name + ".err"
        commandLine = ([executable] + arguments).joined(separator: " ")
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        let error = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        try process.run()
        try? output.close()
        try? error.close()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// The process id.
    public var pid: Int32 { process.processIdentifier }

    /// Whether the process is still running.
    public var isRunning: Bool { lock.withLock { process.isRunning } }

    /// The exit status (or terminating signal) once it has ended.
    public var exitStatus: Int32? { lock.withLock { process.isRunning ? nil : process.terminationStatus } }

    /// Everything written to standard output so far.
    public var output: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }

    /// Everything written to standard error so far.
    public var errorOutput: String { (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "" }

    /// The last `lines` lines of standard error (where kefu logs).
    public func errorTail(lines: Int = 40) -> String {
        errorOutput.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }

    /// Waits until the process ends or `timeout` passes; returns the exit status, or `nil`
    /// when it is still running.
    @discardableResult
    public func wait(timeout: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        return exitStatus
    }

    /// Sends `signal`, waits up to `grace`, then kills; returns the exit status.
    @discardableResult
    public func stop(signal: Int32 = SIGTERM, grace: Duration = .seconds(10)) async -> Int32 {
        if isRunning { kill(pid, signal) }
        if let status = await wait(timeout: grace) { return status }
        kill(pid, SIGKILL)
        process.waitUntilExit()
        return process.terminationStatus
    }
}
