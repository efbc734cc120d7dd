// The hash functions of HTTP/SIP digest authentication (RFC 2617, RFC 7616 §3.2).

import Crypto

/// A digest algorithm as named in the `algorithm` parameter.
///
/// MD5 is what nearly every SIP phone and trunk speaks; SHA-256 is RFC 7616's recommendation
/// (RFC 8760 brings it to SIP). The `-sess` variants hash the client nonce into HA1.
public enum DigestAlgorithm: String, Hashable, Sendable, CaseIterable {
    /// `MD5` (the default when the parameter is absent).
    case md5 = "MD5"
    /// `MD5-sess`.
    case md5Session = "MD5-sess"
    /// `SHA-256`.
    case sha256 = "SHA-256"
    /// `SHA-256-sess`.
    case sha256Session = "SHA-256-sess"

    /// Reads the parameter value case-insensitively; nil for an algorithm Kefu does not speak.
    public init?(parameter: String) {
        let lowered = parameter.lowercased()
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == lowered }) else { return nil }
        self = match
    }

    /// Whether HA1 is computed per session with the nonces (`-sess`).
    public var isSession: Bool { self == .md5Session || self == .sha256Session }

    /// The algorithm HA1 is stored with: a `-sess` variant shares the plain one's HA1.
    public var base: DigestAlgorithm {
        switch self {
        case .md5, .md5Session: return .md5
        case .sha256, .sha256Session: return .sha256
        }
    }

    /// The lower-case hex digest of `text`'s UTF-8 bytes.
    public func hash(_ text: String) -> String {
        switch self {
        case .md5, .md5Session: return Self.hex(Insecure.MD5.hash(data: Array(text.utf8)))
        case .sha256, .sha256Session: return Self.hex(SHA256.hash(data: Array(text.utf8)))
        }
    }

    /// Lower-case hex of a digest's bytes.
    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
