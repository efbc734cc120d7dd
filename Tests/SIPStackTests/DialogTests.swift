// The dialog value (RFC 3261 §12): ids, route sets, CSeq ordering, in-dialog requests.

import SIP
import SIPTesting
import Testing
@testable import SIPStack

@Suite struct DialogTests {
    @Test("a UAS dialog takes the caller's Contact as target, Record-Route in order, and the caller's CSeq")
    func uasDialog() throws {
        var invite = SIPRequest.invite()
        invite.headers.add(.recordRoute, "<sip:p1.example.net;lr>")
        invite.headers.add(.recordRoute, "<sip:p2.example.net;lr>")
        let contact = NameAddress(uri: SIPURI(user: "9999", host: "127.0.0.1", port: 5060))
        var dialog = try Dialog(uasFor: invite, localTag: "uas-tag", localContact: contact)
        #expect(dialog.id == DialogID(callID: "call-1@127.0.0.1", localTag: "uas-tag", remoteTag: "from-1"))
        #expect(dialog.remoteTarget == SIPTestParty.alice.contact.uri)
        #expect(dialog.routeSet.map { $0.uri.sipURI?.host } == ["p1.example.net", "p2.example.net"])
        let bye = dialog.makeRequest(.bye)
        #expect(try bye.headers.route.map { $0.uri.sipURI?.host } == ["p1.example.net", "p2.example.net"])
        #expect(try bye.headers.from.tag == "uas-tag")
        #expect(try bye.headers.to.tag == "from-1")
        #expect(try bye.headers.cseq == CSeq(1, .bye))
        #expect(dialog.nextHop.sipURI?.host == "p1.example.net")
    }

    @Test("a UAC dialog reverses the Record-Route of the response and continues its own CSeq")
    func uacDialog() throws {
        let invite = SIPRequest.invite(from: .kefu, to: .alice, cseq: 5)
        var ok = SIPResponse.ok(to: invite, toTag: "callee", contact: .alice)
        ok.headers.add(.recordRoute, "<sip:p2.example.net;lr>")
        ok.headers.add(.recordRoute, "<sip:p1.example.net;lr>")
        var dialog = try Dialog(uacFor: invite, response: ok)
        #expect(dialog.state == .confirmed)
        #expect(dialog.routeSet.map { $0.uri.sipURI?.host } == ["p1.example.net", "p2.example.net"])
        let reinvite = dialog.makeRequest(.invite, body: Array("v=0\r\n".utf8), contentType: .sdp)
        #expect(try reinvite.headers.cseq == CSeq(6, .invite))
        #expect(try reinvite.headers.contact.first?.uri == SIPTestParty.kefu.contact.uri)
        let ack = dialog.makeRequest(.ack, cseq: 6)
        #expect(try ack.headers.cseq == CSeq(6, .ack))
        #expect(dialog.localCSeq == 6)
    }

    @Test("accepts rising remote CSeq numbers and refuses lower or repeated ones (§12.2.2)")
    func remoteCSeq() throws {
        let invite = SIPRequest.invite(cseq: 10)
        var dialog = try Dialog(uasFor: invite, localTag: "t", localContact: SIPTestParty.kefu.contact)
        func request(_ method: SIPMethod, _ cseq: UInt32) -> SIPRequest {
            var request = SIPRequest.options()
            request.method = method
            request.headers.set(.cseq, CSeq(cseq, method))
            return request
        }
        let results = [
            dialog.checkRemoteCSeq(request(.info, 11)),
            dialog.checkRemoteCSeq(request(.info, 11)),
            dialog.checkRemoteCSeq(request(.info, 9)),
            dialog.checkRemoteCSeq(request(.ack, 10)),
            dialog.checkRemoteCSeq(request(.bye, 12)),
        ]
        #expect(results == [true, false, false, true, true])
    }

    @Test("a target refresh takes the new Contact")
    func targetRefresh() throws {
        var dialog = try Dialog(uasFor: .invite(), localTag: "t", localContact: SIPTestParty.kefu.contact)
        var headers = SIPHeaders()
        headers.add(.contact, SIPTestParty.bob.contact)
        dialog.refreshTarget(from: headers)
        #expect(dialog.remoteTarget == SIPTestParty.bob.contact.uri)
    }
}
