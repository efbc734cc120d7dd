// A client's digest answer: the value of Authorization or Proxy-Authorization.

/// Digest credentials (RFC 2617 §3.2.2, RFC 7616 §3.4), sent in `Authorization` (to a UAS
/// or registrar) or `Proxy-Authorization` (to a proxy).
public struct DigestCredentials: Hashable, Sendable {
    /// The user name.
    public var username: String
    /// The realm of the challenge answered.
    public var realm: String
    /// The server nonce answered.
    public var nonce: String
    /// The digest-uri: the Request-URI as the client wrote it.
    public var uri: String
    /// The hex response digest.
    public var response: String
    /// The algorithm (MD5 when the parameter is absent).
    public var algorithm: DigestAlgorithm
    /// The client nonce (with qop).
    public var cnonce: String?
    /// `auth`, or nil for an RFC 2069 answer.
    public var qop: String?
    /// The nonce count as a number (written as eight hex digits).
    public var nonceCount: UInt32?
    /// The opaque string echoed from the challenge.
    public var opaque: String?

    /// Creates credentials from their parts.
    public init(
        username: String,
        realm: String,
        nonce: String,
        uri: String,
        response: String,
        algorithm: DigestAlgorithm = .md5,
        cnonce: String? = nil,
        qop: String? = nil,
        nonceCount: UInt32? = nil,
        opaque: String? = nil
    ) {
        self.username = username
        self.realm = realm
        self.nonce = nonce
        self.uri = uri
        self.response = response
        self.algorithm = algorithm
        self.cnonce = cnonce
        self.qop = qop
        self.nonceCount = nonceCount
        self.opaque = opaque
    }

    /// Parses a header value such as `Digest username="1001", realm="kefu", …`.
    public init(_ text: String) throws(DigestError) {
        let parameters = try DigestParameters.parse(text)
        username = try parameters.required("username")
        realm = try parameters.required("realm")
        nonce = try parameters.required("nonce")
        uri = try parameters.required("uri")
        response = try parameters.required("response")
        if let name = parameters["algorithm"] {
            guard let algorithm = DigestAlgorithm(parameter: name) else { throw .unsupportedAlgorithm(name) }
            self.algorithm = algorithm
        } else {
            algorithm = .md5
        }
        cnonce = parameters["cnonce"]
        qop = parameters["qop"]?.lowercased()
        opaque = parameters["opaque"]
        if let nc = parameters["nc"] {
            guard nc.utf8.count == 8, let value = UInt32(nc, radix: 16) else { throw .invalidNonceCount(nc) }
            nonceCount = value
        }
        if qop != nil {
            guard cnonce != nil else { throw .missingParameter("cnonce") }
            guard nonceCount != nil else { throw .missingParameter("nc") }
        }
    }

    /// The `nc` parameter: eight lower-case hex digits.
    public var nonceCountText: String? {
        nonceCount.map { Self.eightHexDigits($0) }
    }

    /// The header value.
    public var headerValue: String {
        var parameters = DigestParameters()
        parameters.append("username", username, quoted: true)
        parameters.append("realm", realm, quoted: true)
        parameters.append("nonce", nonce, quoted: true)
        parameters.append("uri", uri, quoted: true)
        parameters.append("response", response, quoted: true)
        parameters.append("algorithm", algorithm.rawValue, quoted: false)
        parameters.append("cnonce", cnonce, quoted: true)
        parameters.append("opaque", opaque, quoted: true)
        parameters.append("qop", qop, quoted: false)
        parameters.append("nc", nonceCountText, quoted: false)
        return parameters.serialized
    }

    static func eightHexDigits(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}

extension DigestCredentials: SIPSerializable {
    /// Appends the header value.
    public func serialize(into buffer: inout [UInt8]) {
        buffer.appendUTF8(headerValue)
    }
}

extension DigestCredentials: CustomStringConvertible {
    /// User, realm and algorithm only: the response digest stays out of logs.
    public var description: String { "Digest credentials of \(username)@\(realm) (\(algorithm.rawValue))" }
}
