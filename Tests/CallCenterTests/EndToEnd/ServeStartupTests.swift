// `kefu serve` refusing a bad provisioning file: a clear error and exit status 1, never a
// crash (the store used to be dropped open, and SQLite's assertion killed the process first).

import Foundation
import SIPTesting
import Testing

@Suite(.timeLimit(.minutes(2)), .enabled(if: EndToEndRun.canRun, "needs sipp and a built kefu (swift build --build-tests)"))
struct ServeStartupTests {
    @Test("a provisioning file that lists a platform user twice stops kefu serve with status 1 and the field at fault")
    func badProvisioningFile() async throws {
        var tenant = try TestTenant.demo()
        try tenant.replace("platform:\n  users:\n", with: """
            platform:
              users:
                - { username: reviewer, display_name: twice, roles: [platform_reviewer], password: twice-pass }

            """)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-startup-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let provision = try tenant.write(to: directory + "/tenant")
        do {
            let kefu = try await KefuProcess.start(dataDirectory: directory + "/data", arguments: ["--provision", provision])
            _ = await kefu.stop()
            Issue.record("kefu started with a platform user listed twice")
        } catch KefuProcessError.exitedBeforeReady(let status, _, let log) {
            #expect(status == 1, "kefu crashed instead of refusing the file:\n\(log)")
            #expect(log.contains("platform.users[") && log.contains("is listed twice"), "\(log)")
        }
    }
}
