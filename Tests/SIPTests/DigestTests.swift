// Digest authentication: RFC known answers, header round trips, nonces, replay window, client side.

import KefuTesting
import Testing
@testable import SIP

@Suite struct DigestTests {
    /// RFC 2617 §3.5: the Mufasa example with MD5 and qop=auth.
    @Test("computes the RFC 2617 §3.5 response for Mufasa")
    func rfc2617KnownAnswer() {
        let ha1 = DigestComputation.ha1(username: "Mufasa", realm: "testrealm@host.com", password: "Circle Of Life")
        let response = DigestComputation.response(
            ha1: ha1, nonce: "dcd98b7102dd2f0e8b11d0f600bfb0c093", method: "GET", uri: "/dir/index.html",
            qop: "auth", nonceCount: 1, cnonce: "0a4f113b"
        )
        #expect(response == "6629fae49393a05397450978507c4ef1")
    }

    /// RFC 7616 §3.9.1: the same user answered with MD5 and with SHA-256.
    @Test("computes the RFC 7616 §3.9.1 responses with MD5 and SHA-256", arguments: [
        (DigestAlgorithm.md5, "8ca523f5e9506fed4657c9700eebdbec"),
        (DigestAlgorithm.sha256, "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"),
    ])
    func rfc7616KnownAnswers(algorithm: DigestAlgorithm, expected: String) throws {
        let challenge = DigestChallenge(
            realm: "http-auth@example.org", nonce: "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
            opaque: "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", algorithm: algorithm, qop: ["auth", "auth-int"]
        )
        let credentials = try challenge.answer(
            method: "GET", uri: "/dir/index.html", username: "Mufasa", password: "Circle of Life",
            cnonce: "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"
        )
        #expect(credentials.response == expected)
        #expect(credentials.qop == "auth")
        #expect(credentials.nonceCountText == "00000001")
        #expect(credentials.opaque == "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS")
        let ha1 = DigestComputation.ha1(username: "Mufasa", realm: "http-auth@example.org", password: "Circle of Life", algorithm: algorithm)
        #expect(DigestComputation.verify(credentials, method: "GET", ha1: ha1))
        #expect(!DigestComputation.verify(credentials, method: "POST", ha1: ha1))
    }

