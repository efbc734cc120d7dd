// A real softphone (baresip, PEERS.md) registers with digest auth and un-registers on quit.

import Foundation
import SIP
import SIPStack
import SIPTesting
import Testing

@Suite(.serialized, .timeLimit(.minutes(1)), .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/baresip"), "needs baresip"))
struct BaresipTests {
    @Test("baresip registers 1001 with digest auth, the binding shows up, and it is removed when baresip quits")
    func registerAndUnregister() async throws {
        try await withRunningStack { userAgent, port in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("baresip-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let sipPort = LoopbackPort.free()
            try """
            sip_listen\t\t127.0.0.1:\(sipPort)
            sip_transports\t\tudp
            module_path\t\t/usr/lib/baresip/modules
            module\t\t\tg711.so
            module_app\t\taccount.so
            net_interface\t\t127.0.0.1
            audio_player\t\taubridge,nil
            audio_source\t\taubridge,nil

            """.write(to: directory.appendingPathComponent("config"), atomically: true, encoding: .utf8)
            try "<sip:1001@127.0.0.1:\(port)>;auth_pass=secret;regint=60\n"
                .write(to: directory.appendingPathComponent("accounts"), atomically: true, encoding: .utf8)

            var changes = userAgent.bindingChanges.makeAsyncIterator()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/baresip")
            process.arguments = ["-4", "-f", directory.path, "-t", "4"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
            defer { if process.isRunning { process.terminate() } }

            guard case .added(let binding)? = await changes.next() else {
                Issue.record("baresip did not register")
                return
            }
            #expect(binding.user == "1001")
            #expect(binding.sourcePort == sipPort)
            #expect(binding.userAgent?.lowercased().contains("baresip") == true)
            #expect(await userAgent.bindings(of: "1001").count == 1)

            guard case .removed(let removed)? = await changes.next() else {
                Issue.record("baresip did not un-register")
                return
            }
            #expect(removed.contact == binding.contact)
            #expect(await userAgent.bindings(of: "1001").isEmpty)
            let deadline = ContinuousClock.now + .seconds(10)
            while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
            #expect(!process.isRunning)
        }
    }
}
