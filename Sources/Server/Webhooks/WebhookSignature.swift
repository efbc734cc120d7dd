// The signature on every webhook delivery: HMAC-SHA256 over "<timestamp>.<body>" with the
// webhook's secret, sent as `Kefu-Signature: t=<unix seconds>,v1=<hex>`, so a receiver can
// check both origin and freshness.

import Crypto
import Foundation

/// Signs and verifies webhook bodies.
public enum WebhookSignature {
    /// The header that carries the signature.
    public static let headerName = "Kefu-Signature"

    /// `t=<timestamp>,v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`.
    public static func header(secret: String, timestamp: Int, body: Data) -> String {
        "t=\(timestamp),v1=\(hex(secret: secret, timestamp: timestamp, body: body))"
    }

    /// Whether `header` is a valid signature of `body` made at most `tolerance` seconds from `now`.
    public static func verify(header: String, secret: String, body: Data, now: Date, tolerance: TimeInterval = 300) -> Bool {
        var fields: [String: String] = [:]
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2 { fields[String(pair[0])] = String(pair[1]) }
        }
        guard let stamp = fields["t"].flatMap(Int.init), let given = fields["v1"],
              abs(now.timeIntervalSince1970 - TimeInterval(stamp)) <= tolerance
        else { return false }
        let expected = hex(secret: secret, timestamp: stamp, body: body)
        // Constant-time comparison.
        guard expected.utf8.count == given.utf8.count else { return false }
        return zip(expected.utf8, given.utf8).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private static func hex(secret: String, timestamp: Int, body: Data) -> String {
        var message = Data("\(timestamp).".utf8)
        message.append(body)
        let code = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Data(secret.utf8)))
        return code.map { String(format: "%02x", $0) }.joined()
    }
}
