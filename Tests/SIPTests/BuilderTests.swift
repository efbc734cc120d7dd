// The SIPTesting builders produce the messages later test targets rely on.

import Testing
import SIP
import SIPTesting

@Suite struct BuilderTests {
    @Test("an INVITE from Alice to Kefu carries the mandatory headers, a Contact and the SDP offer")
    func invite() throws {
        let invite = SIPRequest.invite()
        #expect(invite.method == .invite)
        #expect(invite.uri.sipURI == SIPURI(user: "9999", host: "127.0.0.1"))
        #expect(try invite.topVia.branch == "z9hG4bK-invite-1")
        #expect(try invite.topVia.hasRPort)
        #expect(try invite.from.tag == "from-1")
        #expect(try invite.to.tag == nil)
        #expect(try invite.cseq == CSeq(1, .invite))
        #expect(try invite.maxForwards == 70)
        #expect(try invite.contact.first?.sipURI?.port == 5070)
        #expect(try invite.contentType == .sdp)
        #expect(invite.body == SIPTestSDP.offer)
        #expect(invite.headers.map(\.name) == [.via, .maxForwards, .from, .to, .callID, .cseq, .contact, .contentType, .contentLength])
    }

    @Test("a REGISTER names the registrar in the Request-URI and the binding in Contact and Expires")
    func register() throws {
        let register = SIPRequest.register(.bob, expires: 0)
        #expect(register.uri.sipURI == SIPURI(host: "127.0.0.1", port: 5060))
        #expect(try register.from.uri == register.to.uri)
        #expect(try register.expires == 0)
        #expect(try register.contact.first?.sipURI?.user == "bob")
    }

    @Test("responses to a request: 100 without tag, 180 and 200 with tag and Contact, 200 to INVITE with SDP")
    func responses() throws {
        let invite = SIPRequest.invite()
        #expect(try SIPResponse.trying(to: invite).to.tag == nil)
        let ringing = SIPResponse.ringing(to: invite, toTag: "r1")
        #expect(try ringing.to.tag == "r1")
        #expect(try ringing.contact.count == 1)
        let ok = SIPResponse.ok(to: invite)
        #expect(ok.status == .ok)
        #expect(try ok.contentType == .sdp)
        #expect(ok.body == SIPTestSDP.answer)
        #expect(try SIPResponse.ok(to: .options()).contact.count == 1)
        let busy = SIPResponse.failure(.busyHere, to: invite, reasonPhrase: "Agent busy")
        #expect(busy.reasonPhrase == "Agent busy")
        #expect(try busy.cseq == invite.cseq)
    }

    @Test("ACK and BYE after a 200 go to the callee's Contact inside the dialog")
    func inDialog() throws {
        let invite = SIPRequest.invite()
        let ok = SIPResponse.ok(to: invite, toTag: "callee")
        let ack = try SIPRequest.ack(for: invite, response: ok)
        #expect(ack.uri.sipURI?.port == 5060)
        #expect(try ack.cseq == CSeq(1, .ack))
        #expect(try ack.to.tag == "callee")
        #expect(try ack.topVia.branch == "z9hG4bK-ack-1")
        #expect(ack.body.isEmpty)
        let bye = try SIPRequest.bye(for: invite, response: ok)
        #expect(try bye.cseq == CSeq(2, .bye))
        #expect(try bye.callID == invite.callID)
        #expect(try bye.from == invite.from)
        let failureAck = try SIPRequest.ack(for: invite, response: .failure(.busyHere, to: invite))
        #expect(try failureAck.topVia.branch == "z9hG4bK-invite-1")
    }
}
