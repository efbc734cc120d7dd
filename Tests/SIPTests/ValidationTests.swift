// What the stack checks before acting on a message, and the messages it derives from one:
// responses that echo the right headers (RFC 3261 §8.2.6), CANCEL (§9.1), ACK (§17.1.1.3).

import Testing
import SIP
import SIPTesting

@Suite struct ValidationTests {
    @Test("requests built by the test builders pass validation")
    func buildersValidate() throws {
        for request in [SIPRequest.invite(), .register(), .options(), SIPRequest.cancel(.invite())] {
            try request.validate(.strict)
        }
        let invite = SIPRequest.invite()
        try SIPRequest.bye(for: invite, response: .ok(to: invite)).validate(.strict)
        try SIPRequest.ack(for: invite, response: .ok(to: invite)).validate(.strict)
    }

    @Test("a missing mandatory header is answered 400 naming it", arguments: [
        SIPHeaderName.to, .from, .cseq, .callID, .via,
    ])
    func missingHeader(_ name: SIPHeaderName) throws {
        var request = SIPRequest.invite()
        request.headers.remove(name)
        let error = try #require(throws: SIPValidationError.self) { try request.validate() }
        #expect(error == .missingHeader(name))
        #expect(error.status == .badRequest)
        #expect(error.reasonPhrase == "Missing \(name.canonicalName)")
    }

    @Test("Max-Forwards is optional by default (RFC 2543 peers) and required by the strict policy")
    func maxForwardsPolicy() throws {
        var request = SIPRequest.invite()
        request.headers.remove(.maxForwards)
        try request.validate()
        #expect(throws: SIPValidationError.missingHeader(.maxForwards)) { try request.validate(.strict) }
    }

    @Test("a single-valued header given twice is answered 400", arguments: [SIPHeaderName.from, .to, .callID, .cseq, .maxForwards])
    func duplicates(_ name: SIPHeaderName) throws {
        var request = SIPRequest.invite()
        request.headers.add(name, request.headers[name] ?? "")
        #expect(throws: SIPValidationError.duplicateHeader(name)) { try request.validate() }
    }

    @Test("a malformed Contact, Route or Record-Route is answered 400 naming it")
    func optionalHeadersChecked() throws {
        for name in [SIPHeaderName.contact, .route, .recordRoute] {
            var request = SIPRequest.invite()
            request.headers.set(name, "<sip:broken")
            let error = try #require(throws: SIPValidationError.self) { try request.validate() }
            #expect(error.headerName == name)
            #expect(error.reasonPhrase == "Bad \(name.canonicalName): missing >")
        }
    }

    @Test("a tel Request-URI is accepted; headers in a SIP Request-URI are not")
    func requestURIs() throws {
        var request = SIPRequest.invite()
        request.uri = try AnyURI("tel:+8613800138000")
        try request.validate()
        request.uri = try AnyURI("sip:9999@127.0.0.1?Subject=x")
        #expect(throws: SIPValidationError.requestURIHasHeaders) { try request.validate() }
        request.uri = try AnyURI("im:alice@example.com")
        let error = try #require(throws: SIPValidationError.self) { try request.validate() }
        #expect(error.status == .unsupportedURIScheme)
    }

    @Test("a response missing CSeq or with a bad Via is refused (and dropped by the stack)")
    func responseValidation() throws {
        let invite = SIPRequest.invite()
        try SIPResponse.ok(to: invite).validate()
        var missing = SIPResponse.ok(to: invite)
        missing.headers.remove(.cseq)
        #expect(throws: SIPValidationError.missingHeader(.cseq)) { try missing.validate() }
        var broken = SIPResponse.ok(to: invite)
        broken.headers.set(.via, "SIP/2.0 nowhere")
        let error = try #require(throws: SIPValidationError.self) { try broken.validate() }
        #expect(error.headerName == .via)
    }

