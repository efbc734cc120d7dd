// The registrar over real UDP: digest, expiry bounds, several contacts, `*`, throttling.
//
// Test plan: a phone written with RawSIPSocket answers the challenge with DigestChallenge
// (the client side under test too). Covered: 423 with Min-Expires; expiry clamped to the
// maximum; two contacts for one user and the lookup order; `*` removes all; a stale CSeq is
// refused; a To user other than the authenticated one is refused; a binding that runs out is
// reported as expired; five failures from 127.0.0.2 block that source (even with the right
// password) while 127.0.0.1 still registers; a replayed Authorization is challenged again.

import SIP
import SIPStack
import SIPTesting
import Testing

@Suite(.serialized, .timeLimit(.minutes(1))) struct RegistrarTests {
    /// A phone that registers `user` with `password` from `host`.
    struct Phone {
        let socket: RawSIPSocket
        let user: String
        let password: String
        let port: Int
        let callID: String
        let domain: String
        var fromTag: String
        var cseq: UInt32 = 0

        init(user: String, password: String, port: Int, host: String = "127.0.0.1", domain: String = "kefu") throws {
            socket = try RawSIPSocket(.udp, port: port, localHost: host)
            self.domain = domain
            self.user = user
            self.password = password
            self.port = port
            callID = "reg-\(UInt32.random(in: 0...UInt32.max))"
            fromTag = callID
        }

        func request(cseq: UInt32, contacts: [String], expires: Int?, authorization: DigestCredentials?, toUser: String? = nil) -> SIPRequest {
            var headers = SIPHeaders()
            if let expires { headers.add(.expires, expires) }
            for contact in contacts { headers.add(.contact, contact) }
            if let authorization { headers.add(.authorization, authorization) }
            return SIPRequest(
                method: .register,
                uri: .sip(SIPURI(host: "127.0.0.1", port: UInt16(port))),
                via: Via(transport: "UDP", host: "127.0.0.1", port: UInt16(socket.localPort), branch: "z9hG4bK-\(fromTag)-\(cseq)"),
                from: NameAddress(uri: SIPURI(user: user, host: domain), parameters: [SIPParameter(name: "tag", value: fromTag)]),
                to: NameAddress(uri: SIPURI(user: toUser ?? user, host: domain)),
                callID: SIPCallID(rawValue: callID), cseq: cseq, extraHeaders: headers
            )
        }

        /// REGISTER, answer the 401, return the final response.
        mutating func register(contacts: [String]? = nil, expires: Int? = 120, toUser: String? = nil) async throws -> SIPResponse? {
            let contactList = contacts ?? ["<sip:\(user)@127.0.0.1:\(socket.localPort)>"]
            cseq += 1
            socket.send(request(cseq: cseq, contacts: contactList, expires: expires, authorization: nil, toUser: toUser).serializedBytes)
            guard let challengeResponse = await socket.receiveResponse() else { return nil }
            guard challengeResponse.status == .unauthorized, let value = challengeResponse.headers[.wwwAuthenticate] else { return challengeResponse }
            let challenge = try DigestChallenge(value)
            let credentials = try challenge.answer(method: "REGISTER", uri: "sip:127.0.0.1:\(port)", username: user, password: password, cnonce: "c\(cseq)")
            cseq += 1
            let authorized = request(cseq: cseq, contacts: contactList, expires: expires, authorization: credentials, toUser: toUser)
            socket.send(authorized.serializedBytes)
            lastAuthorized = authorized
            return await socket.receiveResponse()
        }

        var lastAuthorized: SIPRequest?
    }

    /// Users of several SIP domains, each domain its own realm.
    struct DomainCredentials: CredentialProvider {
        let realms: [String: StaticCredentialProvider]

        func ha1(username: String, realm: String, algorithm: DigestAlgorithm) async -> String? {
            await realms[realm]?.ha1(username: username, realm: realm, algorithm: algorithm)
        }
    }

    @Test("with realms from domains, the same extension in two tenants' domains registers separately with its own password")
    func realmsFromDomains() async throws {
        let credentials = DomainCredentials(realms: [
            "a.example": StaticCredentialProvider(realm: "a.example", passwords: ["1001": "alpha"]),
            "b.example": StaticCredentialProvider(realm: "b.example", passwords: ["1001": "bravo"]),
        ])
        let registrar = RegistrarConfiguration(realm: "kefu", failureDelay: .zero, realmFromDomain: true)
        try await withRunningStack(registrar: registrar, credentials: credentials) { userAgent, port in
            var first = try Phone(user: "1001", password: "alpha", port: port, domain: "a.example")
            #expect(try await first.register()?.status == .ok)
            var wrong = try Phone(user: "1001", password: "alpha", port: port, domain: "b.example")
            #expect(try await wrong.register()?.status == .forbidden)
            var second = try Phone(user: "1001", password: "bravo", port: port, domain: "b.example")
            #expect(try await second.register(contacts: ["<sip:1001@127.0.0.1:7009>"])?.status == .ok)
            #expect(await userAgent.bindings(of: "1001", realm: "a.example").first?.contact.uri.sipURI?.port == UInt16(first.socket.localPort))
            #expect(await userAgent.bindings(of: "1001", realm: "b.example").first?.contact.uri.sipURI?.port == 7009)
            #expect(await userAgent.bindings(of: "1001").isEmpty)
        }
    }

    @Test("answers an expiry below the minimum with 423 and Min-Expires, and clamps one above the maximum")
    func expiryBounds() async throws {
        try await withRunningStack(registrar: RegistrarConfiguration(realm: "kefu", minExpires: 60, maxExpires: 600, failureDelay: .zero)) { userAgent, port in
            var phone = try Phone(user: "1001", password: "secret", port: port)
            let brief = try #require(try await phone.register(expires: 10))
            #expect(brief.status == .intervalTooBrief)
            #expect(try brief.headers.minExpires == 60)
            let long = try #require(try await phone.register(expires: 100_000))
            #expect(long.status == .ok)
            let granted = try #require(try long.headers.contact.first?.expires)
            #expect(granted <= 600 && granted >= 590)
            #expect(await userAgent.bindings(of: "1001").count == 1)
        }
    }

    @Test("keeps several contacts per user, removes them all with *, and refuses a stale CSeq")
    func severalContacts() async throws {
        try await withRunningStack(registrar: RegistrarConfiguration(realm: "kefu", failureDelay: .zero)) { userAgent, port in
            var phone = try Phone(user: "1001", password: "secret", port: port)
            let both = try #require(try await phone.register(contacts: ["<sip:1001@127.0.0.1:7001>", "<sip:1001@127.0.0.1:7002>;expires=300"]))
            #expect(both.status == .ok)
            #expect(try both.headers.contact.count == 2)
            #expect(await userAgent.bindings(of: "1001").map { $0.contact.uri.sipURI?.port } .sorted { ($0 ?? 0) < ($1 ?? 0) } == [7001, 7002])

            // A captured Authorization replayed in a new transaction (new branch and Call-ID,
            // so it is not a merged request) is challenged again: its nonce count was used.
            var replay = try #require(phone.lastAuthorized)
            var via = try replay.headers.topVia
            via.branch = "z9hG4bK-replayed"
            replay.headers.replaceFirstValue(.via, with: via)
            replay.headers.set(.callID, SIPCallID(rawValue: "replayed-\(phone.callID)"))
            phone.socket.send(replay.serializedBytes)
            let refused = try #require(await phone.socket.receiveResponse())
            #expect(refused.status == .unauthorized)

            // The same Call-ID with a CSeq that is not higher than the binding's (§10.3 step 7).
            var late = phone
            late.fromTag = "late-\(phone.callID)"
            late.cseq = 0
            let stale = try #require(try await late.register(contacts: ["<sip:1001@127.0.0.1:7001>"]))
            #expect(stale.status == .badRequest)
            #expect(stale.reasonPhrase == "Stale CSeq")

            let wildcard = try #require(try await phone.register(contacts: ["*"], expires: 0))
            #expect(wildcard.status == .ok)
            #expect(await userAgent.bindings(of: "1001").isEmpty)
        }
    }

    @Test("refuses to register another user's address-of-record")
    func userMismatch() async throws {
        try await withRunningStack(registrar: RegistrarConfiguration(realm: "kefu", failureDelay: .zero)) { userAgent, port in
            var phone = try Phone(user: "1001", password: "secret", port: port)
            let response = try #require(try await phone.register(toUser: "1002"))
            #expect(response.status == .forbidden)
            #expect(await userAgent.bindings(of: "1002").isEmpty)
        }
    }

    @Test("reports a binding that runs out as expired")
    func expiry() async throws {
        try await withRunningStack(registrar: RegistrarConfiguration(realm: "kefu", minExpires: 1, failureDelay: .zero)) { userAgent, port in
            var changes = userAgent.bindingChanges.makeAsyncIterator()
            var phone = try Phone(user: "1001", password: "secret", port: port)
            #expect(try await phone.register(expires: 1)?.status == .ok)
            guard case .added? = await changes.next() else { Issue.record("no added"); return }
            guard case .expired(let binding)? = await changes.next() else { Issue.record("no expired"); return }
            #expect(binding.user == "1001")
            #expect(await userAgent.bindings(of: "1001").isEmpty)
        }
    }

    @Test("blocks a source after five failures, even with the right password, while another address still registers")
    func throttle() async throws {
        let registrar = RegistrarConfiguration(realm: "kefu", failureDelay: .zero, throttle: RegistrationThrottle(maxFailures: 5, window: 60, cooldown: 120))
        try await withRunningStack(registrar: registrar) { userAgent, port in
            var attacker = try Phone(user: "1001", password: "guess", port: port, host: "127.0.0.2")
            for _ in 0..<5 {
                #expect(try await attacker.register()?.status == .forbidden)
            }
            var blocked = try Phone(user: "1001", password: "secret", port: port, host: "127.0.0.2")
            #expect(try await blocked.register()?.status == .forbidden)
            var unknownUser = try Phone(user: "9876", password: "secret", port: port, host: "127.0.0.3")
            #expect(try await unknownUser.register()?.status == .forbidden)
            var legitimate = try Phone(user: "1001", password: "secret", port: port, host: "127.0.0.1")
            #expect(try await legitimate.register()?.status == .ok)
            #expect(await userAgent.bindings(of: "1001").count == 1)
        }
    }

    @Test("a burst of guesses sent at once is checked one at a time, so the right password after five wrong ones is refused too")
    func burstOfGuesses() async throws {
        let registrar = RegistrarConfiguration(realm: "kefu", failureDelay: .zero, throttle: RegistrationThrottle(maxFailures: 5, window: 60, cooldown: 120))
        try await withRunningStack(registrar: registrar) { userAgent, port in
            let attacker = try Phone(user: "1001", password: "", port: port, host: "127.0.0.5")
            let contact = "<sip:1001@127.0.0.5:\(attacker.socket.localPort)>"
            attacker.socket.send(attacker.request(cseq: 1, contacts: [contact], expires: 60, authorization: nil).serializedBytes)
            let challengeResponse = try #require(await attacker.socket.receiveResponse())
            let challenge = try DigestChallenge(try #require(challengeResponse.headers[.wwwAuthenticate]))
            let guesses = ["1234", "0000", "1001", "password", "admin", "123456", "secret"]
            for (index, guess) in guesses.enumerated() {
                let credentials = try challenge.answer(
                    method: "REGISTER", uri: "sip:127.0.0.1:\(port)", username: "1001", password: guess, cnonce: "c\(index)", nonceCount: UInt32(index + 1))
                attacker.socket.send(attacker.request(cseq: UInt32(index + 2), contacts: [contact], expires: 60, authorization: credentials).serializedBytes)
            }
            var statuses: [SIPStatus] = []
            for _ in guesses {
                guard let response = await attacker.socket.receiveResponse() else { break }
                statuses.append(response.status)
            }
            #expect(statuses.count == guesses.count && statuses.allSatisfy { $0 == .forbidden }, "\(statuses)")
            #expect(await userAgent.bindings(of: "1001").isEmpty)
        }
    }

    @Test("an extension scan gets the same 401 for every user, then 403 without a challenge; the Server header names no version")
    func extensionScan() async throws {
        let registrar = RegistrarConfiguration(
            realm: "kefu", failureDelay: .zero, throttle: RegistrationThrottle(maxFailures: 5, maxChallenges: 10, answerGrace: 0, window: 60, cooldown: 120))
        try await withRunningStack(registrar: registrar) { userAgent, port in
            var statuses: [SIPStatus] = []
            var challenges: [String] = []
            for user in 1000..<1015 {
                let scanner = try Phone(user: String(user), password: "", port: port, host: "127.0.0.4")
                scanner.socket.send(scanner.request(cseq: 1, contacts: ["<sip:\(user)@127.0.0.4>"], expires: 60, authorization: nil).serializedBytes)
                let response = try #require(await scanner.socket.receiveResponse())
                statuses.append(response.status)
                if let value = response.headers[.wwwAuthenticate], let challenge = try? DigestChallenge(value) {
                    challenges.append("\(challenge.realm) \(challenge.algorithm) \(challenge.qop)")
                }
                let server = response.headers[.server] ?? ""
                #expect(!server.isEmpty && !server.contains(where: \.isNumber), "Server: \(server) discloses a version")
            }
            #expect(statuses.prefix(9).allSatisfy { $0 == .unauthorized }, "\(statuses)")
            #expect(Set(challenges).count == 1, "existing and unknown users were challenged differently: \(challenges)")
            #expect(statuses.suffix(6).allSatisfy { $0 == .forbidden }, "\(statuses)")
            var legitimate = try Phone(user: "1001", password: "secret", port: port, host: "127.0.0.1")
            #expect(try await legitimate.register()?.status == .ok)
            #expect(await userAgent.bindings(of: "1001").count == 1)
        }
    }
}

@Suite struct RegistrationThrottleTests {
    @Test("blocks after the set number of failures within the window, for the cooldown, per source")
    func blocksPerSource() {
        var throttle = RegistrationThrottle(maxFailures: 3, window: 10, cooldown: 30)
        let blockedByFirst = throttle.recordFailure("a", now: 100)
        let blockedBySecond = throttle.recordFailure("a", now: 101)
        let blockedByThird = throttle.recordFailure("a", now: 102)
        #expect([blockedByFirst, blockedBySecond, blockedByThird] == [false, false, true])
        #expect(throttle.isBlocked("a", now: 131))
        #expect(!throttle.isBlocked("a", now: 132))
        #expect(!throttle.isBlocked("b", now: 110))
    }

    @Test("forgets failures older than the window and after a success")
    func forgets() {
        var throttle = RegistrationThrottle(maxFailures: 3, window: 10, cooldown: 30)
        throttle.recordFailure("a", now: 100)
        throttle.recordFailure("a", now: 101)
        let blockedAfterWindow = throttle.recordFailure("a", now: 120)
        #expect(!blockedAfterWindow)
        throttle.recordSuccess("a", nonce: "n1")
        #expect(throttle.trackedSourceCount == 0)
    }

    @Test("challenges left unanswered past the grace block a scanning source; a phone that authenticates each time is never blocked")
    func challengesBlockScanners() {
        var throttle = RegistrationThrottle(maxFailures: 5, maxChallenges: 4, answerGrace: 2, window: 60, cooldown: 30)
        let scan = (0..<8).map { throttle.recordChallenge("scanner", nonce: "s\($0)", now: 100 + UInt64($0)) }
        // At 105 the challenges of 100-103 have waited 2 s: the fourth unanswered one blocks.
        #expect(scan == [false, false, false, false, false, true, false, false])
        #expect(throttle.isBlocked("scanner", now: 110))
        for second in 0..<20 {
            let blocked = throttle.recordChallenge("phones", nonce: "p\(second)", now: 100 + UInt64(second))
            #expect(!blocked)
            throttle.recordSuccess("phones", nonce: "p\(second)")
        }
        #expect(!throttle.isBlocked("phones", now: 120))
    }

    @Test("a site of 300 phones behind one address re-registering at once is not taken for a scan; a few phones that never answer are")
    func natBurstIsNotAScan() {
        var throttle = RegistrationThrottle(maxFailures: 5, maxChallenges: 30, answerGrace: 3, window: 60, cooldown: 120)
        // Every phone is challenged within the same second, and answers a second later.
        let burst = (0..<300).map { throttle.recordChallenge("203.0.113.9", nonce: "n\($0)", now: 100) }
        #expect(!burst.contains(true))
        for phone in 0..<300 { throttle.recordSuccess("203.0.113.9", nonce: "n\(phone)") }
        let again = (0..<300).map { throttle.recordChallenge("203.0.113.9", nonce: "m\($0)", now: 101) }
        #expect(!again.contains(true))
        for phone in 0..<300 { throttle.recordSuccess("203.0.113.9", nonce: "m\(phone)") }
        #expect(!throttle.isBlocked("203.0.113.9", now: 110))
        // 30 challenges from that address then go unanswered: once past the grace, blocked.
        for index in 0..<30 { throttle.recordChallenge("203.0.113.9", nonce: "x\(index)", now: 102) }
        let withinGrace = throttle.recordChallenge("203.0.113.9", nonce: "y0", now: 104)
        let pastGrace = throttle.recordChallenge("203.0.113.9", nonce: "y1", now: 105)
        #expect(!withinGrace)
        #expect(pastGrace)
    }

    @Test("tracks no more sources than its capacity")
    func bounded() {
        var throttle = RegistrationThrottle(maxFailures: 3, window: 10, cooldown: 30, capacity: 100)
        for index in 0..<1_000 { throttle.recordFailure("10.0.\(index / 256).\(index % 256)", now: 100) }
        #expect(throttle.trackedSourceCount <= 100)
    }
}
