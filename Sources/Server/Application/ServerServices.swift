// What the routes work with: the store, the call center, sessions, the login throttle, the
// live call table and the clock; built once per server.

import CallCenter
import Crypto
import Foundation
import Store
import Synchronization

/// The shared objects behind every route.
public final class ServerServices: Sendable {
    /// The database.
    public let store: Store
    /// The call path (agent presence, queues, events).
    public let callCenter: CallCenter
    /// Console sessions.
    public let sessions: SessionStore
    /// Calls in progress (fed by ``KefuHTTPServer`` from the event bus).
    public let liveCalls: LiveCalls
    /// Events with their calls, for the event stream (fed by ``EventFeeder``).
    let fanOut: EventFanOut
    /// The per-session and per-API-key request rate limit.
    let rateLimiter: RateLimiter
    /// Wallboard snapshots shared by the boards that ask within a moment of each other.
    let wallboards: SnapshotCache<WallboardRoutes.BoardKey, WallboardRoutes.Board>
    /// The threads the HTTP server, its routes and the event stream run on.
    public let threads: APIThreads
    /// Notice changes for the event streams of each tenant (fed by ``NoticeRoutes``).
    let noticeBoard = NoticeBoard()
    /// Where recordings live (their store paths are relative to it).
    public let dataDirectory: String
    /// The clock (tests pass their own).
    public let now: @Sendable () -> Date
    private let throttle: Mutex<LoginThrottle>
    /// SHA-256 of the token a Prometheus scraper presents for `/metrics`, if one is set.
    private let metricsTokenDigest: SHA256.Digest?

    /// Services over `store` and `callCenter`; `dataDirectory` roots recording paths; `limits`
    /// bound each caller's requests and streams; `threads` run the API apart from the call path;
    /// `metricsToken` (kept only as its hash) lets a scraper read `/metrics` as
    /// `Authorization: Bearer <token>`.
    public init(
        store: Store, callCenter: CallCenter, dataDirectory: String, sessions: SessionStore = SessionStore(),
        throttle: LoginThrottle.Configuration = .init(), limits: APILimits = .init(), threads: APIThreads = .shared,
        metricsToken: String? = nil, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.metricsTokenDigest = metricsToken.flatMap { $0.isEmpty ? nil : SHA256.hash(data: Data($0.utf8)) }
        self.fanOut = EventFanOut(limits: limits)
        self.rateLimiter = RateLimiter(limits: limits)
        self.wallboards = SnapshotCache(lifetime: limits.wallboardReuse)
        self.threads = threads
        self.store = store
        self.callCenter = callCenter
        self.sessions = sessions
        self.liveCalls = LiveCalls()
        self.dataDirectory = dataDirectory
        self.now = now
        self.throttle = Mutex(LoginThrottle(configuration: throttle))
    }

    /// How many event streams are open.
    public var eventStreams: Int { fanOut.subscriberCount }

    /// How many event streams were closed because their client fell behind.
    public var eventStreamsShed: Int { fanOut.shedCount }

    /// Whether `token` is the `/metrics` scrape token (compared as SHA-256 digests, so in
    /// constant time).
    func isMetricsToken(_ token: some StringProtocol) -> Bool {
        guard let metricsTokenDigest else { return false }
        return SHA256.hash(data: Data(token.utf8)) == metricsTokenDigest
    }

    /// Runs `body` on the login throttle.
    func withThrottle<R: Sendable>(_ body: (inout LoginThrottle) -> R) -> R {
        throttle.withLock { body(&$0) }
    }
}
