// `kefu serve`: run Kefu's SIP service until SIGTERM or SIGINT.

import ArgumentParser
import Logging
import ServiceLifecycle
import UnixSignals
import SIPStack

/// Runs the SIP stack: UDP and TCP, the registrar, the built-in numbers.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run Kefu's SIP service (UDP and TCP) until SIGTERM or SIGINT."
    )

    @OptionGroup var options: ServeOptions

    func run() async throws {
        try await options.runService()
    }
}

/// The options `serve` and `demo` share.
struct ServeOptions: ParsableArguments {
    @Option(name: .customLong("sip-host"), help: "The address to listen on for SIP (IPv4 or IPv6 literal).")
    var sipHost = "127.0.0.1"

    @Option(name: .customLong("sip-port"), help: "The SIP port (UDP and TCP).")
    var sipPort = 5060

    @Option(name: .customLong("data-dir"), help: "Where Kefu keeps its data.")
    var dataDirectory = "kefu-data"

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    @Option(name: .customLong("realm"), help: "The SIP domain (digest realm) phones register in.")
    var realm = "kefu"

    @Option(name: .customLong("demo-user"), help: "A SIP user as EXTENSION:PASSWORD; repeat for more.")
    var demoUsers: [String] = []

    @Option(name: .customLong("builtin-number"), help: "A number Kefu answers itself with SDP and no media; repeat for more.")
    var builtinNumbers: [String] = ["*99", "9999"]

    @Flag(name: .customLong("no-tcp"), help: "Listen on UDP only.")
    var noTCP = false

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
        guard (1...65535).contains(sipPort) else { throw ValidationError("--sip-port must be between 1 and 65535") }
        for user in demoUsers {
            let parts = user.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ValidationError("--demo-user takes EXTENSION:PASSWORD, e.g. 1001:secret")
            }
        }
    }

    /// The users given with `--demo-user`.
    var passwords: [String: String] {
        var table: [String: String] = [:]
        for user in demoUsers {
            let parts = user.split(separator: ":", maxSplits: 1)
            table[String(parts[0])] = String(parts[1])
        }
        return table
    }

    /// Bootstraps logging, starts the SIP service and waits for a shutdown signal.
    func runService(banner: ((SIPUserAgent) -> Void)? = nil) async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "kefu")
        try FileSystemHelpers.createDirectory(dataDirectory)

        var listen = [SIPListenAddress(transport: .udp, host: sipHost, port: sipPort)]
        if !noTCP { listen.append(SIPListenAddress(transport: .tcp, host: sipHost, port: sipPort)) }
        let configuration = SIPUserAgentConfiguration(
            stack: SIPStackConfiguration(listenAddresses: listen),
            registrar: RegistrarConfiguration(realm: realm),
            autoAnswer: .init(numbers: Set(builtinNumbers), mediaAddress: sipHost.contains(":") ? "127.0.0.1" : sipHost),
            deliversIncomingCalls: false
        )
        let userAgent = SIPUserAgent(
            configuration: configuration,
            credentials: StaticCredentialProvider(realm: realm, passwords: passwords),
            logger: Logger(label: "kefu.sip")
        )
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: userAgent)],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        logger.info("Kefu starting", metadata: [
            "sip": "\(sipHost):\(sipPort)", "data-dir": "\(dataDirectory)", "realm": "\(realm)",
            "users": "\(passwords.keys.sorted())", "builtin-numbers": "\(builtinNumbers)",
        ])
        banner?(userAgent)
        try await group.run()
        logger.info("Kefu stopped")
    }
}
