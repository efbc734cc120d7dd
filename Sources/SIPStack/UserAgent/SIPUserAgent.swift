// The SIP stack as the rest of Kefu sees it: start, stop, incoming calls, outgoing calls,
// registrations, OPTIONS pings.

import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import SIP
import Synchronization

/// A running SIP user agent: transports, transactions, dialogs, registrar, on one event loop.
///
/// Sendable; every call hops onto the stack's event loop, where all SIP work happens without
/// locks. Run it as a `Service` (``run()``) or with ``start()`` / ``shutdown()``.
public final class SIPUserAgent: Service, Sendable {
    /// The configuration it was made with.
    public let configuration: SIPUserAgentConfiguration
    /// The event loop everything runs on.
    public let eventLoop: any EventLoop
    /// New incoming calls (INVITEs outside a dialog that admission control let through and
    /// that are not for a built-in number). One consumer.
    public let incomingCalls: AsyncStream<SIPCall>
    /// Registrations added, refreshed, removed and expired. One consumer.
    public let bindingChanges: AsyncStream<RegistrarBindingChange>
    private let core: NIOLoopBound<UserAgentCore>
    private let logger: Logger
    private let bound = Mutex<[SIPListenAddress]>([])

    /// A user agent; nothing is bound until ``start()``.
    ///
    /// - Parameters:
    ///   - credentials: HA1 lookups for the registrar (and INVITE authentication).
    ///   - admissionControl: consulted for each new INVITE before anything is allocated.
    public init(
        configuration: SIPUserAgentConfiguration,
        credentials: any CredentialProvider = StaticCredentialProvider(realm: "kefu", passwords: [:]),
        admissionControl: (any AdmissionControl)? = nil,
        eventLoop: any EventLoop = MultiThreadedEventLoopGroup.singleton.next(),
        logger: Logger = Logger(label: "kefu.sip")
    ) {
        self.configuration = configuration
        self.eventLoop = eventLoop
        self.logger = logger
        let (calls, callContinuation) = AsyncStream<SIPCall>.makeStream(bufferingPolicy: .bufferingNewest(10_000))
        let (changes, changeContinuation) = AsyncStream<RegistrarBindingChange>.makeStream(bufferingPolicy: .bufferingNewest(100_000))
        self.incomingCalls = calls
        self.bindingChanges = changes
        let core = try! eventLoop.submit {
            let layer = TransactionLayer(eventLoop: eventLoop, configuration: configuration.stack, logger: logger)
            let registrar = configuration.registrar.map {
                Registrar(configuration: $0, provider: credentials, eventLoop: eventLoop, logger: logger)
            }
            registrar?.onChange = { changeContinuation.yield($0) }
            let core = UserAgentCore(layer: layer, registrar: registrar, admission: admissionControl, autoAnswer: configuration.autoAnswer, logger: logger)
            core.authenticatesInvites = configuration.authenticatesInvites
            core.trustedSources = configuration.trustedSources
            core.invitesNeedingAuthentication = configuration.invitesNeedingAuthentication
            if configuration.deliversIncomingCalls { core.incomingCalls = callContinuation } else { callContinuation.finish() }
            layer.user = core
            return NIOLoopBound(core, eventLoop: eventLoop)
        }.wait()
        self.core = core
    }

    /// The addresses actually bound (ports filled in when 0 was asked for).
    public var boundAddresses: [SIPListenAddress] { bound.withLock { $0 } }

    /// Binds every listen address and starts the registrar's expiry sweep.
    public func start() async throws {
        let core = self.core
        let addresses = configuration.stack.listenAddresses
        let advertised = configuration.stack.advertisedHost
        let result: [SIPListenAddress] = try await eventLoop.flatSubmit {
            let layer = core.value.layer
            let futures = addresses.map { address -> EventLoopFuture<SIPListenAddress> in
                let bind = address.transport == .udp
                    ? layer.transports.bindUDP(host: address.host, port: address.port)
                    : layer.transports.bindTCP(host: address.host, port: address.port)
                return bind.map { channel in
                    SIPListenAddress(transport: address.transport, host: address.host, port: channel.localAddress?.port ?? address.port)
                }
            }
            return EventLoopFuture.whenAllSucceed(futures, on: layer.eventLoop).assumeIsolated().map { bound in
                let layer = core.value.layer
                for address in bound where layer.sentBy[address.transport] == nil {
                    let host = advertised ?? Self.viaHost(address.host)
                    layer.sentBy[address.transport] = (host, address.port)
                }
                core.value.registrar?.start()
                return bound
            }.nonisolated()
        }.get()
        bound.withLock { $0 = result }
        logger.info("SIP listening", metadata: ["addresses": "\(result.map { "\($0.transport.rawValue) \($0.host):\($0.port)" })"])
    }

