// Typed header values: each parses its grammar, writes itself back, and names itself in errors.
//
// Test plan: Via (RFC 3261 §20.42, RFC 3581), name-addr and addr-spec values (§20.10, §20.20,
// §20.39 and RFC 3325/3515/3892/5806/7044), scalar headers (CSeq, Max-Forwards, Expires),
// option-tag lists, media types, Replaces (RFC 3891), session timers (RFC 4028), Retry-After,
// Reason (RFC 3326), Privacy (RFC 3323), RSeq/RAck (RFC 3262). Not covered: digest headers
// (parsed by the digest code), Date, Warning (kept as text).

import Testing
import SIP

@Suite struct HeaderValueTests {
    /// A request whose header section is `headers` (each a full `Name: value` line).
    private func request(_ headers: String...) throws -> SIPRequest {
        let text = "OPTIONS sip:a@example.com SIP/2.0\r\n" + headers.map { $0 + "\r\n" }.joined() + "Content-Length: 0\r\n\r\n"
        return try SIPRequest.parse(Array(text.utf8))
    }

    // MARK: Via

    @Test("Via with IPv6 sent-by, rport with and without value, received, maddr, ttl and an extension")
    func viaParameters() throws {
        let via = try request("Via: SIP/2.0/tcp [2001:db8::9]:5062;branch=z9hG4bK-x;rport=40123;received=2001:db8::1;maddr=239.1.1.1;ttl=16;keep").topVia
        #expect(via.transport == "TCP")
        #expect(via.host == "[2001:db8::9]")
        #expect(via.unbracketedHost == "2001:db8::9")
        #expect(via.port == 5062)
        #expect(via.branch == "z9hG4bK-x")
        #expect(via.hasRPort)
        #expect(via.rport == 40123)
        #expect(via.received == "2001:db8::1")
        #expect(via.maddr == "239.1.1.1")
        #expect(via.ttl == 16)
        #expect(via.parameters.contains("keep"))
        #expect(via.description == "SIP/2.0/TCP [2001:db8::9]:5062;branch=z9hG4bK-x;rport=40123;received=2001:db8::1;maddr=239.1.1.1;ttl=16;keep")
    }

    @Test("a server fills rport and received into a Via that asked for them (RFC 3581 §4)")
    func viaRPort() throws {
        var via = Via(transport: "udp", host: "10.0.0.5", port: 5060, branch: "z9hG4bK-1")
        via.requestRPort()
        #expect(via.description == "SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK-1;rport")
        #expect(via.hasRPort)
        #expect(via.rport == nil)
        via.received = "198.51.100.7"
        via.rport = 61000
        #expect(via.description == "SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK-1;rport=61000;received=198.51.100.7")
        #expect(try Via(via.description) == via)
        #expect(via.sentBy == "10.0.0.5:5060")
        #expect(Via(transport: "tls", host: "h").portOrDefault == 5061)
        #expect(Via(transport: "UDP", host: "h").portOrDefault == 5060)
    }

    @Test("malformed Via values name Via", arguments: [
        "SIP/2.0 host.example.com",
        "SIP/2.0/UDP",
        "SIP/2.0/UDP host:99999",
        "SIP/2.0/UDP host;;branch=z9hG4bK1",
        "SIP/2.0/UDP host, ",
        "SIP/2.0/UDP [2001:db8::1",
    ])
    func badVia(_ value: String) throws {
        let request = try request("Via: \(value)")
        let error = try #require(throws: SIPParseError.self) { try request.via }
        #expect(error.headerName == .via)
        #expect(error.reasonPhrase.hasPrefix("Bad Via: "))
    }

    @Test("a branch that only carries the magic cookie, or none, is not an RFC 3261 transaction id")
    func rfc3261Branch() {
        #expect(Via(transport: "UDP", host: "h", branch: "z9hG4bKabc").isRFC3261Branch)
        #expect(!Via(transport: "UDP", host: "h", branch: "z9hG4bK").isRFC3261Branch)
        #expect(!Via(transport: "UDP", host: "h", branch: "abc").isRFC3261Branch)
        #expect(!Via(transport: "UDP", host: "h").isRFC3261Branch)
    }

    // MARK: name-addr

    @Test("display names: quoted with escapes, tokens, none; all written back quoted and parsed back equal", arguments: [
        ("\"A \\\"quoted\\\" \\\\ name\" <sip:a@example.com>;tag=1", "A \"quoted\" \\ name"),
        ("Agent  One <sip:1001@example.com>", "Agent One"),
        ("<sip:1001@example.com>", nil),
        ("sip:1001@example.com;tag=9", nil),
        ("\"\" <sip:1001@example.com>", ""),
        ("\"坐席 1001\" <sip:1001@example.com>", "坐席 1001"),
    ] as [(String, String?)])
    func displayNames(_ value: String, _ expected: String?) throws {
        let address = try NameAddress(value)
        #expect(address.displayName == expected)
        #expect(try NameAddress(address.description) == address)
    }