    @Test("parses a WWW-Authenticate value as phones and trunks write it")
    func parsesChallenge() throws {
        let challenge = try DigestChallenge(#"Digest realm="kefu.local",nonce="abc\"def", qop="auth,auth-int", algorithm=SHA-256, stale=TRUE, opaque="xyz""#)
        #expect(challenge.realm == "kefu.local")
        #expect(challenge.nonce == #"abc"def"#)
        #expect(challenge.qop == ["auth", "auth-int"])
        #expect(challenge.algorithm == .sha256)
        #expect(challenge.stale)
        #expect(challenge.opaque == "xyz")
        #expect(try DigestChallenge(challenge.headerValue) == challenge)
    }

    @Test("parses an Authorization value and writes it back equal")
    func parsesCredentials() throws {
        let text = #"Digest username="1001", realm="kefu", nonce="n1", uri="sip:127.0.0.1", response="0123456789abcdef0123456789abcdef", algorithm=MD5, cnonce="c1", qop=auth, nc=0000000a"#
        let credentials = try DigestCredentials(text)
        #expect(credentials.username == "1001")
        #expect(credentials.nonceCount == 10)
        #expect(credentials.qop == "auth")
        #expect(try DigestCredentials(credentials.headerValue) == credentials)
        #expect(!credentials.description.contains("0123456789abcdef"))
    }

    @Test("names the defect in a malformed digest header", arguments: [
        ("Basic dXNlcjpwYXNz", DigestError.unsupportedScheme("Basic")),
        (#"Digest realm="kefu""#, DigestError.missingParameter("nonce")),
        (#"Digest realm="kefu", realm="x", nonce="n""#, DigestError.duplicateParameter("realm")),
        (#"Digest realm="kefu", nonce="n", algorithm=SHA-512-256"#, DigestError.unsupportedAlgorithm("SHA-512-256")),
        (#"Digest realm="kefu, nonce=n"#, DigestError.malformedParameters("unterminated quoted value of realm")),
        (#"Digest realm "kefu""#, DigestError.malformedParameters("expected = after realm")),
    ])
    func rejectsMalformedChallenge(text: String, expected: DigestError) {
        #expect(throws: expected) { try DigestChallenge(text) }
    }

    @Test("rejects credentials with qop but without nc, and an nc that is not eight hex digits")
    func rejectsBadNonceCount() {
        #expect(throws: DigestError.missingParameter("nc")) {
            try DigestCredentials(#"Digest username="a", realm="r", nonce="n", uri="u", response="x", qop=auth, cnonce="c""#)
        }
        #expect(throws: DigestError.invalidNonceCount("12")) {
            try DigestCredentials(#"Digest username="a", realm="r", nonce="n", uri="u", response="x", qop=auth, cnonce="c", nc=12"#)
        }
    }

    @Test("answers an RFC 2069 challenge without qop, and refuses one offering only auth-int")
    func answersWithoutQOP() throws {
        let legacy = DigestChallenge(realm: "r", nonce: "n", qop: [])
        let credentials = try legacy.answer(method: "INVITE", uri: "sip:a@b", username: "u", password: "p", cnonce: "c")
        #expect(credentials.qop == nil && credentials.cnonce == nil && credentials.nonceCount == nil)
        let ha1 = DigestComputation.ha1(username: "u", realm: "r", password: "p")
        #expect(credentials.response == DigestAlgorithm.md5.hash("\(ha1):n:\(DigestAlgorithm.md5.hash("INVITE:sip:a@b"))"))
        let intOnly = DigestChallenge(realm: "r", nonce: "n", qop: ["auth-int"])
        #expect(throws: DigestError.unsupportedQOP("auth-int")) {
            try intOnly.answer(method: "INVITE", uri: "sip:a@b", username: "u", password: "p", cnonce: "c")
        }
    }

    @Test("a nonce is fresh within its lifetime, expired after, and invalid when altered or from another secret")
    func nonceLifetime() {
        var random = SeededRandom(seed: 7)
        let issuer = DigestNonceIssuer(secret: Array(repeating: 1, count: 32), realm: "kefu", lifetime: 300)
        let nonce = issuer.makeNonce(now: 1_000_000, using: &random)
        #expect(issuer.check(nonce, now: 1_000_000) == .fresh(issuedAt: 1_000_000))
        #expect(issuer.check(nonce, now: 1_000_299) == .fresh(issuedAt: 1_000_000))
        #expect(issuer.check(nonce, now: 1_000_300) == .expired(issuedAt: 1_000_000))
        var altered = Array(nonce.utf8)
        altered[3] = altered[3] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
        #expect(issuer.check(String(decoding: altered, as: UTF8.self), now: 1_000_000) == .invalid)
        let other = DigestNonceIssuer(secret: Array(repeating: 2, count: 32), realm: "kefu")
        #expect(other.check(nonce, now: 1_000_000) == .invalid)
        let otherRealm = DigestNonceIssuer(secret: Array(repeating: 1, count: 32), realm: "other")
        #expect(otherRealm.check(nonce, now: 1_000_000) == .invalid)
        #expect(issuer.check("short", now: 1_000_000) == .invalid)
        #expect(issuer.makeNonce(now: 1_000_000, using: &random) != nonce)
    }

    @Test("accepts each nonce count once, out of order within 64, and nothing older")
    func replayWindow() {
        var guardian = DigestReplayGuard(capacity: 100)
        let results = [
            guardian.accept(nonce: "a", count: 1, issuedAt: 0),
            guardian.accept(nonce: "a", count: 1, issuedAt: 0),
            guardian.accept(nonce: "a", count: 3, issuedAt: 0),
            guardian.accept(nonce: "a", count: 2, issuedAt: 0),
            guardian.accept(nonce: "a", count: 2, issuedAt: 0),
            guardian.accept(nonce: "a", count: 100, issuedAt: 0),
            guardian.accept(nonce: "a", count: 3, issuedAt: 0),
            guardian.accept(nonce: "a", count: 40, issuedAt: 0),
            guardian.accept(nonce: "a", count: 0, issuedAt: 0),
            guardian.accept(nonce: "b", count: 1, issuedAt: 0),
        ]
        #expect(results == [true, false, true, true, false, true, false, true, false, true])
    }

    @Test("forgets the oldest nonces beyond its capacity")
    func replayGuardBounded() {
        var guardian = DigestReplayGuard(capacity: 3)
        for index in 0..<10 { _ = guardian.accept(nonce: "n\(index)", count: 1, issuedAt: UInt64(index)) }
        #expect(guardian.count == 3)
        let readmitted = guardian.accept(nonce: "n0", count: 1, issuedAt: 0)
        #expect(readmitted)
        guardian.removeNonces(issuedBefore: 9)
        #expect(guardian.count == 1)
    }
}
