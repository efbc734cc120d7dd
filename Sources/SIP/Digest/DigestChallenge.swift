// A server's digest challenge: the value of WWW-Authenticate or Proxy-Authenticate.

/// A digest challenge (RFC 2617 §3.2.1, RFC 7616 §3.3), sent in `401` (`WWW-Authenticate`)
/// or `407` (`Proxy-Authenticate`).
///
/// ```swift
/// let challenge = DigestChallenge(realm: "kefu", nonce: nonce, algorithm: .md5)
/// response.headers.add(.wwwAuthenticate, challenge)
/// ```
public struct DigestChallenge: Hashable, Sendable {
    /// The protection space, usually the domain.
    public var realm: String
    /// The server nonce.
    public var nonce: String
    /// An opaque string the client must echo, if any.
    public var opaque: String?
    /// The algorithm (MD5 when the parameter is absent).
    public var algorithm: DigestAlgorithm
    /// The qop values offered, e.g. `["auth"]`; empty for an RFC 2069 challenge.
    public var qop: [String]
    /// Whether the previous nonce was valid but too old (retry with this one, no new password).
    public var stale: Bool

    /// Creates a challenge offering `qop=auth`.
    public init(
        realm: String,
        nonce: String,
        opaque: String? = nil,
        algorithm: DigestAlgorithm = .md5,
        qop: [String] = ["auth"],
        stale: Bool = false
    ) {
        self.realm = realm
        self.nonce = nonce
        self.opaque = opaque
        self.algorithm = algorithm
        self.qop = qop
        self.stale = stale
    }

    /// Parses a header value such as `Digest realm="kefu", nonce="abc", qop="auth"`.
    public init(_ text: String) throws(DigestError) {
        let parameters = try DigestParameters.parse(text)
        realm = try parameters.required("realm")
        nonce = try parameters.required("nonce")
        opaque = parameters["opaque"]
        if let name = parameters["algorithm"] {
            guard let algorithm = DigestAlgorithm(parameter: name) else { throw .unsupportedAlgorithm(name) }
            self.algorithm = algorithm
        } else {
            algorithm = .md5
        }
        qop = parameters["qop"].map { value in
            value.split(separator: ",").map { $0.trimmingSpaces.lowercased() }.filter { !$0.isEmpty }
        } ?? []
        stale = parameters["stale"]?.lowercased() == "true"
    }

    /// The header value.
    public var headerValue: String {
        var parameters = DigestParameters()
        parameters.append("realm", realm, quoted: true)
        parameters.append("nonce", nonce, quoted: true)
        parameters.append("opaque", opaque, quoted: true)
        parameters.append("algorithm", algorithm.rawValue, quoted: false)
        if !qop.isEmpty { parameters.append("qop", qop.joined(separator: ","), quoted: true) }
        if stale { parameters.append("stale", "true", quoted: false) }
        return parameters.serialized
    }
}

extension DigestChallenge: SIPSerializable {
    /// Appends the header value.
    public func serialize(into buffer: inout [UInt8]) {
        buffer.appendUTF8(headerValue)
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var slice = self[...]
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
