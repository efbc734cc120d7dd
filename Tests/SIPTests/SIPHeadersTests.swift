// The header container: order, case-insensitive names, mutation, and Content-Length upkeep.

import Testing
@testable import SIP
import SIPTesting

@Suite struct SIPHeadersTests {
    @Test("fields keep their order; lookups ignore case and accept compact names")
    func orderAndLookup() {
        let headers = SIPHeaders([("Via", "a"), ("X-One", "1"), ("v", "b"), ("x-one", "2")])
        #expect(headers.map(\.value) == ["a", "1", "b", "2"])
        #expect(headers.values(for: .via) == ["a", "b"])
        #expect(headers.values(for: "X-ONE") == ["1", "2"])
        #expect(headers.count(of: "x-one") == 2)
        #expect(headers[.via] == "a")
        #expect(headers.contains("X-One"))
        #expect(!headers.contains(.route))
    }

    @Test("assigning through the subscript replaces every field of that name in place, nil removes them")
    func subscriptAssignment() {
        var headers = SIPHeaders([("From", "f"), ("X-A", "1"), ("To", "t"), ("x-a", "2")])
        headers["X-A"] = "3"
        #expect(headers.map(\.value) == ["f", "3", "t"])
        headers["X-A"] = nil
        #expect(headers.map(\.value) == ["f", "t"])
        headers["X-B"] = "new"
        #expect(headers.map(\.name.canonicalName) == ["From", "To", "X-B"])
    }

    @Test("prepend puts a value above the existing ones of its name, as a proxy adds a Via")
    func prepend() {
        var headers = SIPHeaders([("Max-Forwards", "70"), ("Via", "SIP/2.0/UDP b"), ("From", "f")])
        headers.prepend(.via, "SIP/2.0/UDP a")
        #expect(headers.values(for: .via) == ["SIP/2.0/UDP a", "SIP/2.0/UDP b"])
        #expect(headers.map(\.name.canonicalName) == ["Max-Forwards", "Via", "Via", "From"])
        headers.prepend(.recordRoute, "<sip:p;lr>")
        #expect(headers.first?.name == .recordRoute)
        headers.insert(.route, "<sip:r;lr>", at: 2)
        #expect(headers[2].name == .route)
    }

    @Test("removing the first value pops it from a comma list or removes its whole line")
    func removeFirstValue() throws {
        var headers = SIPHeaders([("Via", "SIP/2.0/UDP a;branch=z9hG4bK1, SIP/2.0/UDP b;branch=z9hG4bK2"), ("Via", "SIP/2.0/UDP c")])
        var removed = headers.removeFirstValue(.via)
        #expect(removed)
        #expect(try headers.via.map(\.host) == ["b", "c"])
        removed = headers.removeFirstValue(.via)
        #expect(removed)
        #expect(try headers.via.map(\.host) == ["c"])
        removed = headers.removeFirstValue(.via)
        #expect(removed)
        removed = headers.removeFirstValue(.via)
        #expect(!removed)
        #expect(headers.isEmpty)
    }

    @Test("a server writes received and rport into the top Via value only")
    func replaceFirstValue() throws {
        var headers = SIPHeaders([("Via", "SIP/2.0/UDP a:5060;branch=z9hG4bK1;rport, SIP/2.0/UDP b;branch=z9hG4bK2"), ("Via", "SIP/2.0/UDP c")])
        var top = try headers.topVia
        top.received = "192.0.2.7"
        top.rport = 40000
        headers.replaceFirstValue(.via, with: top)
        #expect(headers.values(for: .via) == ["SIP/2.0/UDP a:5060;branch=z9hG4bK1;rport=40000;received=192.0.2.7, SIP/2.0/UDP b;branch=z9hG4bK2", "SIP/2.0/UDP c"])
        var empty = SIPHeaders()
        empty.replaceFirstValue(.via, with: top)
        #expect(empty.count == 1)
    }

    @Test("typed values, comma-joined lists and several lines per name can be set")
    func typedSetters() throws {
        var headers = SIPHeaders()
        headers.set(.via, values: [Via(transport: "UDP", host: "a", branch: "z9hG4bK1"), Via(transport: "TCP", host: "b", branch: "z9hG4bK2")])
        headers.set(.allow, commaSeparated: [SIPMethod.invite, .ack, .bye])
        headers.set(.cseq, CSeq(3, .bye))
        headers.set(.maxForwards, 69)
        #expect(headers.values(for: .via).count == 2)
        #expect(headers[.allow] == "INVITE, ACK, BYE")
        #expect(try headers.cseq == CSeq(3, .bye))
        #expect(try headers.maxForwards == 69)
        headers.set(.allow, commaSeparated: [SIPMethod]())
        #expect(!headers.contains(.allow))
    }

    @Test("a value with CR or LF cannot inject a header line")
    func noInjection() throws {
        var request = SIPRequest.options()
        request.headers.add("X-Name", "evil\r\nVia: SIP/2.0/UDP attacker")
        request.headers.add("X-Bad\r\nName", "1")
        let reparsed = try SIPRequest.parse(request.serializedBytes)
        #expect(reparsed.headers.count(of: .via) == 1)
        #expect(reparsed.headers["X-Name"] == "evil  Via: SIP/2.0/UDP attacker")
        #expect(reparsed.headers["X-BadName"] == "1")
    }

    @Test("setting the body keeps Content-Length right; serialization states the body's size whatever the field says")
    func contentLength() throws {
        var request = SIPRequest.options()
        #expect(request.headers[.contentLength] == "0")
        request.setBody(Array("hello".utf8), contentType: .textPlain)
        #expect(request.headers[.contentLength] == "5")
        #expect(try request.contentType == .textPlain)
        request.body.append(contentsOf: Array(" world".utf8))
        #expect(request.headers[.contentLength] == "11")
        request.headers[.contentLength] = "999"
        #expect(try SIPRequest.parse(request.serializedBytes).bodyText == "hello world")
        request.removeBody()
        #expect(request.headers[.contentLength] == "0")
        #expect(!request.headers.contains(.contentType))
    }

    @Test("equality compares names as SIP does and values after unfolding")
    func equality() {
        let folded = SIPHeaders([("v", "SIP/2.0/UDP a"), ("Subject", "x y")])
        let plain = SIPHeaders([("Via", "SIP/2.0/UDP a"), ("subject", "x y")])
        #expect(folded == plain)
        #expect(folded.hashValue == plain.hashValue)
        #expect(SIPHeaders([("Subject", "x")]) != SIPHeaders([("Subject", "y")]))
        #expect(SIPHeaders([("A", "1"), ("B", "2")]) != SIPHeaders([("B", "2"), ("A", "1")]))
    }

    @Test("many edits keep the header storage bounded")
    func storageStaysBounded() {
        var headers = SIPHeaders()
        for index in 0..<10_000 {
            headers.set("X-Counter", String(index) + String(repeating: "x", count: 100))
        }
        #expect(headers[.init("X-Counter")] == "9999" + String(repeating: "x", count: 100))
        #expect(headers.storage.count < 4096)
    }
}
