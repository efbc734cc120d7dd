// Console passwords as the store keeps them: bcrypt hashes.
import HummingbirdBcrypt

/// A bcrypt hash of a user's password (`$2b$12$…`).
public struct PasswordHash: Hashable, Sendable, CustomStringConvertible {
    /// The hash in modular crypt format.
    public let encoded: String

    /// Wraps an existing bcrypt hash after checking its shape (for provisioning files that
    /// carry hashes instead of passwords).
    public init(encoded: String) throws {
        guard PasswordHash.looksLikeBcrypt(encoded) else {
            throw StoreError.invalid("password_hash", nil, "is not a bcrypt hash ($2a$/$2b$/$2y$, cost, 53 characters of salt and hash)")
        }
        self.encoded = encoded
    }

    /// Hashes `password` with the given bcrypt cost.
    public init(hashing password: String, cost: UInt8) {
        self.encoded = Bcrypt.hash(password, cost: cost)
    }

    /// Whether `password` matches this hash.
    public func verify(_ password: String) -> Bool {
        Bcrypt.verify(password, hash: encoded)
    }

    /// Never the hash itself, so it cannot end up in a log by accident.
    public var description: String { "PasswordHash(…)" }

    static func looksLikeBcrypt(_ text: String) -> Bool {
        let parts = text.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0].isEmpty, ["2a", "2b", "2y"].contains(parts[1]),
              let cost = Int(parts[2]), (4...31).contains(cost), parts[3].count == 53
        else { return false }
        return true
    }
}

/// A password as a request or a provisioning file gives it: in clear (hashed on the way
/// in) or already hashed.
public enum PasswordInput: Sendable, Equatable {
    case plain(String)
    case hashed(PasswordHash)
}
