// Messages captured from real peers (baresip, SIPp) and a carrier-style INVITE, checked the
// pjsip msg_test.c way: parse -> compare with an expected value built by hand -> serialize ->
// parse again -> equal. Typed values are then read the way the call path will read them.

import Testing
import SIP

@Suite struct CaptureTests {
    private func capture(_ name: String) throws -> SIPRequest {
        try SIPRequest.parse(try Fixtures.bytes("captures", name))
    }

    /// The checks every capture gets: equal to `expected`, and stable through a round trip.
    private func checkRoundTrip(_ parsed: SIPRequest, _ expected: SIPRequest) throws {
        #expect(parsed == expected)
        let reparsed = try SIPRequest.parse(parsed.serializedBytes)
        #expect(reparsed == parsed)
        #expect(reparsed.serializedBytes == parsed.serializedBytes)
        try parsed.validate(.strict)
    }

    @Test("baresip 1.0 REGISTER")
    func baresipRegister() throws {
        let parsed = try capture("baresip-register.dat")
        var via = Via(transport: "UDP", host: "127.0.0.1", port: 5096, branch: "z9hG4bKb4d8c2e15cb5bee0")
        via.requestRPort()
        var contact = NameAddress(uri: SIPURI(user: "1001-0x564e4a66eb70", host: "127.0.0.1", port: 5096))
        contact.expires = 600
        let aor = SIPURI(user: "1001", host: "127.0.0.1", port: 5099)
        var headers = SIPHeaders()
        headers.add(.via, via)
        headers.add(.contact, contact)
        headers.add(.maxForwards, 70)
        headers.add(.to, NameAddress(uri: aor))
        headers.add(.from, NameAddress(uri: aor, parameters: [SIPParameter(name: "tag", value: "a7dbd8cd7979a4fa")]))
        headers.add(.callID, SIPCallID(rawValue: "bcc1d07c54e75d36"))
        headers.add(.cseq, CSeq(46326, .register))
        headers.add(.userAgent, "baresip v1.0.0 (x86_64/linux)")
        headers.add(.allow, "INVITE,ACK,BYE,CANCEL,OPTIONS,NOTIFY,SUBSCRIBE,INFO,MESSAGE,REFER")
        headers.add(.contentLength, 0)
        let expected = SIPRequest(method: .register, uri: SIPURI(host: "127.0.0.1", port: 5099), headers: headers)
        try checkRoundTrip(parsed, expected)

        #expect(try parsed.contact.first?.expires == 600)
        #expect(try parsed.allow.count == 10)
        #expect(try parsed.topVia.hasRPort)
        #expect(try parsed.expires == nil)
    }

    @Test("baresip 1.0 INVITE with an empty Supported and its SDP offer")
    func baresipInvite() throws {
        let parsed = try capture("baresip-invite.dat")
        var via = Via(transport: "UDP", host: "127.0.0.1", port: 5096, branch: "z9hG4bKe3bad439b114a66c")
        via.requestRPort()
        var headers = SIPHeaders()
        headers.add(.via, via)
        headers.add(.contact, NameAddress(uri: SIPURI(user: "1001-0x564e4a66eb70", host: "127.0.0.1", port: 5096)))
        headers.add(.maxForwards, 70)
        headers.add(.to, NameAddress(uri: SIPURI(user: "9999", host: "127.0.0.1", port: 5099)))
        headers.add(.from, NameAddress(uri: SIPURI(user: "1001", host: "127.0.0.1", port: 5099), parameters: [SIPParameter(name: "tag", value: "c3a491ae0bbbffd9")]))
        headers.add(.callID, SIPCallID(rawValue: "da6473611da44bf0"))
        headers.add(.cseq, CSeq(53734, .invite))
        headers.add(.userAgent, "baresip v1.0.0 (x86_64/linux)")
        headers.add(.allow, "INVITE,ACK,BYE,CANCEL,OPTIONS,NOTIFY,SUBSCRIBE,INFO,MESSAGE,REFER")
        headers.add(.supported, "")
        headers.add(.contentType, SIPMediaType.sdp)
        headers.add(.contentLength, 342)
        let body = Array(try Fixtures.bytes("captures", "baresip-invite.dat").suffix(342))
        let expected = SIPRequest(method: .invite, uri: SIPURI(user: "9999", host: "127.0.0.1", port: 5099), headers: headers, body: body)
        try checkRoundTrip(parsed, expected)

        #expect(try parsed.supported.isEmpty)
        #expect(parsed.bodyText.hasPrefix("v=0\r\n"))
        #expect(parsed.bodyText.contains("a=rtpmap:101 telephone-event/8000\r\n"))
        #expect(parsed.uri.user == "9999")
    }

