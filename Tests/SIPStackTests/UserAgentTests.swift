// Two Kefu user agents calling each other on loopback through the public call-path API.
//
// Test plan: outgoing INVITE with ringing, answer, ACK; re-INVITE (hold), INFO, REFER and
// NOTIFY inside the dialog; UPDATE and in-dialog OPTIONS; BYE from the callee; CANCEL while ringing; reliable 183 with
// PRACK (RFC 3262); digest challenge on INVITE answered with credentials (and refused
// without); admission control answering 503 with Retry-After; OPTIONS ping.

import Foundation
import Logging
import SIP
import SIPStack
import SIPTesting
import Testing

/// An admission control that refuses everything (overload).
struct RefuseAll: AdmissionControl {
    func admit(_ invite: SIPRequest, from source: SIPDestination) -> AdmissionDecision { .overloaded(retryAfter: 7) }
}

@Suite(.serialized, .timeLimit(.minutes(1))) struct UserAgentTests {
    static let offer = Array("v=0\r\no=a 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=sendrecv\r\n".utf8)
    static let answer = Array("v=0\r\no=b 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\na=sendrecv\r\n".utf8)

    /// Runs `body` with a caller agent and a callee agent that delivers incoming calls.
    func withPair(
        calleeAuthenticates: Bool = false,
        admission: (any AdmissionControl)? = nil,
        _ body: (SIPUserAgent, SIPUserAgent, Int) async throws -> Void
    ) async throws {
        var logger = Logger(label: "test.ua")
        logger.logLevel = .critical
        let callerPort = LoopbackPort.free()
        let calleePort = LoopbackPort.free()
        let caller = SIPUserAgent(configuration: .init(stack: .loopback(port: callerPort), registrar: nil), logger: logger)
        let callee = SIPUserAgent(
            configuration: .init(stack: .loopback(port: calleePort), registrar: RegistrarConfiguration(realm: "kefu"), authenticatesInvites: calleeAuthenticates),
            credentials: StaticCredentialProvider(realm: "kefu", passwords: ["1001": "secret"]),
            admissionControl: admission,
            logger: logger
        )
        try await caller.start()
        try await callee.start()
        do {
            try await body(caller, callee, calleePort)
        } catch {
            await caller.shutdown()
            await callee.shutdown()
            throw error
        }
        await caller.shutdown()
        await callee.shutdown()
    }

    func options(to port: Int, credentials: SIPClientCredentials? = nil, headers: SIPHeaders = SIPHeaders()) -> SIPCallOptions {
        SIPCallOptions(
            requestURI: SIPURI(user: "agent", host: "127.0.0.1", port: UInt16(port)),
            from: NameAddress(displayName: "Caller", uri: SIPURI(user: "1001", host: "kefu")),
            sdp: Self.offer, headers: headers, credentials: credentials
        )
    }

    /// The next event of `call`, skipping nothing.
    func next(_ iterator: inout AsyncStream<SIPCallEvent>.Iterator) async -> SIPCallEvent? {
        await iterator.next()
    }

    @Test("rings, answers with SDP, and both sides see the call up; then hold, INFO, REFER, NOTIFY and BYE work in the dialog")
    func fullCall() async throws {
        try await withPair { caller, callee, port in
            var headers = SIPHeaders()
            headers.add(.callInfo, "<sip:127.0.0.1>;answer-after=0")
            let outgoing = try await caller.invite(options(to: port, headers: headers))
            var incomingCalls = callee.incomingCalls.makeAsyncIterator()
            let incoming = try #require(await incomingCalls.next())
            #expect(try incoming.request.headers.callInfo.first?.parameters["answer-after"] == "0")
            #expect(incoming.request.bodyText.contains("m=audio 4000"))
            var callerEvents = outgoing.events.makeAsyncIterator()
            var calleeEvents = incoming.events.makeAsyncIterator()

            try await incoming.ring()
            guard case .provisional(let ringing)? = await callerEvents.next() else { Issue.record("no 180"); return }
            #expect(ringing.status == .ringing)

            try await incoming.answer(sdp: Self.answer)
            guard case .answered(let ok)? = await callerEvents.next() else { Issue.record("no 200"); return }
            #expect(ok.bodyText.contains("m=audio 5000"))
            guard case .acknowledged? = await calleeEvents.next() else { Issue.record("no ACK"); return }

            // Hold: re-INVITE with sendonly, answered recvonly.
            async let holdResponse = outgoing.reinvite(sdp: Array(String(decoding: Self.offer, as: UTF8.self).replacingOccurrences(of: "sendrecv", with: "sendonly").utf8))
            guard case .request(let reinvite)? = await calleeEvents.next() else { Issue.record("no re-INVITE"); return }
            #expect(reinvite.method == .invite)
            #expect(reinvite.request.bodyText.contains("a=sendonly"))
            reinvite.respond(.ok, body: Array(String(decoding: Self.answer, as: UTF8.self).replacingOccurrences(of: "sendrecv", with: "recvonly").utf8))
            let hold = try await holdResponse
            #expect(hold.status == .ok)
            #expect(hold.bodyText.contains("a=recvonly"))

            let info = try await outgoing.info(body: Array("Signal=5\r\nDuration=160\r\n".utf8), contentType: SIPMediaType(type: "application", subtype: "dtmf-relay"))
            #expect(info.status == .ok)
            guard case .request(let infoRequest)? = await calleeEvents.next() else { Issue.record("no INFO"); return }
            #expect(infoRequest.isAnswered && infoRequest.method == .info)

            async let referResponse = outgoing.refer(to: NameAddress(uri: SIPURI(user: "1002", host: "kefu")))
            guard case .request(let refer)? = await calleeEvents.next() else { Issue.record("no REFER"); return }
            #expect(try refer.request.headers.referTo?.uri.user == "1002")
            refer.respond(.accepted)
            #expect(try await referResponse.status == .accepted)

            let notify = try await incoming.notify(event: "refer", subscriptionState: "terminated;reason=noresource",
                                                   body: Array("SIP/2.0 200 OK\r\n".utf8), contentType: SIPMediaType(type: "message", subtype: "sipfrag"))
            #expect(notify.status == .ok)
            guard case .request(let notifyRequest)? = await callerEvents.next() else { Issue.record("no NOTIFY"); return }
            #expect(notifyRequest.method == .notify)

            let bye = try await incoming.hangUp()
            #expect(bye?.status == .ok)
            guard case .ended(let reason)? = await callerEvents.next() else { Issue.record("no end"); return }
            #expect(reason == .remoteHangUp)
            #expect(await caller.statistics().calls == 0)
            #expect(await callee.statistics().calls == 0)
        }
    }

    @Test("UPDATE changes the session and OPTIONS pings inside the dialog; an ended call refuses further requests")
    func updateAndInDialogOptions() async throws {
        try await withPair { caller, callee, port in
            let outgoing = try await caller.invite(options(to: port))
            var incomingCalls = callee.incomingCalls.makeAsyncIterator()
            let incoming = try #require(await incomingCalls.next())
            try await incoming.answer(sdp: Self.answer)
            var callerEvents = outgoing.events.makeAsyncIterator()
            var calleeEvents = incoming.events.makeAsyncIterator()
            guard case .answered? = await callerEvents.next() else { Issue.record("no 200"); return }
            guard case .acknowledged? = await calleeEvents.next() else { Issue.record("no ACK"); return }

            let inactive = Array(String(decoding: Self.offer, as: UTF8.self).replacingOccurrences(of: "sendrecv", with: "inactive").utf8)
            async let updateResponse = outgoing.update(sdp: inactive)
            guard case .request(let update)? = await calleeEvents.next() else { Issue.record("no UPDATE"); return }
            #expect(update.method == .update && !update.isAnswered)
            #expect(update.request.bodyText.contains("a=inactive"))
            update.respond(.ok, body: Array(String(decoding: Self.answer, as: UTF8.self).replacingOccurrences(of: "sendrecv", with: "inactive").utf8))
            let updated = try await updateResponse
            #expect(updated.status == .ok)
            #expect(updated.bodyText.contains("a=inactive"))

            let ping = try await outgoing.options()
            #expect(ping.status == .ok)
            #expect(try ping.headers.allow.contains(.update))
            guard case .request(let pinged)? = await calleeEvents.next() else { Issue.record("no OPTIONS event"); return }
            #expect(pinged.method == .options && pinged.isAnswered)

            #expect(try await outgoing.hangUp()?.status == .ok)
            guard case .ended(.remoteHangUp)? = await calleeEvents.next() else { Issue.record("no BYE"); return }
            await #expect(throws: SIPCallError.self) { try await outgoing.info(body: [], contentType: .sdp) }
        }
    }

    @Test("cancels a ringing call: the callee sees the CANCEL and both calls end as cancelled")
    func cancelRinging() async throws {
        try await withPair { caller, callee, port in
            let outgoing = try await caller.invite(options(to: port))
            var incomingCalls = callee.incomingCalls.makeAsyncIterator()
            let incoming = try #require(await incomingCalls.next())
            try await incoming.ring()
            var callerEvents = outgoing.events.makeAsyncIterator()
            guard case .provisional? = await callerEvents.next() else { Issue.record("no 180"); return }
            try await outgoing.cancel()
            var calleeEvents = incoming.events.makeAsyncIterator()
            guard case .cancelled? = await calleeEvents.next() else { Issue.record("no CANCEL"); return }
            guard case .ended(.cancelled)? = await calleeEvents.next() else { Issue.record("callee not ended"); return }
            guard case .ended(.cancelled)? = await callerEvents.next() else { Issue.record("caller not ended"); return }
        }
    }

    @Test("sends a reliable 183 with early media that the caller PRACKs (RFC 3262)")
    func reliableProvisional() async throws {
        try await withPair { caller, callee, port in
            let outgoing = try await caller.invite(options(to: port))
            var incomingCalls = callee.incomingCalls.makeAsyncIterator()
            let incoming = try #require(await incomingCalls.next())
            try await incoming.progress(.sessionProgress, sdp: Self.answer, reliable: true)
            var callerEvents = outgoing.events.makeAsyncIterator()
            guard case .provisional(let progress)? = await callerEvents.next() else { Issue.record("no 183"); return }
            #expect(progress.status == .sessionProgress)
            #expect(try progress.headers.rseq == 1)
            #expect(progress.bodyText.contains("m=audio 5000"))
            var calleeEvents = incoming.events.makeAsyncIterator()
            guard case .provisionalAcknowledged(let prack)? = await calleeEvents.next() else { Issue.record("no PRACK"); return }
            #expect(try prack.headers.rack?.responseNumber == 1)
            try await incoming.answer(sdp: Self.answer)
            guard case .answered? = await callerEvents.next() else { Issue.record("no 200"); return }
            try await outgoing.hangUp()
            guard case .acknowledged? = await calleeEvents.next() else { Issue.record("no ACK"); return }
            guard case .ended(.remoteHangUp)? = await calleeEvents.next() else { Issue.record("no BYE"); return }
        }
    }

    @Test("answers a digest challenge on INVITE with the credentials, and the callee learns the user")
    func authenticatedInvite() async throws {
        try await withPair(calleeAuthenticates: true) { caller, callee, port in
            let outgoing = try await caller.invite(options(to: port, credentials: SIPClientCredentials(username: "1001", password: "secret")))
            var incomingCalls = callee.incomingCalls.makeAsyncIterator()
            let incoming = try #require(await incomingCalls.next())
            #expect(incoming.authenticatedUser == "1001")
            #expect(incoming.request.headers[.authorization] != nil)
            try await incoming.reject(.busyHere)
            var callerEvents = outgoing.events.makeAsyncIterator()
            guard case .rejected(let response)? = await callerEvents.next() else { Issue.record("no 486"); return }
            #expect(response.status == .busyHere)
            guard case .ended(.rejected(.busyHere))? = await callerEvents.next() else { Issue.record("no end"); return }

            let anonymous = try await caller.invite(options(to: port))
            var anonymousEvents = anonymous.events.makeAsyncIterator()
            guard case .rejected(let challenge)? = await anonymousEvents.next() else { Issue.record("no 401"); return }
            #expect(challenge.status == .unauthorized)
            #expect(challenge.headers[.wwwAuthenticate]?.contains("Digest") == true)

            let wrong = try await caller.invite(options(to: port, credentials: SIPClientCredentials(username: "1001", password: "guess")))
            var wrongEvents = wrong.events.makeAsyncIterator()
            guard case .rejected(let forbidden)? = await wrongEvents.next() else { Issue.record("no 403"); return }
            #expect(forbidden.status == .forbidden)
        }
    }

    @Test("refuses every INVITE with 503 and Retry-After when admission control says overloaded")
    func admissionControl() async throws {
        try await withPair(admission: RefuseAll()) { caller, callee, port in
            let outgoing = try await caller.invite(options(to: port))
            var events = outgoing.events.makeAsyncIterator()
            guard case .rejected(let response)? = await events.next() else { Issue.record("no 503"); return }
            #expect(response.status == .serviceUnavailable)
            #expect(try response.headers.retryAfter?.seconds == 7)
            #expect(await callee.statistics().calls == 0)
        }
    }

    @Test("pings an agent phone with OPTIONS and gets its capabilities")
    func optionsPing() async throws {
        try await withPair { caller, _, port in
            let response = try await caller.options(SIPURI(user: "1001", host: "127.0.0.1", port: UInt16(port)))
            #expect(response.status == .ok)
            #expect(try response.headers.allow.contains(.invite))
            #expect(response.headers.server == "Kefu")
        }
    }
}

