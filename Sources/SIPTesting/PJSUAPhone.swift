// An agent's softphone played by PJSIP (pjsua2 from PyPI `pjsua2-python`, PEERS.md): a real
// SIP stack for what baresip 1.0 cannot do headless, such as hold by re-INVITE and attended
// transfer (REFER with Replaces, RFC 5589). The test drives it by commands and reads its events.

import Foundation

/// Why the pjsua2 phone could not be used.
public struct PJSUAPhoneError: Error, CustomStringConvertible {
    /// What went wrong, with the phone's output.
    public var description: String
}

/// One pjsua2 phone registered as an agent's extension through kefu, on free loopback ports.
///
/// The script (`agent-phone.py` among the test fixtures) auto-answers, sends a `tone` Hz sine
/// on each call and numbers its calls 0, 1, ... in the order they appear; commands such as
/// `dial 1002`, `hold 0`, `resume 0`, `xfer-replaces 0 1`, `hangup 1` are appended to a file
/// it reads, and its events (`call 1 CONFIRMED`, `transfer 0 200 final`) are lines of its output.
public final class PJSUAPhone: Sendable {
    /// Whether the `python3` on PATH (the one the test requirements were installed into) can
    /// import pjsua2.
    public static var isInstalled: Bool {
        guard let process = try? Process.run(URL(fileURLWithPath: "/usr/bin/env"), arguments: ["python3", "-c", "import pjsua2"]) else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// The extension.
    public let extensionNumber: String
    /// The folder with the command file, the output and the SIP log.
    public let directory: String
    /// The phone's SIP port.
    public let sipPort: Int
    /// The python process.
    public let child: ChildProcess
    private let commands: String

    /// Starts the phone for `extension` with `password` in `domain`, through kefu at
    /// 127.0.0.1:`kefuPort`; `script` is the path of `agent-phone.py`.
    public init(extension extensionNumber: String, password: String, domain: String, kefuPort: Int, tone: Int, script: String, directory: String) throws {
        self.extensionNumber = extensionNumber
        self.directory = directory
        sipPort = LoopbackPort.free()
        commands = directory + "/commands"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: commands, contents: nil)
        let rtp = RTPPortRange.free(count: 20)
        child = try ChildProcess(
            executable: "/usr/bin/env",
            arguments: ["python3", script, "--user", extensionNumber, "--password", password, "--domain", domain, "--kefu-port", String(kefuPort),
                        "--sip-port", String(sipPort), "--rtp-port", String(rtp.lowerBound), "--tone", String(tone),
                        "--commands", commands, "--log", directory + "/sip.log"],
            directory: directory, name: "pjsua")
    }

    /// The events printed so far, one a line.
    public var events: [String] {
        child.output.split(separator: "\n").map(String.init).filter { !$0.hasPrefix(" ") && !$0.contains(".c ") }
    }

    /// Appends `command` to the phone's command file (it runs within 20 ms or so).
    public func send(_ command: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: commands))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((command + "\n").utf8))
    }

    /// Waits (at most `timeout`) for an event line that starts with `prefix`; true when seen.
    public func wait(for prefix: String, timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if events.contains(where: { $0.hasPrefix(prefix) }) { return true }
            if !child.isRunning { break }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return events.contains { $0.hasPrefix(prefix) }
    }

    /// Waits for `registered 200`.
    public func waitForRegistration(timeout: Duration = .seconds(30)) async throws {
        guard await wait(for: "registered 200", timeout: timeout) else {
            throw PJSUAPhoneError(description: "pjsua \(extensionNumber) did not register\n\(logTail)")
        }
    }

    /// Waits for the registration, then signs the agent in by dialling `*1` (kefu answers,
    /// announces and hangs up); that feature-code call is the phone's call 0.
    public func signIn(timeout: Duration = .seconds(30)) async throws {
        try await waitForRegistration(timeout: timeout)
        try send("dial *1")
        guard await wait(for: "call 0 DISCONNECTED", timeout: timeout), events.contains("call 0 CONFIRMED") else {
            throw PJSUAPhoneError(description: "kefu did not answer *1 from pjsua \(extensionNumber)\n\(logTail)")
        }
    }

    /// Call `number`'s dialog once confirmed (`dialog N CALL-ID LOCAL-TAG REMOTE-TAG`), as the
    /// value of a Replaces header that names it: `call-id;to-tag=REMOTE;from-tag=LOCAL`.
    public func replacesValue(ofCall number: Int) -> String? {
        guard let line = events.first(where: { $0.hasPrefix("dialog \(number) ") }) else { return nil }
        let words = line.split(separator: " ")
        guard words.count == 5 else { return nil }
        return "\(words[2]);to-tag=\(words[4]);from-tag=\(words[3])"
    }

    /// The SIP messages the phone sent and received (pjsip's log).
    public var sipLog: String { (try? String(contentsOfFile: directory + "/sip.log", encoding: .utf8)) ?? "" }

    /// The phone's events (tail), for failure messages.
    public var logTail: String {
        "--- pjsua \(extensionNumber) ---\n" + events.suffix(40).joined(separator: "\n") + "\n" + String(child.errorOutput.suffix(1500))
    }

    /// Quits the phone (a `quit` command, then SIGTERM and kill).
    @discardableResult
    public func stop() async -> Int32 {
        try? send("quit")
        if let status = await child.wait(timeout: .seconds(3)) { return status }
        return await child.stop(signal: SIGTERM, grace: .seconds(3))
    }
}
