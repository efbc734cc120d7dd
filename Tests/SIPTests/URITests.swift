// SIP, SIPS and tel URIs: components, escaping (RFC 3261 §19.1.2), comparison (§19.1.4),
// RFC 3966 numbers, and the error a stack turns into 416.

import Testing
import SIP

@Suite struct URITests {
    @Test("every component of a SIP URI is read and written back")
    func components() throws {
        let uri = try SIPURI("sips:alice:secret@Example.COM:5061;transport=tcp;lr;maddr=10.0.0.1?Subject=hi&Priority=urgent")
        #expect(uri.isSecure)
        #expect(uri.scheme == "sips")
        #expect(uri.user == "alice")
        #expect(uri.password == "secret")
        #expect(uri.host == "Example.COM")
        #expect(uri.port == 5061)
        #expect(uri.transport == "tcp")
        #expect(uri.isLooseRouter)
        #expect(uri.maddr == "10.0.0.1")
        #expect(uri.headers.elements == [SIPParameter(name: "Subject", value: "hi"), SIPParameter(name: "Priority", value: "urgent")])
        #expect(uri.description == "sips:alice:secret@Example.COM:5061;transport=tcp;lr;maddr=10.0.0.1?Subject=hi&Priority=urgent")
        #expect(try SIPURI(uri.description) == uri)
    }

    @Test("IPv6 references keep their brackets; the unbracketed form is there for sockets")
    func ipv6() throws {
        let uri = try SIPURI("sip:[2001:db8::10]:5070;transport=udp")
        #expect(uri.host == "[2001:db8::10]")
        #expect(uri.unbracketedHost == "2001:db8::10")
        #expect(uri.port == 5070)
        #expect(uri.portOrDefault == 5070)
        #expect(try SIPURI("sip:[::1]").portOrDefault == 5060)
        #expect(try SIPURI("sips:[::1]").portOrDefault == 5061)
    }

    @Test("escapes decode on reading and characters outside a component's set are escaped on writing")
    func escaping() throws {
        let uri = try SIPURI("sip:alice%20smith%40corp@example.com;x%3Dy=a%3Bb")
        #expect(uri.user == "alice smith@corp")
        #expect(uri.parameters.elements == [SIPParameter(name: "x=y", value: "a;b")])
        #expect(uri.description == "sip:alice%20smith%40corp@example.com;x%3Dy=a%3Bb")
        let built = SIPURI(user: "张三 +86", host: "example.com", parameters: [SIPParameter(name: "note", value: "a b")])
        #expect(built.description == "sip:%E5%BC%A0%E4%B8%89%20+86@example.com;note=a%20b")
        #expect(try SIPURI(built.description) == built)
    }

    @Test("malformed SIP URIs are refused with a reason", arguments: [
        ("sip:", "missing host"),
        ("sip:alice@", "missing host"),
        ("sip:@example.com", "empty user"),
        ("sip:example.com:99999", "bad port"),
        ("sip:example.com:", "bad port"),
        ("sip:example.com:50a", "unexpected character"),
        ("sip:al%G1ce@example.com", "bad escape in user"),
        ("sip:al%FFce@example.com", "escapes in user are not UTF-8"),
        ("sip:alice@example.com;", "empty parameter"),
        ("sip:alice@example.com?x", "bad header"),
        ("sip:[2001:db8::1", "bad IPv6 reference"),
        ("sip:al ice@example.com", "bad character in user"),
        ("sip", "missing scheme"),
    ])
    func malformed(_ text: String, _ detail: String) throws {
        let error = try #require(throws: SIPParseError.self) { try SIPURI(text) }
        #expect(error.kind == .invalidURI(detail))
    }

    @Test("a URI of another scheme is no SIPURI (the stack answers 416) but parses as an absolute URI")
    func otherSchemes() throws {
        let error = try #require(throws: SIPParseError.self) { try SIPURI("mailto:alice@example.com") }
        #expect(error.kind == .unsupportedURIScheme)
        #expect(error.status == .unsupportedURIScheme)
        let any = try AnyURI("urn:service:sos")
        #expect(any == .absolute(AbsoluteURI(scheme: "urn", text: "service:sos")))
        #expect(any.scheme == "urn")
        #expect(any.description == "urn:service:sos")
        #expect(try AnyURI("SIP:alice@example.com").sipURI?.user == "alice")
        #expect(throws: SIPParseError.self) { try TelURI("sip:alice@example.com") }
    }

    @Test("tel URIs: global numbers with separators and parameters, local numbers with a context")
    func telURIs() throws {
        let global = try TelURI("tel:+86-10-6552-1234;ext=801;isub=12")
        #expect(global.isGlobal)
        #expect(global.number == "+86-10-6552-1234")
        #expect(global.normalizedNumber == "+861065521234")
        #expect(global.extension == "801")
        #expect(global.parameters["isub"] == "12")
        #expect(global.description == "tel:+86-10-6552-1234;ext=801;isub=12")
        let local = try TelURI("tel:95588;phone-context=+86")
        #expect(!local.isGlobal)
        #expect(local.phoneContext == "+86")
        #expect(try AnyURI("tel:*99#").telURI?.number == "*99#")
        #expect(throws: SIPParseError.self) { try TelURI("tel:") }
        #expect(throws: SIPParseError.self) { try TelURI("tel:+86 10") }
    }

    @Test("RFC 3261 §19.1.4: URIs that are equivalent", arguments: [
        ("sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp"),
        ("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5"),
        ("sip:carol@chicago.com;security=on", "sip:carol@chicago.com;newparam=5"),
        ("sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com", "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com"),
        ("sip:alice@atlanta.com?subject=project%20x&priority=urgent", "sip:alice@atlanta.com?priority=urgent&subject=project%20x"),
    ])
    func equivalent(_ lhs: String, _ rhs: String) throws {
        let left = try SIPURI(lhs)
        let right = try SIPURI(rhs)
        #expect(left.isEquivalent(to: right))
        #expect(right.isEquivalent(to: left))
    }

    @Test("RFC 3261 §19.1.4: URIs that are not equivalent", arguments: [
        ("SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP"),
        ("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060"),
        ("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp"),
        ("sip:bob@biloxi.com", "sip:bob@biloxi.com:6000;transport=tcp"),
        ("sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting"),
        ("sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4"),
        ("sip:carol@chicago.com;security=on", "sip:carol@chicago.com;security=off"),
        ("sip:alice@example.com", "sips:alice@example.com"),
    ])
    func notEquivalent(_ lhs: String, _ rhs: String) throws {
        let left = try SIPURI(lhs)
        let right = try SIPURI(rhs)
        #expect(!left.isEquivalent(to: right))
        #expect(!right.isEquivalent(to: left))
    }

    @Test("user=phone and method parameters are reachable by name")
    func namedParameters() throws {
        var uri = try SIPURI("sip:+8613800138000@gw.example.cn;user=phone;method=INVITE")
        #expect(uri.userParameter == "phone")
        #expect(uri.method == "INVITE")
        uri.isLooseRouter = true
        uri.transport = nil
        #expect(uri.description == "sip:+8613800138000@gw.example.cn;user=phone;method=INVITE;lr")
        uri.isLooseRouter = false
        #expect(!uri.parameters.contains("lr"))
    }
}