    /// Ends every call, closes every socket.
    public func shutdown() async {
        let core = self.core
        try? await eventLoop.flatSubmit {
            core.value.shutdown()
            core.value.registrar?.stop()
            core.value.layer.dropAll()
            return core.value.layer.transports.closeAll()
        }.get()
    }

    /// Runs until graceful shutdown (ServiceLifecycle), then shuts down.
    public func run() async throws {
        try await start()
        try? await gracefulShutdown()
        await shutdown()
    }

    // MARK: outgoing

    /// Places an outgoing call; returns at once with the call, whose events report ringing,
    /// early media, the answer or the failure. Digest challenges are answered with
    /// `options.credentials`.
    public func invite(_ options: SIPCallOptions) async throws -> SIPCall {
        let core = self.core
        return try await eventLoop.submit { () throws -> SIPCall in
            try core.value.placeCall(options)
        }.get()
    }

    /// Sends OPTIONS to `uri` (outside any dialog) and returns the final response: the agent
    /// phone keep-alive of the call path. Throws ``SIPCallError/timeout`` when none comes.
    public func options(_ uri: SIPURI, destination: SIPDestination? = nil) async throws -> SIPResponse {
        let core = self.core
        let promise = eventLoop.makePromise(of: SIPResponse.self)
        eventLoop.execute {
            core.value.sendOptions(uri, destination: destination) { result in
                promise.completeWith(result.mapError { $0 as any Error })
            }
        }
        return try await promise.futureResult.get()
    }

    // MARK: registrar

    /// The live bindings of `user` in `realm` (the registrar's configured realm when nil),
    /// newest first.
    public func bindings(of user: String, realm: String? = nil) async -> [RegistrarBinding] {
        let core = self.core
        return (try? await eventLoop.submit { core.value.registrar?.lookup(user: user, realm: realm) ?? [] }.get()) ?? []
    }

    /// The destination to reach a binding: the address the phone registered from (works
    /// through NAT), over the transport it used.
    public static func destination(of binding: RegistrarBinding) -> SIPDestination? {
        guard let address = try? SocketAddress(ipAddress: binding.sourceAddress, port: binding.sourcePort) else { return nil }
        return SIPDestination(transport: binding.sourceTransport, address: address)
    }

    // MARK: introspection for tests and metrics

    /// Open transactions and calls, for tests and metrics.
    public func statistics() async -> SIPUserAgentStatistics {
        let core = self.core
        return (try? await eventLoop.submit {
            let core = core.value
            return SIPUserAgentStatistics(
                serverTransactions: core.layer.serverTransactions.count,
                clientTransactions: core.layer.clientTransactions.count,
                calls: core.sessionCount,
                tcpConnections: core.layer.transports.connectionCount,
                rejectedMessages: core.layer.droppedMessageCount
            )
        }.get()) ?? SIPUserAgentStatistics(serverTransactions: 0, clientTransactions: 0, calls: 0, tcpConnections: 0, rejectedMessages: 0)
    }

    private static func viaHost(_ host: String) -> String {
        if host == "0.0.0.0" { return "127.0.0.1" }
        if host == "::" { return "[::1]" }
        return host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    }
}

/// Counts of what a user agent holds.
public struct SIPUserAgentStatistics: Hashable, Sendable {
    /// Server transactions alive.
    public var serverTransactions: Int
    /// Client transactions alive.
    public var clientTransactions: Int
    /// Calls with a dialog.
    public var calls: Int
    /// Open TCP connections.
    public var tcpConnections: Int
    /// Messages dropped or refused for being malformed.
    public var rejectedMessages: Int
}