    @Test("a response echoes every Via in order, From, To, Call-ID and CSeq, and adds the To tag")
    func responseCopiesHeaders() throws {
        var invite = SIPRequest.invite()
        invite.headers.prepend(.via, "SIP/2.0/UDP proxy.example.com;branch=z9hG4bK-proxy")
        invite.headers.add(.recordRoute, "<sip:proxy.example.com;lr>")
        invite.headers.add(.timestamp, "54")
        let ringing = SIPResponse(to: invite, status: .ringing, toTag: "tt")
        #expect(try ringing.via.map(\.host) == ["proxy.example.com", "127.0.0.1"])
        #expect(try ringing.from == invite.from)
        #expect(try ringing.to.tag == "tt")
        #expect(try ringing.to.uri == invite.to.uri)
        #expect(try ringing.callID == invite.callID)
        #expect(try ringing.cseq == invite.cseq)
        #expect(try ringing.recordRoute.count == 1)
        #expect(!ringing.headers.contains(.timestamp))
        #expect(ringing.body.isEmpty)
        #expect(ringing.reasonPhrase == "Ringing")
        try ringing.validate()
    }

    @Test("100 Trying gets no To tag but echoes Timestamp; failures and non-dialog answers get no Record-Route")
    func responseSpecialCases() throws {
        var invite = SIPRequest.invite()
        invite.headers.add(.recordRoute, "<sip:proxy.example.com;lr>")
        invite.headers.add(.timestamp, "54")
        let trying = SIPResponse(to: invite, status: .trying, toTag: "tt")
        #expect(try trying.to.tag == nil)
        #expect(trying.headers[.timestamp] == "54")
        #expect(!SIPResponse(to: invite, status: .busyHere, toTag: "tt").headers.contains(.recordRoute))
        var options = SIPRequest.options()
        options.headers.add(.recordRoute, "<sip:proxy.example.com;lr>")
        #expect(!SIPResponse(to: options, status: .ok, toTag: "tt").headers.contains(.recordRoute))
    }

    @Test("a To that already has a tag keeps it")
    func existingToTag() throws {
        var bye = SIPRequest.options()
        var to = try bye.to
        to.tag = "dialog-tag"
        bye.headers.set(.to, to)
        #expect(try SIPResponse(to: bye, status: .ok, toTag: "other").to.tag == "dialog-tag")
    }

    @Test("CANCEL copies Request-URI, top Via, From, To, Call-ID and Route, with the INVITE's CSeq number (RFC 3261 §9.1)")
    func cancel() throws {
        var invite = SIPRequest.invite(cseq: 41)
        invite.headers.add(.route, "<sip:edge.example.com;lr>")
        let cancel = invite.makeCancel()
        #expect(cancel.method == .cancel)
        #expect(cancel.uri == invite.uri)
        #expect(try cancel.via == [try invite.topVia])
        #expect(try cancel.from == invite.from)
        #expect(try cancel.to == invite.to)
        #expect(try cancel.callID == invite.callID)
        #expect(try cancel.cseq == CSeq(41, .cancel))
        #expect(try cancel.route == invite.route)
        #expect(try cancel.maxForwards == 70)
        #expect(cancel.body.isEmpty)
        try cancel.validate(.strict)
    }

    @Test("the ACK for a failure takes To from the response and the INVITE's top Via (RFC 3261 §17.1.1.3)")
    func ackForFailure() throws {
        let invite = SIPRequest.invite(cseq: 7)
        let busy = SIPResponse.failure(.busyHere, to: invite, toTag: "busy-tag")
        let ack = invite.makeAck(for: busy)
        #expect(ack.method == .ack)
        #expect(ack.uri == invite.uri)
        #expect(try ack.topVia.branch == invite.topVia.branch)
        #expect(try ack.to.tag == "busy-tag")
        #expect(try ack.cseq == CSeq(7, .ack))
        try ack.validate(.strict)
    }

    @Test("the option tags a UAS lacks are the ones its 420 lists")
    func unsupportedRequirements() throws {
        var request = SIPRequest.invite()
        request.headers.add(.require, "100rel, timer, gruu")
        request.headers.add(.proxyRequire, "sec-agree")
        #expect(try request.unsupportedRequirements(supported: ["timer", "100rel"]) == ["gruu"])
        #expect(try request.unsupportedRequirements(supported: ["timer", "100rel"], includingProxyRequire: true) == ["gruu", "sec-agree"])
    }
}
