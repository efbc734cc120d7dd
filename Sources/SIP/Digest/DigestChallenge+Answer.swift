// The client side: answering a 401/407 challenge for a request Kefu sends.

extension DigestChallenge {
    /// The credentials that answer this challenge for a request of `method` to `uri`.
    ///
    /// Uses `qop=auth` when offered (with `cnonce` and `nonceCount`), the RFC 2069 form when the
    /// challenge offers no qop, and throws when it offers only qop values other than `auth`.
    /// `ha1` is `DigestComputation.ha1(username:realm:password:algorithm:)` for this realm.
    public func answer(
        method: String,
        uri: String,
        username: String,
        ha1: String,
        cnonce: String,
        nonceCount: UInt32 = 1
    ) throws(DigestError) -> DigestCredentials {
        var qopValue: String?
        if !qop.isEmpty {
            guard qop.contains("auth") else { throw .unsupportedQOP(qop.joined(separator: ",")) }
            qopValue = "auth"
        }
        let response = DigestComputation.response(
            ha1: ha1,
            nonce: nonce,
            method: method,
            uri: uri,
            algorithm: algorithm,
            qop: qopValue,
            nonceCount: qopValue == nil ? nil : nonceCount,
            cnonce: qopValue == nil ? nil : cnonce
        )
        return DigestCredentials(
            username: username,
            realm: realm,
            nonce: nonce,
            uri: uri,
            response: response,
            algorithm: algorithm,
            cnonce: qopValue == nil ? nil : cnonce,
            qop: qopValue,
            nonceCount: qopValue == nil ? nil : nonceCount,
            opaque: opaque
        )
    }

    /// Like ``answer(method:uri:username:ha1:cnonce:nonceCount:)`` from a plain password.
    public func answer(
        method: String,
        uri: String,
        username: String,
        password: String,
        cnonce: String,
        nonceCount: UInt32 = 1
    ) throws(DigestError) -> DigestCredentials {
        let ha1 = DigestComputation.ha1(username: username, realm: realm, password: password, algorithm: algorithm)
        return try answer(method: method, uri: uri, username: username, ha1: ha1, cnonce: cnonce, nonceCount: nonceCount)
    }
}
