// The values the valid RFC 4475 messages must parse to (RFC 4475 §3.1.1, §3.2-§3.4).

import Testing
import SIP

@Suite struct RFC4475ValueTests {
    private func request(_ name: String) throws -> SIPRequest {
        try SIPRequest.parse(try Fixtures.bytes("rfc4475", "\(name).dat"))
    }

    private func response(_ name: String) throws -> SIPResponse {
        try SIPResponse.parse(try Fixtures.bytes("rfc4475", "\(name).dat"))
    }

    @Test("wsinv: folding, escapes in quotes, compact and long names mixed, odd case and leading zeros")
    func wsinv() throws {
        let request = try request("wsinv")
        #expect(request.method == .invite)
        let uri = try #require(request.uri.sipURI)
        #expect(uri.user == "vivekg")
        #expect(uri.host == "chair-dnrc.example.com")
        #expect(uri.parameters.elements == [SIPParameter(name: "unknownparam")])

        let to = try request.to
        #expect(to.displayName == nil)
        #expect(to.uri == .sip(SIPURI(user: "vivekg", host: "chair-dnrc.example.com")))
        #expect(to.tag == "1918181833n")

        let from = try request.from
        #expect(from.displayName == "J Rosenberg \\\"")
        #expect(from.sipURI == SIPURI(user: "jdrosen", host: "example.com"))
        #expect(from.tag == "98asjd8")

        #expect(try request.maxForwards == 68)
        #expect(try request.callID.rawValue == "wsinv.ndaksdj@192.0.2.1")
        #expect(try request.cseq == CSeq(9, .invite))

        let via = try request.via
        #expect(via.count == 3)
        #expect(via.map(\.transport) == ["UDP", "TCP", "UDP"])
        #expect(via.map(\.host) == ["192.0.2.2", "spindle.example.com", "192.168.255.111"])
        #expect(via.map(\.branch) == ["390skdjuw", "z9hG4bK9ikj8", "z9hG4bK30239"])
        #expect(via.map(\.isRFC3261Branch) == [false, true, true])

        #expect(request.subject == "")
        #expect(request.headers["NewFangledHeader"] == "newfangled value continued newfangled value")
        #expect(request.headers["UnknownHeaderWithUnusualValue"] == ";;,,;;,;")
        #expect(try request.contentType == .sdp)

        let route = try request.route
        #expect(route.count == 1)
        #expect(route.first?.sipURI?.parameters.elements == [
            SIPParameter(name: "lr"),
            SIPParameter(name: "unknownwith", value: "value"),
            SIPParameter(name: "unknown-no-value"),
        ])

        let contact = try #require(try request.contact.first)
        #expect(contact.displayName == "Quoted string \"\"")
        #expect(contact.sipURI == SIPURI(user: "jdrosen", host: "example.com"))
        #expect(contact.parameters["newparam"] == "newvalue")
        #expect(contact.parameters.contains("secondparam"))
        #expect(contact.parameters["secondparam"] == nil)
        #expect(contact.q == 0.33)
        #expect(request.body.count == 150)
    }

    @Test("intmeth: every token character in method, URI, branch, tag and header names")
    func intmeth() throws {
        let request = try request("intmeth")
        let method = SIPMethod("!interesting-Method0123456789_*+`.%indeed'~")
        #expect(request.method == method)
        #expect(!request.method.isKnown)
        let uri = try #require(request.uri.sipURI)
        #expect(uri.user == "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*")
        #expect(uri.password == "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)")
        #expect(uri.host == "example.com")
        #expect(try request.topVia.branch == "z9hG4bK-.!%66*_+`'~")

        let to = try request.to
        #expect(to.displayName == "BEL:\u{07} NUL:\u{00} DEL:\u{7F}")
        #expect(to.sipURI?.user == "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*")

        let from = try request.from
        #expect(from.displayName == "token1~` token2'+_ token3*%!.-")
        #expect(from.parameters.unquotedValue(for: "fromParam''~+*_!.-%") == "работающий")
        #expect(from.tag == "_token~1'+`*%!-.")

        #expect(try request.callID.rawValue == "intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{")
        #expect(try request.cseq == CSeq(139_122_385, method))
        #expect(try request.maxForwards == 255)
        #expect(request.headers["extensionHeader-!.%*+_`'~"] == "\u{FEFF}大停電")
    }

    @Test("esc01: escapes in the user part and URI parameters decode; the To URI equals its unescaped form")
    func esc01() throws {
        let request = try request("esc01")
        let uri = try #require(request.uri.sipURI)
        #expect(uri.user == "sips:user@example.com")
        #expect(uri.host == "example.net")
        let to = try #require(try request.to.sipURI)
        #expect(to.user == "user")
        #expect(to.isEquivalent(to: try SIPURI("sip:user@example.com")))
        #expect(try request.from.sipURI?.user == "I have spaces")
        let contact = try #require(try request.contact.first?.sipURI)
        #expect(contact.user == "caller")
        #expect(contact.parameters.elements == [SIPParameter(name: "lr"), SIPParameter(name: "name", value: "value%41")])
        #expect(try request.contentType == .sdp)
        #expect(try request.callID.rawValue == "esc01.239409asdfakjkn23onasd0-3234")
    }

    @Test("escnull: escaped NULs in user parts decode to NUL characters")
    func escnull() throws {
        let request = try request("escnull")
        #expect(try request.to.sipURI?.user == "null-\u{00}-null")
        #expect(try request.contact.map { $0.sipURI?.user } == ["\u{00}", "\u{00}\u{00}"])
        #expect(request.body.isEmpty)
    }

    @Test("esc02: % is no escape in a method, a display name, a branch or a header name")
    func esc02() throws {
        let request = try request("esc02")
        #expect(request.method == SIPMethod("RE%47IST%45R"))
        #expect(request.method != .register)
        #expect(try request.cseq.method == request.method)
        #expect(try request.to.displayName == "%Z%45")
        #expect(try request.topVia.branch == "z9hG4bK209%fzsnel234")
        #expect(try request.contact.map { $0.sipURI?.host } == ["host1.example.com", "host3.example.com"])
        #expect(request.headers["C%6Fntact"] == "<sip:alias2@host2.example.com>")
    }

    @Test("lwsdisp: a display name without white space before < is accepted")
    func lwsdisp() throws {
        let from = try request("lwsdisp").from
        #expect(from.displayName == "caller")
        #expect(from.tag == "323")
    }

    @Test("longreq: long values and 34 Via values in many spellings")
    func longreq() throws {
        let request = try request("longreq")
        let to = try request.to
        #expect(to.displayName == "I have a user name of " + String(repeating: "extreme", count: 10) + " proportion")
        #expect(to.sipURI?.port == 6000)
        #expect(to.sipURI?.parameters.count == 3)
        let via = try request.via
        #expect(via.count == 34)
        #expect(via.first?.host == "sip33.example.com")
        #expect(via.last?.received == "192.0.2.5")
        #expect(try request.from.tag?.count == 155)
        #expect(request.body.count == 150)
    }

    @Test("dblreq: the REGISTER ends where its Content-Length says; the INVITE after it is ignored")
    func dblreq() throws {
        let request = try request("dblreq")
        #expect(request.method == .register)
        #expect(request.body.isEmpty)
        #expect(try request.callID.rawValue == "dblreq.0ha0isndaksdj99sdfafnl3lk233412")
    }

    @Test("semiuri: a semicolon inside the user part stays in the user part")
    func semiuri() throws {
        let request = try request("semiuri")
        let uri = try #require(request.uri.sipURI)
        #expect(uri.user == "user;par=u@example.net")
        #expect(uri.host == "example.com")
        #expect(uri.parameters.isEmpty)
        #expect(try request.accept.map(\.description) == [
            "application/sdp", "application/pkcs7-mime", "multipart/mixed",
            "multipart/signed", "message/sip", "message/sipfrag",
        ])
    }

    @Test("transports: unknown transports in Via are kept")
    func transports() throws {
        let via = try request("transports").via
        #expect(via.map(\.transport) == ["UDP", "SCTP", "TLS", "UNKNOWN", "TCP"])
    }

    @Test("mpart01: a binary multipart body is kept byte for byte")
    func mpart01() throws {
        let request = try request("mpart01")
        #expect(request.method == .message)
        #expect(try request.contentType?.parameters["boundary"] == "7a9cbec02ceef655")
        #expect(request.body.count == 553)
        #expect(try request.topVia.hasRPort)
        #expect(try request.topVia.rport == nil)
        #expect(try request.route.first?.sipURI?.port == 5080)
    }

    @Test("unreason and noreason: any UTF-8 reason phrase, or none at all")
    func reasonPhrases() throws {
        let unusual = try response("unreason")
        #expect(unusual.status == .ok)
        #expect(unusual.reasonPhrase == "= 2**3 * 5**2 но сто девяносто девять - простое")
        let none = try response("noreason")
        #expect(none.status == .trying)
        #expect(none.reasonPhrase == "")
    }

    @Test("badbranch: a branch that is only the magic cookie is no RFC 3261 transaction id")
    func badbranch() throws {
        let via = try request("badbranch").topVia
        #expect(via.branch == "z9hG4bK")
        #expect(!via.isRFC3261Branch)
    }

    @Test("unksm2: To, From and Contact with other schemes parse as absolute URIs")
    func unksm2() throws {
        let request = try request("unksm2")
        #expect(try request.to.uri == .absolute(AbsoluteURI(scheme: "isbn", text: "2983792873")))
        #expect(try request.from.uri.scheme == "http")
        #expect(try request.contact.first?.uri.scheme == "name")
    }

    @Test("bext01: the Require tags nobody supports are the ones a 420 lists")
    func bext01() throws {
        let request = try request("bext01")
        #expect(try request.unsupportedRequirements(supported: ["timer", "100rel"]) == ["nothingSupportsThis", "nothingSupportsThisEither"])
        #expect(try request.proxyRequire == ["noProxiesSupportThis", "norDoAnyProxiesSupportThis"])
    }

    @Test("invut, regaut01, sdp01, zeromf: the facts a higher layer answers on are readable")
    func semanticFacts() throws {
        #expect(try request("invut").contentType == SIPMediaType(type: "application", subtype: "unknownformat"))
        #expect(try request("regaut01").headers[.authorization] == "NoOneKnowsThisScheme opaque-data=here")
        #expect(try !request("sdp01").accept.contains { $0.matches(.sdp) })
        #expect(try request("zeromf").maxForwards == 0)
    }

    @Test("bcast: the second Via of the response names the broadcast address")
    func bcast() throws {
        let via = try response("bcast").via
        #expect(via.map(\.host) == ["192.0.2.198", "255.255.255.255"])
    }

    @Test("cparam01 and cparam02: a bare Contact's parameter is a header parameter, a bracketed one a URI parameter")
    func contactParameters() throws {
        let bare = try #require(try request("cparam01").contact.first)
        #expect(bare.parameters.contains("unknownparam"))
        #expect(bare.sipURI?.parameters.isEmpty == true)
        let bracketed = try #require(try request("cparam02").contact.first)
        #expect(bracketed.parameters.isEmpty)
        #expect(bracketed.sipURI?.parameters.contains("unknownparam") == true)
    }

    @Test("regescrt: an escaped header in a Contact URI decodes and escapes again")
    func regescrt() throws {
        let contact = try #require(try request("regescrt").contact.first)
        #expect(contact.sipURI?.headers.elements == [SIPParameter(name: "Route", value: "<sip:sip.example.com>")])
        #expect(contact.description == "<sip:user@example.com?Route=%3Csip:sip.example.com%3E>")
    }

    @Test("scalar02: the out-of-range Expires values are reported, not wrapped")
    func scalar02() throws {
        let request = try request("scalar02")
        #expect(throws: SIPParseError.self) { try request.expires }
        #expect(throws: SIPParseError.self) { try request.maxForwards }
        #expect(try request.contact.first?.expires == nil)
    }

    @Test("inv2543: no branch, no From tag, no Max-Forwards, and the body is the rest of the datagram")
    func inv2543() throws {
        let request = try request("inv2543")
        #expect(try request.topVia.branch == nil)
        #expect(try request.from.tag == nil)
        #expect(try request.maxForwards == nil)
        #expect(!request.headers.contains(.contentLength))
        #expect(request.bodyText.hasPrefix("v=0\r\n"))
        #expect(request.bodyText.hasSuffix("m=audio 49217 RTP/AVP 0\r\n"))
        #expect(throws: SIPValidationError.missingHeader(.maxForwards)) { try request.validate(.strict) }
    }
}
