// What the routes work with: the store, the call center, sessions, the login throttle, the
// live call table and the clock; built once per server.

import CallCenter
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
    let fanOut = EventFanOut()
    /// Notice changes for the event streams of each tenant (fed by ``NoticeRoutes``).
    let noticeBoard = NoticeBoard()
    /// Where recordings live (their store paths are relative to it).
    public let dataDirectory: String
    /// The clock (tests pass their own).
    public let now: @Sendable () -> Date
    private let throttle: Mutex<LoginThrottle>

    /// Services over `store` and `callCenter`; `dataDirectory` roots recording paths.
    public init(
        store: Store, callCenter: CallCenter, dataDirectory: String, sessions: SessionStore = SessionStore(),
        throttle: LoginThrottle.Configuration = .init(), now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.callCenter = callCenter
        self.sessions = sessions
        self.liveCalls = LiveCalls()
        self.dataDirectory = dataDirectory
        self.now = now
        self.throttle = Mutex(LoginThrottle(configuration: throttle))
    }

    /// Runs `body` on the login throttle.
    func withThrottle<R: Sendable>(_ body: (inout LoginThrottle) -> R) -> R {
        throttle.withLock { body(&$0) }
    }
}