    @Test("SIPp 3.6 uac INVITE with a token display name and padded Content-Length")
    func sippInvite() throws {
        let parsed = try capture("sipp-uac-invite.dat")
        var headers = SIPHeaders()
        headers.add(.via, Via(transport: "UDP", host: "127.0.0.1", port: 5098, branch: "z9hG4bK-27893-1-0"))
        headers.add(.from, "sipp <sip:sipp@127.0.0.1:5098>;tag=27893SIPpTag001")
        headers.add(.to, "service <sip:service@127.0.0.1:5099>")
        headers.add(.callID, SIPCallID(rawValue: "1-27893@127.0.0.1"))
        headers.add(.cseq, CSeq(1, .invite))
        headers.add(.contact, "sip:sipp@127.0.0.1:5098")
        headers.add(.maxForwards, 70)
        headers.add(.subject, "Performance Test")
        headers.add(.contentType, SIPMediaType.sdp)
        headers.add(.contentLength, 129)
        let body = Array(try Fixtures.bytes("captures", "sipp-uac-invite.dat").suffix(129))
        let expected = SIPRequest(method: .invite, uri: SIPURI(user: "service", host: "127.0.0.1", port: 5099), headers: headers, body: body)
        try checkRoundTrip(parsed, expected)

        let from = try parsed.from
        #expect(from == NameAddress(displayName: "sipp", uri: SIPURI(user: "sipp", host: "127.0.0.1", port: 5098), parameters: [SIPParameter(name: "tag", value: "27893SIPpTag001")]))
        #expect(try parsed.to.displayName == "service")
        #expect(try parsed.contact == [NameAddress(uri: SIPURI(user: "sipp", host: "127.0.0.1", port: 5098))])
        #expect(parsed.body.count == 129)
    }

    @Test("carrier INVITE with P-Asserted-Identity, Privacy, Diversion, History-Info and session timers")
    func carrierInvite() throws {
        let parsed = try capture("carrier-invite-composed.dat")
        let bytes = try Fixtures.bytes("captures", "carrier-invite-composed.dat")
        let bodyLength = Int(try #require(parsed.headers[.contentLength]))!
        var requestURI = SIPURI(user: "02150001234", host: "203.0.113.10", port: 5060)
        requestURI.userParameter = "phone"
        var headers = SIPHeaders()
        headers.add(.via, Via(transport: "UDP", host: "198.51.100.20", port: 5060, branch: "z9hG4bK0a1b2c3d4e5f.1"))
        headers.add(.recordRoute, NameAddress(uri: SIPURI(host: "198.51.100.20", parameters: [SIPParameter(name: "lr")])))
        headers.add(.callID, SIPCallID(rawValue: "4a5b6c7d-1f2e-3d4c-8b9a-0123456789ab@198.51.100.20"))
        headers.add(.from, NameAddress(
            displayName: "13800138000",
            uri: SIPURI(user: "13800138000", host: "198.51.100.20", parameters: [SIPParameter(name: "user", value: "phone")]),
            parameters: [SIPParameter(name: "tag", value: "sbc-8842")]))
        headers.add(.to, NameAddress(uri: SIPURI(user: "02150001234", host: "203.0.113.10", parameters: [SIPParameter(name: "user", value: "phone")])))
        headers.add(.cseq, CSeq(101, .invite))
        headers.add(.maxForwards, 68)
        headers.add(.contact, NameAddress(uri: SIPURI(user: "13800138000", host: "198.51.100.20", port: 5060, parameters: [SIPParameter(name: "transport", value: "udp")])))
        headers.add(.pAssertedIdentity, "<tel:+8613800138000>, <sip:+8613800138000@ims.example.cn;user=phone>")
        headers.add(.privacy, "id;critical")
        headers.add(.diversion, "<sip:4008001234@198.51.100.20;user=phone>;reason=unconditional;counter=1;privacy=off")
        headers.add(.historyInfo, "<sip:4008001234@ims.example.cn?Reason=SIP%3Bcause%3D302>;index=1, <sip:02150001234@ims.example.cn;cause=302>;index=1.1")
        headers.add(.allow, "INVITE, ACK, CANCEL, BYE, PRACK, UPDATE, OPTIONS, INFO")
        headers.add(.supported, "100rel, timer")
        headers.add(.sessionExpires, SessionExpires(seconds: 1800, refresher: .uac))
        headers.add(.minSE, 90)
        headers.add(.contentType, SIPMediaType.sdp)
        headers.add(.contentLength, bodyLength)
        let expected = SIPRequest(method: .invite, uri: .sip(requestURI), headers: headers, body: Array(bytes.suffix(bodyLength)))
        try checkRoundTrip(parsed, expected)

        // What the call path reads: the trusted caller identity, privacy and the forwarding chain.
        let identities = try parsed.pAssertedIdentity
        #expect(identities.first?.uri == .tel(TelURI(number: "+8613800138000")))
        #expect(identities.last?.sipURI?.user == "+8613800138000")
        #expect(try parsed.privacy == ["id", "critical"])
        let diversion = try #require(try parsed.diversion.first)
        #expect(diversion.uri.user == "4008001234")
        #expect(diversion.parameters["reason"] == "unconditional")
        #expect(diversion.parameters["counter"] == "1")
        #expect(try parsed.historyInfo.map { $0.parameters["index"] } == ["1", "1.1"])
        #expect(try parsed.historyInfo.first?.sipURI?.headers["Reason"] == "SIP;cause=302")
        #expect(try parsed.sessionExpires == SessionExpires(seconds: 1800, refresher: .uac))
        #expect(try parsed.minSE == 90)
        #expect(try parsed.supported == ["100rel", "timer"])
        #expect(try parsed.allow.contains(.prack))
        #expect(try parsed.recordRoute.first?.sipURI?.isLooseRouter == true)
        #expect(try parsed.from.displayName == "13800138000")
    }
}