    @Test("in addr-spec form parameters belong to the header; in name-addr form after > they do too")
    func parameterOwnership() throws {
        let bare = try NameAddress("sip:alice@example.com;transport=tcp;tag=9")
        #expect(bare.sipURI?.parameters.isEmpty == true)
        #expect(bare.tag == "9")
        #expect(bare.parameters["transport"] == "tcp")
        let bracketed = try NameAddress("<sip:alice@example.com;transport=tcp>;tag=9")
        #expect(bracketed.sipURI?.transport == "tcp")
        #expect(bracketed.parameters.elements == [SIPParameter(name: "tag", value: "9")])
        #expect(bracketed.description == "<sip:alice@example.com;transport=tcp>;tag=9")
    }

    @Test("Contact expires and q, several contacts, and the * wildcard")
    func contacts() throws {
        let request = try request(
            "Contact: <sip:a@10.0.0.1:5060>;expires=60;q=0.5, \"B\" <sip:b@10.0.0.2>;q=1",
            "m: <sip:c@10.0.0.3;transport=tcp>;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>\""
        )
        let contacts = try request.contact
        #expect(contacts.count == 3)
        #expect(contacts[0].expires == 60)
        #expect(contacts[0].q == 0.5)
        #expect(contacts[1].q == 1)
        #expect(contacts[2].parameters.unquotedValue(for: "+sip.instance") == "<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>")
        #expect(!request.isWildcardContact)

        let wildcard = try self.request("Contact: *", "Expires: 0")
        #expect(wildcard.isWildcardContact)
        #expect(try wildcard.contact.isEmpty)
        #expect(try wildcard.expires == 0)
    }

    @Test("q values are written in the grammar's short decimal form")
    func qValues() {
        var address = NameAddress(uri: SIPURI(host: "h"))
        address.q = 0.7
        #expect(address.parameters["q"] == "0.7")
        address.q = 1
        #expect(address.parameters["q"] == "1")
        address.q = 0.125
        #expect(address.parameters["q"] == "0.125")
        address.q = 0
        #expect(address.parameters["q"] == "0.0")
    }

