// The registrar's source of agents' digest HA1 values: the store, by SIP user and realm,
// with a short cache so a registration storm does not become a query storm.

import Foundation
import SIP
import SIPStack
import Store
import Synchronization

/// Looks agents' HA1 up in the store; the password itself is never stored or seen.
public final class StoreCredentialProvider: CredentialProvider {
    private let store: Store
    private let cache = Mutex<[String: (credentials: DigestHA1?, at: ContinuousClock.Instant)]>([:])
    private let lifetime: Duration

    /// A provider reading `store`; answers are reused for `lifetime`.
    public init(store: Store, lifetime: Duration = .seconds(30)) {
        self.store = store
        self.lifetime = lifetime
    }

    public func ha1(username: String, realm: String, algorithm: DigestAlgorithm) async -> String? {
        let key = username + "\u{0}" + realm
        let now = ContinuousClock.now
        let credentials: DigestHA1?
        if let cached = cache.withLock({ $0[key] }), now - cached.at < lifetime {
            credentials = cached.credentials
        } else {
            credentials = try? await store.agents.sipAccount(username: username, realm: realm)?.credentials
            cache.withLock { table in
                if table.count > 100_000 { table.removeAll() }
                table[key] = (credentials, now)
            }
        }
        guard let credentials else { return nil }
        switch algorithm.base {
        case .sha256: return credentials.sha256
        default: return credentials.md5
        }
    }
}
