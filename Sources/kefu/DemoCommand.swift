// `kefu demo`: start Kefu with the demo tenant of examples/demo.yaml on SQLite and print
// how to call it and how to log agents in.

import ArgumentParser
import Foundation

/// Runs Kefu with the demo tenant: a 400 number, three agents, two queues, the demo IVR.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Try Kefu: the demo tenant on SQLite, a number to call, three agents to log in."
    )

    @Option(name: .customLong("sip-port"), help: "The SIP port (UDP and TCP).")
    var sipPort = 5060

    @Option(name: .customLong("http-port"), help: "The HTTP port of the API and the agent desktop.")
    var httpPort = 8080

    @Option(name: .customLong("data-dir"), help: "Where the demo keeps its database, recordings and prompts.")
    var dataDirectory = "kefu-demo"

    @Option(name: .customLong("file"), help: "The demo provisioning file.")
    var file = "examples/demo.yaml"

    func run() async throws {
        guard FileManager.default.fileExists(atPath: file) else {
            throw ValidationError("\(file) not found: run `swift run kefu demo` from the Kefu checkout, or pass --file")
        }
        try FileSystemHelpers.createDirectory(dataDirectory)
        DemoPrompts.install(from: (file as NSString).deletingLastPathComponent, into: dataDirectory)
        let options = try ServeOptions.parse([
            "--sip-port", String(sipPort), "--http-port", String(httpPort), "--data-dir", dataDirectory, "--provision", file,
            "--realm", "demo.kefu.local", "--always-open",
        ])
        let port = sipPort
        let http = httpPort
        let data = dataDirectory
        try await options.runService { _ in
            print(DemoCommand.banner(port: port, httpPort: http, dataDirectory: data))
            fflush(nil)
        }
    }

    static func banner(port: Int, httpPort: Int, dataDirectory: String) -> String {
        """

        Kefu demo is running: SIP on 127.0.0.1:\(port) (UDP and TCP), domain demo.kefu.local.

          Call the hotline:  sip:4001234567@demo.kefu.local  (no login needed; 2 = enquiries, 3 = complaints)
          Agents (extension / password):  1001 / demo1001   1002 / demo1002   1003 / demo1003
          From an agent's phone dial *1 to sign in and be ready, *2 not ready, *0 ready, *3 sign out.

          Any softphone: user 1001, password demo1001, domain demo.kefu.local,
            outbound proxy / server 127.0.0.1:\(port), UDP, codec PCMU or PCMA, DTMF RFC 2833/4733.
          baresip: put this line in ~/.baresip/accounts, start baresip, type /dial *1
            <sip:1001@demo.kefu.local>;auth_pass=demo1001;outbound="sip:127.0.0.1:\(port)";regint=600
          A caller: a second baresip account (e.g. 1002) dials 4001234567.

          Agent desktop (座席工作台): http://127.0.0.1:\(httpPort)/  — tenant demo, user agent1001, password demo-agent
          Wallboard (班长监控): http://127.0.0.1:\(httpPort)/wallboard/  — tenant demo, user supervisor, password demo-supervisor
          Admin console (管理): http://127.0.0.1:\(httpPort)/admin/  — tenant demo, user admin, password demo-admin;
            platform operator: no tenant, user operator, password demo-operator; content reviewer: reviewer / demo-reviewer
          API: http://127.0.0.1:\(httpPort)/api/v1/openapi.json
          Metrics: http://127.0.0.1:\(httpPort)/metrics  — as the platform operator, or a scraper sending
            Authorization: Bearer $KEFU_METRICS_TOKEN (set that variable before starting kefu)

          Calls, recordings and the database are in \(dataDirectory)/. Stop with Ctrl-C.
        """
    }
}
