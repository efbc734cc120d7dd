// The HTTP face of Kefu as one `Service`: the REST API, the WebSocket event stream, the
// metrics and health endpoints and the consoles' static files, on Hummingbird 2.

import CallCenter
import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import ServiceLifecycle

/// Kefu's HTTP server.
///
/// ```swift
/// let services = ServerServices(store: store, callCenter: center, dataDirectory: "kefu-data")
/// let server = KefuHTTPServer(services: services, configuration: .init(port: 8080))
/// // add `server` to the ServiceGroup beside the CallCenter
/// ```
public struct KefuHTTPServer: Service {
    /// Where and how the server listens.
    public struct Configuration: Sendable {
        /// The address to bind (IPv4 or IPv6 literal, or a host name).
        public var host: String
        /// The TCP port; 0 picks a free one (tests).
        public var port: Int
        /// Whether session cookies carry `Secure` (set when a TLS proxy fronts the server).
        public var secureCookies: Bool
        /// The server's name in logs.
        public var serverName: String
        /// Webhook delivery (nil: this server does not deliver webhooks).
        public var webhooks: WebhookDispatcher.Configuration?

        /// Listens on `host:port`, cookies without `Secure` (plain HTTP on a trusted network).
        public init(host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false, serverName: String = "kefu",
                    webhooks: WebhookDispatcher.Configuration? = .init()) {
            self.host = host
            self.port = port
            self.secureCookies = secureCookies
            self.serverName = serverName
            self.webhooks = webhooks
        }
    }

    /// The routes' shared objects.
    public let services: ServerServices
    /// Where and how it listens.
    public let configuration: Configuration
    /// `/metrics`' registry.
    public let metrics: ServerMetrics
    private let logger: Logger
    private let onServerRunning: (@Sendable (Int) async -> Void)?

    /// A server over `services`; `onServerRunning` gets the bound port once it listens.
    public init(
        services: ServerServices, configuration: Configuration = .init(), metrics: ServerMetrics = ServerMetrics(),
        logger: Logger = Logger(label: "kefu.http"), onServerRunning: (@Sendable (Int) async -> Void)? = nil
    ) {
        self.services = services
        self.configuration = configuration
        self.metrics = metrics
        self.logger = logger
        self.onServerRunning = onServerRunning
    }

    /// Runs until graceful shutdown.
    public func run() async throws {
        try await makeApplication().run()
    }

    /// The Hummingbird application: routes, WebSocket upgrade, and the event feeder.
    public func makeApplication() -> some ApplicationProtocol {
        let (router, _) = Self.makeRouter(services: services, metrics: metrics, secureCookies: configuration.secureCookies, logger: logger)
        let onRunning = onServerRunning
        var application = Application(
            router: router,
            server: .http1WebSocketUpgrade(webSocketRouter: router),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: configuration.serverName),
            onServerRunning: { channel in await onRunning?(channel.localAddress?.port ?? 0) },
            eventLoopGroupProvider: .shared(services.threads.group),
            logger: logger)
        application.addServices(EventFeeder(services: services), LiveCallSweeper(services: services))
        if let webhooks = configuration.webhooks {
            application.addServices(WebhookDispatcher(store: services.store, events: services.callCenter.events, configuration: webhooks,
                                                      logger: logger))
        }
        return application
    }

    /// The router with every route, and the list of API routes it serves (for the OpenAPI check).
    public static func makeRouter(
        services: ServerServices, metrics: ServerMetrics = ServerMetrics(), secureCookies: Bool = false,
        logger: Logger = Logger(label: "kefu.http")
    ) -> (Router<KefuRequestContext>, [APIRoute]) {
        let router = Router(context: KefuRequestContext.self)
        router.add(middleware: APIThreadsMiddleware(threads: services.threads))
        router.add(middleware: APIErrorMiddleware())
        router.add(middleware: BodyLimitMiddleware())
        if let directory = OpenAPIDocument.publicDirectory {
            router.add(middleware: FileMiddleware(directory, searchForIndexHtml: true, logger: logger))
        }
        router.add(middleware: AuthenticationMiddleware(services: services))
        router.add(middleware: RateLimitMiddleware(services: services))
        let routes = APIRouteRecorder(router: router)
        SystemRoutes(services: services, metrics: metrics).register(on: routes)
        SessionRoutes(services: services, secureCookies: secureCookies).register(on: routes)
        AgentRoutes(services: services).register(on: routes)
        QueueRoutes(services: services).register(on: routes)
        DeskRoutes(services: services).register(on: routes)
        CallRecordRoutes(services: services).register(on: routes)
        RecordingRoutes(services: services).register(on: routes)
        CallControlRoutes(services: services).register(on: routes)
        EventStreamRoute(services: services).register(on: routes)
        TenantRoutes(services: services).register(on: routes)
        TrunkRoutes(services: services).register(on: routes)
        NumberRoutes(services: services).register(on: routes)
        FlowRoutes(services: services).register(on: routes)
        PromptRoutes(services: services).register(on: routes)
        QueueConfigurationRoutes(services: services).register(on: routes)
        AgentConfigurationRoutes(services: services).register(on: routes)
        UserRoutes(services: services).register(on: routes)
        WebhookRoutes(services: services).register(on: routes)
        NoticeRoutes(services: services).register(on: routes)
        DeskSettingsConfigurationRoutes(services: services).register(on: routes)
        PlatformUserRoutes(services: services).register(on: routes)
        ServiceCalendarRoutes(services: services).register(on: routes)
        AuditLogRoutes(services: services).register(on: routes)
        ReviewRoutes(services: services).register(on: routes)
        PlatformSettingsRoutes(services: services).register(on: routes)
        return (router, routes.routes)
    }
}

/// Refuses a body whose declared length is over the limit before reading any of it (413).
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = KefuRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let isUpload = request.method == .put && request.uri.path.hasSuffix("/audio")
        let limit = isUpload ? PromptRoutes.audioLimit : context.maxUploadSize
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw APIError(.contentTooLarge, code: "body_too_large", message: "the body is larger than \(limit) bytes", field: "body")
        }
        return try await next(request, context)
    }
}
