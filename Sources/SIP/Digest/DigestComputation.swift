// The digest arithmetic: HA1, HA2 and the response value (RFC 2617 §3.2.2.1-3, RFC 7616 §3.4.1).

/// The hashes of digest authentication, as pure functions.
///
/// A credential store keeps HA1 = H(username:realm:password) per realm and algorithm, never
/// the password; ``response(ha1:nonce:method:uri:algorithm:qop:nonceCount:cnonce:)`` takes
/// that HA1.
public enum DigestComputation {
    /// HA1 for `algorithm`'s base hash: `H(username:realm:password)`.
    public static func ha1(username: String, realm: String, password: String, algorithm: DigestAlgorithm = .md5) -> String {
        algorithm.base.hash("\(username):\(realm):\(password)")
    }

    /// The session HA1 of a `-sess` algorithm: `H(HA1:nonce:cnonce)`; the stored HA1 for the others.
    public static func sessionHA1(_ ha1: String, nonce: String, cnonce: String?, algorithm: DigestAlgorithm) -> String {
        guard algorithm.isSession else { return ha1 }
        return algorithm.hash("\(ha1):\(nonce):\(cnonce ?? "")")
    }

    /// The expected `response` value for a request.
    ///
    /// With `qop=auth`: `H(HA1:nonce:nc:cnonce:qop:HA2)`; without qop (RFC 2069):
    /// `H(HA1:nonce:HA2)`; HA2 = `H(method:uri)`.
    public static func response(
        ha1: String,
        nonce: String,
        method: String,
        uri: String,
        algorithm: DigestAlgorithm = .md5,
        qop: String? = nil,
        nonceCount: UInt32? = nil,
        cnonce: String? = nil
    ) -> String {
        let effectiveHA1 = sessionHA1(ha1, nonce: nonce, cnonce: cnonce, algorithm: algorithm)
        let ha2 = algorithm.hash("\(method):\(uri)")
        if let qop {
            let nc = DigestCredentials.eightHexDigits(nonceCount ?? 1)
            return algorithm.hash("\(effectiveHA1):\(nonce):\(nc):\(cnonce ?? ""):\(qop):\(ha2)")
        }
        return algorithm.hash("\(effectiveHA1):\(nonce):\(ha2)")
    }

    /// Whether `credentials` carry the right response for `method` given the stored `ha1`.
    /// Compares in constant time.
    public static func verify(_ credentials: DigestCredentials, method: String, ha1: String) -> Bool {
        let expected = response(
            ha1: ha1,
            nonce: credentials.nonce,
            method: method,
            uri: credentials.uri,
            algorithm: credentials.algorithm,
            qop: credentials.qop,
            nonceCount: credentials.nonceCount,
            cnonce: credentials.cnonce
        )
        return constantTimeEqual(expected, credentials.response.lowercased())
    }

    /// Byte-wise comparison whose time does not depend on where the strings differ.
    static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8)
        let b = Array(rhs.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
