// `kefu serve`: run Kefu (SIP, media, ACD, call path) until SIGTERM or SIGINT.

import ArgumentParser
import CallCenter
import Foundation
import Logging
import Media
import Server
import ServiceLifecycle
import SIPStack
import Store
import UnixSignals

/// Runs the call center: SIP on UDP and TCP, RTP, the ACD, the tenants from the store.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run Kefu (SIP, media, queues, IVR) until SIGTERM or SIGINT."
    )

    @OptionGroup var options: ServeOptions

    func run() async throws {
        try await options.runService()
    }
}

/// The options `serve` and `demo` share.
struct ServeOptions: ParsableArguments {
    @Option(name: .customLong("sip-host"), help: "The address to listen on for SIP and RTP (IPv4 or IPv6 literal).")
    var sipHost = "127.0.0.1"

    @Option(name: .customLong("sip-port"), help: "The SIP port (UDP and TCP).")
    var sipPort = 5060

    @Option(name: .customLong("http-port"), help: "The HTTP port of the API, event stream and consoles (on --sip-host).")
    var httpPort = 8080

    @Option(name: .customLong("rtp-ports"), help: "The RTP port range, e.g. 20000-29999.")
    var rtpPorts = "20000-29999"

    @Option(name: .customLong("data-dir"), help: "Where Kefu keeps its database, recordings and prompts.")
    var dataDirectory = "kefu-data"

    @Option(name: .customLong("database-url"), help: "postgres://USER@HOST:PORT/DB; default: kefu.sqlite in the data directory.")
    var databaseURL: String?

    @Option(name: .customLong("provision"), help: "Apply this provisioning file (YAML) before starting; repeat for more.")
    var provisionFiles: [String] = []

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    @Option(name: .customLong("realm"), help: "The digest realm of phones that register with an IP address as domain; phones using a tenant's SIP domain authenticate in that domain.")
    var realm = "kefu"

    @Option(name: .customLong("offer-timeout"), help: "Seconds an agent's phone rings before the call goes back to the queue.")
    var offerTimeout = 20

    @Option(name: .customLong("rtp-timeout"), help: "Seconds without RTP after which a call is hung up.")
    var rtpTimeout = 30

    @Option(name: .customLong("keepalive-interval"), help: "Seconds between OPTIONS pings of each registered agent phone; a phone missing two in a row leaves routing until it answers again (0: no pings).")
    var keepAliveInterval = 30

    @Option(name: .customLong("builtin-number"), help: "A number the SIP stack answers itself with SDP and no media (SIP benchmarks); repeat for more.")
    var builtinNumbers: [String] = ["*99", "9999"]

    @Option(name: .customLong("max-calls"), help: "Calls in progress beyond which new INVITEs get 503 with Retry-After (0: no limit).")
    var maxCalls = 0

    @Option(name: .customLong("max-call-rate"), help: "New calls per second beyond which INVITEs get 503 with Retry-After (0: no limit).")
    var maxCallRate = 0

    @Option(name: .customLong("max-tenant-calls"), help: "Calls in progress of a tenant without its own quota beyond which its new INVITEs get 503 (0: no limit).")
    var maxTenantCalls = 0

    @Option(name: .customLong("max-tenant-call-rate"), help: "New calls per second of a tenant without its own quota beyond which its INVITEs get 503 (0: no limit).")
    var maxTenantCallRate = 0

    @Flag(name: .customLong("always-open"), help: "Treat every hour as office hours (demo, tests).")
    var alwaysOpen = false

    @Flag(name: .customLong("no-tcp"), help: "Listen on UDP only.")
    var noTCP = false

    @OptionGroup var sms: SMSOptions