    @Test("malformed addresses name their header", arguments: [
        ("From", "\"Unterminated <sip:a@example.com>;tag=1", "Bad From: unterminated quoted string"),
        ("To", "<sip:a@example.com", "Bad To: missing >"),
        ("To", "< sip:a@example.com>", "Bad To: white space inside <>"),
        ("Contact", "sip:a@example.com?Subject=x", "Bad Contact: URI with headers must be enclosed in <>"),
        ("Contact", "<sip:a@example.com>;;", "Bad Contact: empty parameter"),
        ("Contact", "<sip:a@example.com>,,<sip:b@example.com>", "Bad Contact: empty value"),
        ("Route", "<sip:p.example.com;lr> junk", "Bad Route: unexpected text after value"),
        ("From", "Bob, Smith <sip:b@example.com>", "Bad From: display name needs quotes, or URI lacks a scheme"),
    ])
    func badAddresses(_ header: String, _ value: String, _ reason: String) throws {
        let request = try request("\(header): \(value)")
        let error = try #require(throws: SIPParseError.self) {
            switch header {
            case "From": _ = try request.from
            case "To": _ = try request.to
            case "Contact": _ = try request.contact
            default: _ = try request.route
            }
        }
        #expect(error.headerName == SIPHeaderName(header))
        #expect(error.reasonPhrase == reason)
    }

    @Test("carrier identity headers: P-Asserted-Identity with tel and sip URIs, Privacy, Diversion, History-Info")
    func identityHeaders() throws {
        let request = try request(
            "P-Asserted-Identity: \"Caller\" <tel:+8613800138000>, <sip:+8613800138000@ims.example.cn;user=phone>",
            "Privacy: id ; header;user",
            "Diversion: <sip:4008001234@example.cn>;reason=no-answer;counter=2",
            "History-Info: <sip:a@example.cn>;index=1, <sip:b@example.cn?Reason=SIP%3Bcause%3D480>;index=1.1"
        )
        let identities = try request.pAssertedIdentity
        #expect(identities.map(\.uri.scheme) == ["tel", "sip"])
        #expect(identities[0].uri.telURI?.number == "+8613800138000")
        #expect(identities[0].uri.user == "+8613800138000")
        #expect(identities[1].sipURI?.userParameter == "phone")
        #expect(try request.privacy == ["id", "header", "user"])
        let diversion = try #require(try request.diversion.first)
        #expect(diversion.parameters["reason"] == "no-answer")
        #expect(diversion.parameters["counter"] == "2")
        let history = try request.historyInfo
        #expect(history.map { $0.parameters["index"] } == ["1", "1.1"])
        #expect(history[1].sipURI?.headers["Reason"] == "SIP;cause=480")
    }

    @Test("Call-Info and Alert-Info for auto-answer")
    func autoAnswerHeaders() throws {
        let request = try request(
            "Call-Info: <sip:127.0.0.1>;answer-after=0",
            "Alert-Info: <http://127.0.0.1/>;info=alert-autoanswer;delay=0"
        )
        #expect(try request.callInfo.first?.parameters["answer-after"] == "0")
        #expect(try request.alertInfo.first?.uri == .absolute(AbsoluteURI(scheme: "http", text: "//127.0.0.1/")))
        #expect(try request.alertInfo.first?.parameters["info"] == "alert-autoanswer")
    }

    @Test("Refer-To with an embedded Replaces, and Referred-By")
    func referTo() throws {
        let request = try request(
            "Refer-To: <sip:bob@example.com?Replaces=abc%40host%3Bto-tag%3D7743%3Bfrom-tag%3D6472>",
            "Referred-By: <sip:alice@example.com>"
        )
        let target = try #require(try request.referTo?.sipURI)
        let replaces = try Replaces(try #require(target.headers["Replaces"]))
        #expect(replaces.callID.rawValue == "abc@host")
        #expect(replaces.toTag == "7743")
        #expect(replaces.fromTag == "6472")
        #expect(!replaces.isEarlyOnly)
        #expect(try request.referredBy?.sipURI?.user == "alice")
    }

    @Test("Replaces header with early-only, and one missing a tag")
    func replaces() throws {
        let value = try #require(try request("Replaces: 98732@sip.example.com;from-tag=r33th4x0r;to-tag=ff87ff;early-only").replaces)
        #expect(value.fromTag == "r33th4x0r")
        #expect(value.toTag == "ff87ff")
        #expect(value.isEarlyOnly)
        #expect(Replaces(callID: SIPCallID(rawValue: "a@b"), toTag: "1", fromTag: "2", earlyOnly: true).description == "a@b;to-tag=1;from-tag=2;early-only")
        let error = try #require(throws: SIPParseError.self) { try self.request("Replaces: 98732@host;to-tag=1").replaces }
        #expect(error.reasonPhrase == "Bad Replaces: missing to-tag or from-tag")
    }

    // MARK: scalars and lists

    @Test("CSeq, Max-Forwards, Expires and Min-Expires read their numbers and refuse the out-of-range")
    func scalars() throws {
        let request = try request("CSeq: 4294967295 INVITE", "Max-Forwards: 0", "Expires: 4294967295", "Min-Expires: 60")
        #expect(try request.cseq == CSeq(4_294_967_295, .invite))
        #expect(try request.maxForwards == 0)
        #expect(try request.expires == 4_294_967_295)
        #expect(try request.minExpires == 60)
        #expect(try self.reason(of: "CSeq: 4294967296 INVITE") { try $0.cseq } == "Bad CSeq: sequence number out of range")
        #expect(try self.reason(of: "CSeq: 1") { try $0.cseq } == "Bad CSeq: missing method")
        #expect(try self.reason(of: "CSeq: 1INVITE") { try $0.cseq } == "Bad CSeq: missing method")
        #expect(try self.reason(of: "Max-Forwards: 256") { try $0.maxForwards } == "Bad Max-Forwards: not a number from 0 to 255")
        #expect(try self.reason(of: "Max-Forwards: -1") { try $0.maxForwards } == "Bad Max-Forwards: not a number from 0 to 255")
        #expect(try self.reason(of: "Expires: soon") { try $0.expires } == "Bad Expires: not a number from 0 to 4294967295")
    }

    /// The reason phrase of the error `accessor` throws on a request with `header`.
    private func reason<T>(of header: String, _ accessor: (SIPRequest) throws -> T) throws -> String {
        let request = try request(header)
        let error = try #require(throws: SIPParseError.self) { _ = try accessor(request) }
        return error.reasonPhrase
    }

    @Test("option-tag and method lists, empty lists, and several lines")
    func lists() throws {
        let request = try request("Allow: INVITE,ACK , BYE", "Supported:", "Require: 100rel", "Require: timer", "Unsupported: foo")
        #expect(try request.allow == [.invite, .ack, .bye])
        #expect(try request.supported == [])
        #expect(try request.require == ["100rel", "timer"])
        #expect(try request.unsupported == ["foo"])
        #expect(try request.proxyRequire == [])
        let error = try #require(throws: SIPParseError.self) { try self.request("Supported: timer,,100rel").supported }
        #expect(error.reasonPhrase == "Bad Supported: empty value")
    }

    @Test("Content-Type with parameters and Accept with ranges")
    func mediaTypes() throws {
        let request = try request("Content-Type: multipart/mixed; boundary=\"b1\"", "Accept: application/sdp;level=1, */*")
        let type = try #require(try request.contentType)
        #expect(type.type == "multipart")
        #expect(type.parameters.unquotedValue(for: "boundary") == "b1")
        #expect(try request.accept.count == 2)
        #expect(try request.accept[1].matches(.sdp))
        #expect(SIPMediaType(type: "Application", subtype: "SDP").matches(.sdp))
        #expect(!SIPMediaType.textPlain.matches(.sdp))
        #expect(throws: SIPParseError.self) { try self.request("Content-Type: text").contentType }
        let lenient = try self.request("Content-Type: multipart/mixed;boundary=----=_Part_7_1").contentType
        #expect(lenient?.parameters["boundary"] == "----=_Part_7_1")
    }

    @Test("Session-Expires with refresher and Min-SE (RFC 4028)")
    func sessionTimers() throws {
        let request = try request("x: 1800;refresher=UAS", "Min-SE: 90")
        let expires = try #require(try request.sessionExpires)
        #expect(expires.seconds == 1800)
        #expect(expires.refresher == .uas)
        #expect(try request.minSE == 90)
        #expect(SessionExpires(seconds: 90, refresher: .uac).serializedString == "90;refresher=uac")
    }

    @Test("Retry-After with comment and duration, as admission control sends it")
    func retryAfter() throws {
        let value = try #require(try request("Retry-After: 18000 (in a meeting (really));duration=3600").retryAfter)
        #expect(value.seconds == 18000)
        #expect(value.comment == "in a meeting (really)")
        #expect(value.duration == 3600)
        #expect(RetryAfter(seconds: 5, comment: "overloaded").serializedString == "5 (overloaded)")
        #expect(try RetryAfter("5 (overloaded)") == RetryAfter(seconds: 5, comment: "overloaded"))
    }

    @Test("Reason values for Q.850 and SIP causes")
    func reason() throws {
        let reasons = try request("Reason: Q.850;cause=16;text=\"Normal call clearing\", SIP ;cause=600").reason
        #expect(reasons.count == 2)
        #expect(reasons[0].protocolName == "Q.850")
        #expect(reasons[0].cause == 16)
        #expect(reasons[0].text == "Normal call clearing")
        #expect(reasons[1].cause == 600)
        #expect(SIPReason(protocolName: "SIP", cause: 200, text: "Call completed elsewhere").serializedString == "SIP;cause=200;text=\"Call completed elsewhere\"")
    }

    @Test("RSeq and RAck for reliable provisional responses (RFC 3262)")
    func prack() throws {
        let request = try request("RSeq: 988789", "RAck: 776656 1 INVITE")
        #expect(try request.rseq == 988_789)
        #expect(try request.rack == RAck(responseNumber: 776_656, cseqNumber: 1, method: .invite))
        #expect(RAck(responseNumber: 1, cseqNumber: 2, method: .invite).serializedString == "1 2 INVITE")
    }

    @Test("Call-ID accepts word characters with one @ and refuses white space")
    func callID() throws {
        #expect(try SIPCallID("f81d4fae-7dec-11d0-a765-00a0c91e6bf6@foo.bar.com").rawValue == "f81d4fae-7dec-11d0-a765-00a0c91e6bf6@foo.bar.com")
        #expect(throws: SIPParseError.self) { try SIPCallID("a b") }
        #expect(throws: SIPParseError.self) { try SIPCallID("a@b@c") }
        #expect(throws: SIPParseError.self) { try SIPCallID("") }
    }

    @Test("an absent mandatory header throws missingHeader naming it; an absent optional one is nil")
    func absentHeaders() throws {
        let request = try request("Via: SIP/2.0/UDP h;branch=z9hG4bK1")
        let error = try #require(throws: SIPParseError.self) { try request.callID }
        #expect(error.kind == .missingHeader)
        #expect(error.reasonPhrase == "Missing Call-ID")
        #expect(try request.maxForwards == nil)
        #expect(try request.contentType == nil)
        #expect(try request.route.isEmpty)
    }
}
