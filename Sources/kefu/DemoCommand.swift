// `kefu demo`: a placeholder that runs `serve` with a demo user and the built-in number,
// until the call path brings the demo tenant.

import ArgumentParser
import SIPStack

/// Runs the SIP service with extension 1001 (password `kefu1001`) and the built-in number.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Try Kefu: a registrar with a demo extension and a built-in number that answers."
    )

    @Option(name: .customLong("sip-port"), help: "The SIP port (UDP and TCP).")
    var sipPort = 5060

    func run() async throws {
        var options = try ServeOptions.parse(["--sip-port", String(sipPort), "--demo-user", "1001:kefu1001", "--demo-user", "1002:kefu1002"])
        options.dataDirectory = "kefu-data"
        try await options.runService { _ in
            print("""
            Kefu demo is running on 127.0.0.1:\(sipPort) (UDP and TCP).
              Register a softphone: user 1001, password kefu1001, domain kefu, server 127.0.0.1:\(sipPort)
              (or 1002 / kefu1002).
              Call *99 or 9999: Kefu answers (no audio yet) and you can hang up.
              baresip: baresip -f <dir> with the account line
                <sip:1001@kefu>;auth_pass=kefu1001;outbound="sip:127.0.0.1:\(sipPort)"
            Stop with Ctrl-C.
            """)
        }
    }
}
