// Caller identity from an INVITE: P-Asserted-Identity only from trusted trunks, CLIR,
// Diversion and History-Info, and which trunk a source address is.

import NIOCore
import SIP
import SIPStack
import Testing
@testable import CallCenter

@Suite struct CallerIdentityTests {
    static func invite(from: String = "<sip:13800000001@carrier.example>;tag=1", _ extra: [String] = []) throws -> SIPRequest {
        let lines = [
            "INVITE sip:4001234567@kefu.example SIP/2.0", "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1",
            "From: \(from)", "To: <sip:4001234567@kefu.example>", "Call-ID: c1", "CSeq: 1 INVITE",
        ] + extra + ["Content-Length: 0", "", ""]
        return try SIPRequest.parse(Array(lines.joined(separator: "\r\n").utf8))
    }

    @Test("a trusted trunk's P-Asserted-Identity is the caller's number; the same header from anyone else is ignored")
    func assertedIdentityNeedsTrust() throws {
        let request = try Self.invite(["P-Asserted-Identity: <sip:+8613900000002@carrier.example;user=phone>, <tel:+8613900000002>"])
        let trusted = CallerIdentity(request: request, trusted: true)
        #expect(trusted.number == "+8613900000002" && trusted.asserted && !trusted.hidden)
        let untrusted = CallerIdentity(request: request, trusted: false)
        #expect(untrusted.number == "13800000001" && !untrusted.asserted)
        #expect(untrusted.presentation == "13800000001")
    }

    @Test("Privacy: id hides the asserted number from agents but keeps it for records", arguments: ["id", "id;critical", "user", "header"])
    func privacyHidesTheNumber(privacy: String) throws {
        let request = try Self.invite(
            from: "\"Anonymous\" <sip:anonymous@anonymous.invalid>;tag=1",
            ["P-Asserted-Identity: <tel:13900000003>", "Privacy: \(privacy)"])
        let identity = CallerIdentity(request: request, trusted: true)
        #expect(identity.number == "13900000003")
        #expect(identity.hidden)
        #expect(identity.presentation == "anonymous")
    }

    @Test("a hidden caller's number is masked wherever a flow put it into the screen pop; a shown caller's is left alone")
    func screenPopMasking() throws {
        let pop = ["caller": "13900000003", "note": "VIP 13900000003 called twice", "language": "zh"]
        let hidden = CallerIdentity(
            request: try Self.invite(from: "<sip:anonymous@anonymous.invalid>;tag=1", ["P-Asserted-Identity: <tel:13900000003>", "Privacy: id"]),
            trusted: true)
        #expect(hidden.masked(pop) == ["caller": "anonymous", "note": "VIP anonymous called twice", "language": "zh"])
        let shown = CallerIdentity(request: try Self.invite(from: "<sip:13900000003@carrier.example>;tag=1"), trusted: false)
        #expect(shown.masked(pop) == pop)
    }

    @Test("an anonymous From without a believed identity is hidden; Privacy: none hides nothing")
    func anonymousFrom() throws {
        let anonymous = CallerIdentity(request: try Self.invite(from: "<sip:anonymous@anonymous.invalid>;tag=1"), trusted: false)
        #expect(anonymous.hidden && anonymous.presentation == "anonymous")
        let open = CallerIdentity(request: try Self.invite(["Privacy: none"]), trusted: true)
        #expect(!open.hidden && open.presentation == "13800000001")
    }

    @Test("Diversion entries are kept oldest first with their reasons and counted with their counters")
    func diversion() throws {
        let request = try Self.invite([
            "Diversion: <sip:02188880002@carrier.example>;reason=no-answer;counter=1",
            "Diversion: <tel:02188880001>;reason=unconditional;counter=1",
        ])
        let identity = CallerIdentity(request: request, trusted: false)
        #expect(identity.forwardings.map(\.number) == ["02188880001", "02188880002"])
        #expect(identity.forwardings.map(\.reason) == ["unconditional", "no-answer"])
        #expect(identity.priorForwards == 2)
        let counted = CallerIdentity(request: try Self.invite(["Diversion: <tel:02188880001>;reason=busy;counter=3"]), trusted: false)
        #expect(counted.priorForwards == 3 && counted.forwardings.count == 1)
        let absurd = CallerIdentity(request: try Self.invite(["Diversion: <tel:02188880001>;counter=99999"]), trusted: false)
        #expect(absurd.priorForwards == CallerIdentity.maxRecordedForwards)
    }

    @Test("History-Info: every entry but the call's own target forwarded it, with the next entry's cause")
    func historyInfo() throws {
        let request = try Self.invite([
            "History-Info: <sip:02188880001@carrier.example>;index=1, <sip:02188880002@carrier.example;cause=486>;index=1.1, <sip:4001234567@kefu.example;cause=302>;index=1.1.1",
        ])
        let identity = CallerIdentity(request: request, trusted: false)
        #expect(identity.forwardings == [
            .init(number: "02188880001", reason: "486", source: .historyInfo),
            .init(number: "02188880002", reason: "302", source: .historyInfo),
        ])
        #expect(identity.priorForwards == 2)
        #expect(CallerIdentity(request: try Self.invite(["History-Info: <sip:4001234567@kefu.example>;index=1"]), trusted: false).priorForwards == 0)
    }

    @Test("a UDP source is a trunk when host and port match, a TCP one when the host does; only trusted trunks' identity counts")
    func trunkFromSource() throws {
        var record = TenantRuntimeTests.record()
        record.inboundTrunks = [
            InboundTrunkRecord(name: "mobile", transport: "udp", addresses: [("10.0.0.1", 5060)], trusted: true),
            InboundTrunkRecord(name: "sbc", transport: "tcp", addresses: [("10.0.0.2", 5060)], trusted: false),
        ]
        let tenant = TenantRuntime(record)
        func source(_ transport: SIPTransportProtocol, _ host: String, _ port: Int) throws -> SIPDestination {
            SIPDestination(transport: transport, address: try SocketAddress(ipAddress: host, port: port))
        }
        #expect(tenant.inboundTrunk(from: try source(.udp, "10.0.0.1", 5060))?.name == "mobile")
        #expect(tenant.trustsIdentity(from: try source(.udp, "10.0.0.1", 5060)))
        #expect(!tenant.trustsIdentity(from: try source(.udp, "10.0.0.1", 40000)), "another port on the gateway's host is not the gateway")
        #expect(!tenant.trustsIdentity(from: try source(.tcp, "10.0.0.1", 5060)), "the trunk is UDP")
        #expect(tenant.inboundTrunk(from: try source(.tcp, "10.0.0.2", 51234))?.name == "sbc")
        #expect(!tenant.trustsIdentity(from: try source(.tcp, "10.0.0.2", 51234)), "an untrusted trunk's identity is not believed")
        #expect(tenant.inboundTrunk(from: try source(.udp, "192.0.2.9", 5060)) == nil)
    }
}