@Suite(.serialized, .timeLimit(.minutes(1))) struct IPv6Tests {
    @Test("places and answers a call, and answers OPTIONS, over IPv6 loopback on UDP and TCP", arguments: [SIPTransportProtocol.udp, .tcp])
    func ipv6Call(transport: SIPTransportProtocol) async throws {
        var logger = Logger(label: "test.v6")
        logger.logLevel = .critical
        let callerPort = LoopbackPort.free()
        let calleePort = LoopbackPort.free()
        let caller = SIPUserAgent(configuration: .init(stack: .loopback(host: "::1", port: callerPort), registrar: nil), logger: logger)
        let callee = SIPUserAgent(configuration: .init(stack: .loopback(host: "::1", port: calleePort), registrar: nil), logger: logger)
        try await caller.start()
        try await callee.start()
        do {
            try await call(from: caller, to: calleePort, transport: transport, callee: callee)
        } catch {
            await caller.shutdown()
            await callee.shutdown()
            throw error
        }
        await caller.shutdown()
        await callee.shutdown()
    }

    private func call(from caller: SIPUserAgent, to calleePort: Int, transport: SIPTransportProtocol, callee: SIPUserAgent) async throws {
        var uri = SIPURI(user: "agent", host: "[::1]", port: UInt16(calleePort))
        if transport == .tcp { uri.transport = "tcp" }
        let ping = try await caller.options(uri)
        #expect(ping.status == .ok)
        let outgoing = try await caller.invite(SIPCallOptions(requestURI: uri, from: NameAddress(uri: SIPURI(user: "1001", host: "kefu")), sdp: UserAgentTests.offer))
        var incomingCalls = callee.incomingCalls.makeAsyncIterator()
        let incoming = try #require(await incomingCalls.next())
        #expect(incoming.peer.transport == transport)
        #expect(try incoming.request.headers.topVia.host == "[::1]")
        try await incoming.answer(sdp: UserAgentTests.answer)
        var events = outgoing.events.makeAsyncIterator()
        guard case .answered? = await events.next() else { Issue.record("no answer over IPv6"); return }
        try await outgoing.hangUp()
        var calleeEvents = incoming.events.makeAsyncIterator()
        guard case .acknowledged? = await calleeEvents.next() else { Issue.record("no ACK"); return }
        guard case .ended(.remoteHangUp)? = await calleeEvents.next() else { Issue.record("no BYE"); return }
    }
}
