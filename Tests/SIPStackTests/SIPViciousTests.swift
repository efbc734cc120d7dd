// The registrar against the attack tools people actually run (PyPI `sipvicious`): svcrack
// guessing a password finds it only when it comes before the throttle; svwar scanning
// extensions cannot tell existing ones from unknown ones. Each tool runs bounded in time.

import Foundation
import SIP
import SIPStack
import SIPTesting
import Testing

/// Where the sipvicious tools are installed.
enum SIPVicious {
    /// The installed tool `name` on PATH.
    static func tool(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

@Suite(.serialized, .timeLimit(.minutes(3)), .enabled(if: SIPVicious.tool("sipvicious_svcrack") != nil, "needs PyPI sipvicious (scripts/test-requirements.txt)"))
struct SIPViciousTests {

    /// Runs `name` with `arguments` in a scratch folder (files written first), for at most
    /// `limit`; returns what it printed.
    static func run(_ name: String, _ arguments: [String], files: [String: String] = [:], limit: Duration = .seconds(60)) async throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sipvicious-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for (file, text) in files { try text.write(toFile: directory + "/" + file, atomically: true, encoding: .utf8) }
        let child = try ChildProcess(executable: try #require(SIPVicious.tool(name)), arguments: arguments, directory: directory, name: name)
        if await child.wait(timeout: limit) == nil { _ = await child.stop(grace: .seconds(2)) }
        return child.output + child.errorOutput
    }

    static let registrar = RegistrarConfiguration(
        realm: "kefu", failureDelay: .milliseconds(20), throttle: RegistrationThrottle(maxFailures: 5, maxChallenges: 30, window: 60, cooldown: 120))

    // svcrack sends from 127.0.0.1 whatever its -b says; the legitimate phone uses 127.0.0.2.
    @Test("svcrack finds a password it tries first, but not one it reaches after five wrong guesses (no challenge once blocked); another address still registers")
    func svcrackIsThrottled() async throws {
        try await withRunningStack(registrar: Self.registrar) { userAgent, port in
            let control = try await Self.run(
                "sipvicious_svcrack", ["-u", "1002", "-d", "words.txt", "-p", String(port), "-P", String(LoopbackPort.free()), "127.0.0.1"],
                files: ["words.txt": "other\n"])
            #expect(control.contains("other"), "svcrack does not work against the stack, so its failure below proves nothing:\n\(control)")
            let words = ["1234", "0000", "1001", "password", "admin", "123456", "secret"].joined(separator: "\n") + "\n"
            // Once blocked, svcrack gets 403 without a challenge and waits for one: stopped after 20 s.
            let attack = try await Self.run(
                "sipvicious_svcrack", ["-u", "1001", "-d", "words.txt", "-p", String(port), "-P", String(LoopbackPort.free()), "127.0.0.1"],
                files: ["words.txt": words], limit: .seconds(20))
            #expect(!attack.contains("secret"), "svcrack guessed the password past the throttle:\n\(attack)")
            #expect(await userAgent.bindings(of: "1001").isEmpty, "svcrack registered 1001")
            var phone = try RegistrarTests.Phone(user: "1001", password: "secret", port: port, host: "127.0.0.2")
            #expect(try await phone.register()?.status == .ok)
            #expect(await userAgent.bindings(of: "1001").count == 1)
        }
    }

    @Test("svwar scanning 1000-1010 (1001 and 1002 exist) finds nothing, by REGISTER or INVITE")
    func svwarFindsNothing() async throws {
        try await withRunningStack(registrar: Self.registrar, authenticatesInvites: true) { _, port in
            for method in ["REGISTER", "INVITE"] {
                let scan = try await Self.run(
                    "sipvicious_svwar", ["-m", method, "-e", "1000-1010", "--force", "-p", String(port), "-P", String(LoopbackPort.free()), "127.0.0.1"])
                #expect(scan.contains("found nothing") && !scan.contains("| 1001"), "svwar (\(method)) told extensions apart:\n\(scan)")
            }
        }
    }
}
