// Console sessions: an opaque random token in an HttpOnly cookie maps to the logged-in
// user; sessions end on logout or after a period without use.

import Foundation
import Store
import Synchronization

/// The server's table of console sessions (in memory: a restart logs everyone out).
public final class SessionStore: Sendable {
    /// A logged-in user's session.
    struct Session: Sendable {
        var principal: Principal
        var lastUsed: Date
    }

    private let sessions = Mutex<[String: Session]>([:])
    /// How long a session lives without a request.
    public let idleTimeout: TimeInterval

    /// An empty table; sessions idle for `idleTimeout` seconds end.
    public init(idleTimeout: TimeInterval = 12 * 3600) {
        self.idleTimeout = idleTimeout
    }

    /// Starts a session for `principal` and returns its token (256 random bits, hex).
    public func open(_ principal: Principal, at now: Date) -> String {
        var generator = SystemRandomNumberGenerator()
        let token = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        sessions.withLock { table in
            table = table.filter { now.timeIntervalSince($0.value.lastUsed) < idleTimeout }
            table[token] = Session(principal: principal, lastUsed: now)
        }
        return token
    }

    /// The session's principal if the token is live, noting the use.
    public func principal(for token: String, at now: Date) -> Principal? {
        sessions.withLock { table in
            guard var session = table[token] else { return nil }
            guard now.timeIntervalSince(session.lastUsed) < idleTimeout else {
                table[token] = nil
                return nil
            }
            session.lastUsed = now
            table[token] = session
            return session.principal
        }
    }

    /// Ends the session.
    public func close(_ token: String) {
        _ = sessions.withLock { $0.removeValue(forKey: token) }
    }

    /// Ends every session of `user` but the one with token `kept` (the caller's own), so
    /// a disabled user, or one whose roles or password changed, logs in again.
    public func close(user: UserID, except kept: String?) {
        sessions.withLock { table in
            table = table.filter { token, session in token == kept || session.principal.credential != .user(user) }
        }
    }

    /// How many sessions are open.
    public var count: Int { sessions.withLock { $0.count } }
}
