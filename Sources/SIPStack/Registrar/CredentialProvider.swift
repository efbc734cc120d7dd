// Where the registrar and the UAS get HA1 values: the store implements this.

import SIP

/// Supplies the digest HA1 of a user in a realm; the password itself is never asked for.
///
/// The store implements it per tenant (realm = the tenant's SIP domain); ``StaticCredentialProvider``
/// serves the demo and tests.
public protocol CredentialProvider: Sendable {
    /// HA1 = H(username:realm:password) for `algorithm`'s base hash, or nil for an unknown user.
    func ha1(username: String, realm: String, algorithm: DigestAlgorithm) async -> String?
}

/// A fixed set of users with passwords, hashed once at start (demo and tests).
public struct StaticCredentialProvider: CredentialProvider {
    private let table: [String: String]

    /// Users as `username → password` in `realm`.
    public init(realm: String, passwords: [String: String]) {
        var table: [String: String] = [:]
        for (user, password) in passwords {
            for algorithm in [DigestAlgorithm.md5, .sha256] {
                table[Self.key(user, realm, algorithm)] = DigestComputation.ha1(username: user, realm: realm, password: password, algorithm: algorithm)
            }
        }
        self.table = table
    }

    public func ha1(username: String, realm: String, algorithm: DigestAlgorithm) async -> String? {
        table[Self.key(username, realm, algorithm.base)]
    }

    /// The HA1 without suspension, for callers already on the event loop.
    public func ha1Now(username: String, realm: String, algorithm: DigestAlgorithm) -> String? {
        table[Self.key(username, realm, algorithm.base)]
    }

    private static func key(_ user: String, _ realm: String, _ algorithm: DigestAlgorithm) -> String {
        "\(user)\u{0}\(realm)\u{0}\(algorithm.rawValue)"
    }
}
