// SIP digest credentials as the store keeps them: HA1 = H(username ":" realm ":" password)
// for MD5 (RFC 2617) and SHA-256 (RFC 7616), never the password itself.
import Crypto

/// The HA1 values of one SIP user in one realm.
///
/// A registrar or a trunk client can answer or check any digest challenge of that realm
/// from HA1 alone, so the password is hashed once, on input, and never stored.
public struct DigestHA1: Hashable, Sendable, Codable {
    /// The realm the hashes are bound to (a tenant's SIP domain, or a carrier's realm).
    public var realm: String
    /// The user name the hashes are bound to (an agent's extension, or a trunk's user).
    public var username: String
    /// `MD5(username:realm:password)` as 32 lowercase hex digits (RFC 2617 §3.2.2.2).
    public var md5: String
    /// `SHA-256(username:realm:password)` as 64 lowercase hex digits (RFC 7616 §3.4.2).
    public var sha256: String

    /// Wraps stored hashes after checking their shape.
    public init(realm: String, username: String, md5: String, sha256: String) throws {
        var issues = IssueCollector()
        if !DigestHA1.isHex(md5, length: 32) {
            issues.add("ha1_md5", nil, "must be 32 hexadecimal digits (MD5 of user:realm:password)")
        }
        if !DigestHA1.isHex(sha256, length: 64) {
            issues.add("ha1_sha256", nil, "must be 64 hexadecimal digits (SHA-256 of user:realm:password)")
        }
        try issues.throwIfAny()
        self.realm = realm
        self.username = username
        self.md5 = md5.lowercased()
        self.sha256 = sha256.lowercased()
    }

    /// Hashes `password` for `username` in `realm`.
    public init(realm: String, username: String, password: String) {
        let input = Array("\(username):\(realm):\(password)".utf8)
        self.realm = realm
        self.username = username
        self.md5 = DigestHA1.hex(Insecure.MD5.hash(data: input))
        self.sha256 = DigestHA1.hex(SHA256.hash(data: input))
    }

    /// Whether `password` is the password these hashes were made from.
    public func matches(password: String) -> Bool {
        DigestHA1(realm: realm, username: username, password: password).sha256 == sha256
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    static func isHex(_ text: String, length: Int) -> Bool {
        text.utf8.count == length && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0 | 0x20) }
    }
}