    @OptionGroup var api: APIOptions

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
        guard (1...65535).contains(sipPort) else { throw ValidationError("--sip-port must be between 1 and 65535") }
        guard (1...65535).contains(httpPort) else { throw ValidationError("--http-port must be between 1 and 65535") }
        guard rtpRange != nil else { throw ValidationError("--rtp-ports takes LOW-HIGH with 1024 <= LOW < HIGH <= 65535, e.g. 20000-29999") }
        guard (1...600).contains(offerTimeout) else { throw ValidationError("--offer-timeout must be between 1 and 600 seconds") }
        guard (1...3600).contains(rtpTimeout) else { throw ValidationError("--rtp-timeout must be between 1 and 3600 seconds") }
        guard (0...3600).contains(keepAliveInterval) else { throw ValidationError("--keepalive-interval must be between 0 (off) and 3600 seconds") }
        guard maxCalls >= 0, maxCallRate >= 0 else { throw ValidationError("--max-calls and --max-call-rate must be 0 (no limit) or more") }
        guard maxTenantCalls >= 0, maxTenantCallRate >= 0 else {
            throw ValidationError("--max-tenant-calls and --max-tenant-call-rate must be 0 (no limit) or more")
        }
    }

    /// The RTP range from `--rtp-ports`.
    var rtpRange: ClosedRange<Int>? {
        let parts = rtpPorts.split(separator: "-")
        guard parts.count == 2, let low = Int(parts[0]), let high = Int(parts[1]), 1024 <= low, low < high, high <= 65535 else { return nil }
        return low...high
    }

    /// Bootstraps logging, opens the store, applies provisioning files, starts the call
    /// center and waits for a shutdown signal; `banner` runs once everything listens.
    func runService(banner: (@Sendable (CallCenter) -> Void)? = nil) async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "kefu")
        let metrics = ServerMetrics.bootstrapMetricsSystem()
        try FileSystemHelpers.createDirectory(dataDirectory)

        var storeConfiguration = try StoreConfiguration.resolve(dataDirectory: dataDirectory, databaseURL: databaseURL)
        storeConfiguration.logger = Logger(label: "kefu.store")
        let store = try await Store.open(storeConfiguration)
        // A bad provisioning file or a port in use ends kefu with its error, after the store is
        // closed (SQLite traps on a connection dropped open).
        do {
            for file in provisionFiles {
                let document = try ProvisioningDocument.load(contentsOf: URL(fileURLWithPath: file))
                let report = try await Provisioner(store: store, options: ProvisioningOptions(dataDirectory: dataDirectory)).apply(document)
                logger.info("provisioned", metadata: ["file": "\(file)", "report": "\(report)"])
            }

            let directory = TenantDirectory()
            var listen = [SIPListenAddress(transport: .udp, host: sipHost, port: sipPort)]
            if !noTCP { listen.append(SIPListenAddress(transport: .tcp, host: sipHost, port: sipPort)) }
            var sipConfiguration = SIPUserAgentConfiguration(
                stack: SIPStackConfiguration(listenAddresses: listen),
                registrar: RegistrarConfiguration(realm: realm, realmFromDomain: true),
                autoAnswer: .init(numbers: Set(builtinNumbers), mediaAddress: sipHost.contains(":") ? "127.0.0.1" : sipHost)
            )
            sipConfiguration.invitesNeedingAuthentication = { directory.requiresAuthentication($0) }
            let admission = CallAdmission(
                limits: CallAdmissionLimits(
                    maxConcurrentCalls: maxCalls, maxCallsPerSecond: maxCallRate,
                    maxConcurrentCallsPerTenant: maxTenantCalls, maxCallsPerSecondPerTenant: maxTenantCallRate),
                tenantOf: { directory.tenantID(for: $0) }, tenantLimits: { directory.callLimits(tenant: $0) })
            let userAgent = SIPUserAgent(
                configuration: sipConfiguration, credentials: StoreCredentialProvider(store: store), admissionControl: admission,
                logger: Logger(label: "kefu.sip"))
            let media = try MediaEngine(
                configuration: .init(
                    host: sipHost, portRange: rtpRange ?? 20000...29999, eventLoopThreads: 1,
                    speechCacheDirectory: (dataDirectory as NSString).appendingPathComponent("tts-cache")),
                logger: Logger(label: "kefu.media"))
            let settings = CallCenterSettings(
                dataDirectory: dataDirectory, realm: realm, rtpTimeoutMilliseconds: rtpTimeout * 1000,
                offerTimeoutSeconds: offerTimeout, alwaysOpen: alwaysOpen, keepAlive: KeepAliveSettings(interval: .seconds(keepAliveInterval)))
            let callCenter = CallCenter(
                store: store, userAgent: userAgent, media: media, directory: directory, admission: admission, settings: settings,
                logger: Logger(label: "kefu.calls"), onReady: { center in
                    print("kefu ready")
                    fflush(nil)
                    banner?(center)
                })
            let http = KefuHTTPServer(
                services: ServerServices(store: store, callCenter: callCenter, dataDirectory: dataDirectory, limits: api.limits,
                                         threads: api.makeThreads(),
                                         metricsToken: ProcessInfo.processInfo.environment["KEFU_METRICS_TOKEN"]),
                configuration: .init(host: sipHost, port: httpPort), metrics: metrics, logger: Logger(label: "kefu.http"))
            var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: callCenter), .init(service: http)]
            if let gateway = sms.makeGateway() {
                services.append(.init(service: SMSDispatcher(store: store, gateway: gateway, logger: Logger(label: "kefu.sms"))))
            }
            let group = ServiceGroup(
                configuration: .init(
                    services: services,
                    gracefulShutdownSignals: [.sigterm, .sigint],
                    logger: logger
                )
            )
            logger.info("Kefu starting", metadata: [
                "sip": "\(sipHost):\(sipPort)", "http": "\(sipHost):\(httpPort)", "rtp": "\(rtpPorts)", "data-dir": "\(dataDirectory)", "realm": "\(realm)",
            ])
            try await group.run()
        } catch {
            await store.close()
            throw error
        }
        await store.close()
        logger.info("Kefu stopped")
    }
}
