// The request context every route of the API sees: who is calling (after the auth
// middleware), from which address, and the WebSocket hook for the event stream.

import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// Hummingbird's per-request context for Kefu: the authenticated ``Principal`` (set by
/// ``AuthenticationMiddleware``), the client's address, and the body size limit.
public struct KefuRequestContext: RequestContext, WebSocketRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket: WebSocketHandlerReference<Self>
    /// Who made the request, once authenticated.
    public var principal: Principal?
    /// Whether the request carries the `/metrics` scrape token (it names no principal).
    var isMetricsScraper = false
    /// Whom the request's rate limit counts against (set with ``principal``).
    var rateLimitKey: RateLimitKey?
    /// The client's IP address (for login throttling and the audit log).
    public let remoteAddress: String?
    /// The event loop of the request's connection (an event stream's writes run there).
    let eventLoop: any EventLoop

    /// Largest request body the API decodes (JSON bodies are small; uploads get their own limit).
    public var maxUploadSize: Int { Self.bodyLimit }

    /// The body size limit shared by every JSON route.
    public static let bodyLimit = 64 * 1024

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.webSocket = .init()
        self.remoteAddress = source.channel.remoteAddress?.ipAddress
        self.eventLoop = source.channel.eventLoop
    }

    /// The caller, or 401 when the request carries no valid session or API key.
    public func requirePrincipal() throws -> Principal {
        guard let principal else { throw APIError.unauthenticated }
        return principal
    }

    /// The caller when they hold `permission`; 401 without credentials, 403 without the right.
    public func require(_ permission: Permission) throws -> Principal {
        let principal = try requirePrincipal()
        guard principal.may(permission) else { throw APIError.forbidden(permission) }
        return principal
    }
}
