// Server nonces that carry their issue time and a signature, so no table of issued nonces is needed.

import Crypto

/// Issues and checks server nonces for one realm.
///
/// A nonce is `<issued-at, 16 hex><random, 16 hex><HMAC-SHA256 tag, 32 hex>`: the tag signs
/// the issue time, the random part and the realm with the server secret. A nonce whose tag
/// checks out was issued by this server; its age says whether it is still fresh or only
/// `stale` (RFC 2617 §3.2.1: the client retries with the new nonce, no password prompt).
///
/// Pure: the time (seconds since the Unix epoch) and the randomness come in as parameters.
public struct DigestNonceIssuer: Sendable {
    /// What ``check(_:now:)`` found.
    public enum Status: Hashable, Sendable {
        /// Issued here and younger than the lifetime.
        case fresh(issuedAt: UInt64)
        /// Issued here but older than the lifetime (answer with `stale=true`).
        case expired(issuedAt: UInt64)
        /// Not issued here, altered, or malformed.
        case invalid
    }

    /// The secret the tags are computed with.
    private let key: SymmetricKey
    /// The realm the nonces are bound to.
    public let realm: String
    /// How long a nonce stays fresh, in seconds.
    public let lifetime: UInt64

    /// An issuer for `realm` with a server `secret` (at least 16 random bytes) and a nonce
    /// lifetime in seconds (default 300).
    public init(secret: [UInt8], realm: String, lifetime: UInt64 = 300) {
        self.key = SymmetricKey(data: secret)
        self.realm = realm
        self.lifetime = lifetime
    }

    /// A new nonce issued at `now`.
    public func makeNonce(now: UInt64, using generator: inout some RandomNumberGenerator) -> String {
        let random = UInt64.random(in: .min ... .max, using: &generator)
        return Self.hex16(now) + Self.hex16(random) + tag(issuedAt: now, random: random)
    }

    /// Whether `nonce` was issued here, and whether it is still fresh at `now`.
    public func check(_ nonce: String, now: UInt64) -> Status {
        let bytes = Array(nonce.utf8)
        guard bytes.count == 64,
              let issuedAt = UInt64(String(decoding: bytes[0..<16], as: UTF8.self), radix: 16),
              let random = UInt64(String(decoding: bytes[16..<32], as: UTF8.self), radix: 16)
        else { return .invalid }
        let expected = tag(issuedAt: issuedAt, random: random)
        guard DigestComputation.constantTimeEqual(expected, String(decoding: bytes[32...], as: UTF8.self)) else {
            return .invalid
        }
        if issuedAt > now + 60 { return .invalid }
        return now >= issuedAt && now - issuedAt >= lifetime ? .expired(issuedAt: issuedAt) : .fresh(issuedAt: issuedAt)
    }

    private func tag(issuedAt: UInt64, random: UInt64) -> String {
        var message: [UInt8] = []
        withUnsafeBytes(of: issuedAt.bigEndian) { message.append(contentsOf: $0) }
        withUnsafeBytes(of: random.bigEndian) { message.append(contentsOf: $0) }
        message.append(contentsOf: realm.utf8)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: key)
        return DigestAlgorithm.hex(Array(mac).prefix(16))
    }

    private static func hex16(_ value: UInt64) -> String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
