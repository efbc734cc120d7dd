// The small decisions of the call path: feature codes, SIP INFO digits, IVR port limits,
// recent-call counts, agent board.

import ACD
import Foundation
import Media
import SIP
import Testing
@testable import CallCenter

@Suite struct CallPathPiecesTests {
    @Test("feature codes map to the ACD commands an agent expects", arguments: [
        ("*1", "agentSignedIn"), ("*2", "agentStateChanged"), ("*3", "agentSignedOut"), ("*0", "agentStateChanged"),
    ])
    func featureCodes(code: String, command: String) throws {
        let feature = try #require(FeatureCode(rawValue: code))
        #expect(feature.command(for: AgentID("a1")).name == command)
    }

    @Test("the confirmation says what state the agent is in")
    func confirmations() {
        #expect(FeatureCode.confirmation(.ready).contains("签入"))
        #expect(FeatureCode.confirmation(.signedOut).contains("签出"))
        #expect(FeatureCode.confirmation(.notReady(.unspecified)).contains("示忙"))
    }

    @Test("digits in SIP INFO bodies are read in the dtmf-relay and plain forms", arguments: [
        ("Signal=5\r\nDuration=160\r\n", DTMFDigit.five), ("Signal= #\r\n", .pound), ("7", .seven), ("Duration=100\r\n", nil),
    ] as [(String, DTMFDigit?)])
    func infoDigits(body: String, digit: DTMFDigit?) throws {
        var request = try SIPRequest.parse(Array("INFO sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:b@c>;tag=2\r\nCall-ID: x\r\nCSeq: 2 INFO\r\nContent-Length: 0\r\n\r\n".utf8))
        request.body = Array(body.utf8)
        #expect(CustomerCall.infoDigit(request) == digit)
    }

    @Test("a tenant gets no more IVR ports than its quota, and released ports come back")
    func ivrPorts() {
        let counters = CallCounters()
        #expect(counters.acquireIVRPort(tenant: "t", limit: 2))
        #expect(counters.acquireIVRPort(tenant: "t", limit: 2))
        #expect(!counters.acquireIVRPort(tenant: "t", limit: 2))
        #expect(counters.acquireIVRPort(tenant: "other", limit: 2))
        counters.releaseIVRPort(tenant: "t")
        #expect(counters.acquireIVRPort(tenant: "t", limit: 2))
        #expect(counters.ivrPortsInUse(tenant: "t") == 2)
    }

    @Test("recent calls are counted per caller and period, excluding the current call")
    func recentCalls() {
        let counters = CallCounters()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        _ = counters.noteCall(tenant: "t", caller: "138", at: start, periods: [60])
        _ = counters.noteCall(tenant: "t", caller: "138", at: start.addingTimeInterval(30), periods: [60])
        let counts = counters.noteCall(tenant: "t", caller: "138", at: start.addingTimeInterval(70), periods: [60, 3600])
        #expect(counts == [60: 1, 3600: 2])
        #expect(counters.noteCall(tenant: "t", caller: "139", at: start.addingTimeInterval(70), periods: [60]) == [60: 0])
    }

    @Test("the agent board counts signed-in agents per tenant")
    func board() {
        let board = AgentBoard()
        board.update(agent: "a1", tenant: "t", state: .ready)
        board.update(agent: "a2", tenant: "t", state: .busy)
        board.update(agent: "a3", tenant: "u", state: .ready)
        board.update(agent: "a2", tenant: "t", state: .signedOut)
        #expect(board.signedInCount(tenant: "t") == 1)
        #expect(board.state(agent: "a9", tenant: "t") == .signedOut)
    }

    @Test("the event bus delivers to every subscriber")
    func eventBus() async {
        let bus = EventBus()
        let first = bus.subscribe()
        let second = bus.subscribe()
        bus.publish(CallCenterEvent(.callArrived, tenantID: "t", callID: "c1"))
        var a = first.makeAsyncIterator()
        var b = second.makeAsyncIterator()
        #expect(await a.next()?.callID == "c1")
        #expect(await b.next()?.kind == .callArrived)
    }

    @Test("a subscriber that falls its buffer behind keeps the newest events, and the bus counts the ones it lost")
    func eventBusCountsLostEvents() async {
        let bus = EventBus()
        let slow = bus.subscribe(as: "test", buffer: 2)
        let keeping = bus.subscribe(buffer: 10)
        for n in 1...5 { bus.publish(CallCenterEvent(.callArrived, tenantID: "t", callID: "c\(n)")) }
        #expect(bus.droppedCount == 3)
        var slowEvents = slow.makeAsyncIterator()
        #expect(await slowEvents.next()?.callID == "c4")
        #expect(await slowEvents.next()?.callID == "c5")
        var kept = keeping.makeAsyncIterator()
        #expect(await kept.next()?.callID == "c1")
    }
}

@Suite struct TrunkRoutingTests {
    static func tenant(callerIDs: [String]) -> TenantRuntime {
        var record = TenantRuntimeTests.record()
        record.trunks = [
            TrunkRecord(id: "t1", name: "mobile", transport: "udp", addresses: [("10.0.0.1", 5060), ("10.0.0.2", 5060)],
                        credentials: nil, allowedPrefixes: ["13", "15"]),
            TrunkRecord(id: "t2", name: "any", transport: "tcp", addresses: [("10.0.0.9", 5080)], credentials: nil, allowedPrefixes: ["0", "1"]),
            TrunkRecord(id: "t3", name: "closed", transport: "udp", addresses: [("10.0.0.7", 5060)], credentials: nil, allowedPrefixes: []),
        ]
        record.outboundCallerIDs = callerIDs
        return TenantRuntime(record)
    }

    @Test("a number goes out through the trunks whose prefixes take it, every gateway in failover order; a trunk without prefixes takes none")
    func routes() {
        let tenant = Self.tenant(callerIDs: [])
        #expect(TrunkDialer.routes(for: "13800138000", tenant: tenant).map(\.host) == ["10.0.0.1", "10.0.0.2", "10.0.0.9"])
        #expect(TrunkDialer.routes(for: "02188886666", tenant: tenant).map(\.host) == ["10.0.0.9"])
        #expect(TrunkDialer.routes(for: "0085212345678", tenant: tenant).map(\.host) == ["10.0.0.9"])
        #expect(TrunkDialer.routes(for: "95588", tenant: tenant).isEmpty)
    }

    @Test("outgoing legs present an outbound-enabled number of the tenant, else the caller's own")
    func callerID() {
        #expect(TrunkDialer.callerID(for: Self.tenant(callerIDs: ["4008001234"]), caller: "13800138000") == "4008001234")
        #expect(TrunkDialer.callerID(for: Self.tenant(callerIDs: []), caller: "13800138000") == "13800138000")
    }
}

@Suite struct CallAdmissionTests {
    @Test("beyond the concurrency limit new calls are refused until one ends")
    func concurrency() {
        let admission = CallAdmission(limits: CallAdmissionLimits(maxConcurrentCalls: 2))
        let now = ContinuousClock.now
        #expect(admission.admit(at: now))
        admission.callStarted()
        admission.callStarted()
        #expect(!admission.admit(at: now))
        admission.callEnded()
        #expect(admission.admit(at: now))
        #expect(admission.refusedCalls == 1)
    }

    @Test("the call rate allows a one-second burst, then refills with time")
    func rate() {
        let admission = CallAdmission(limits: CallAdmissionLimits(maxCallsPerSecond: 5))
        let start = ContinuousClock.now
        let admitted = (0..<8).filter { _ in admission.admit(at: start) }.count
        #expect(admitted == 5)
        #expect(admission.admit(at: start + .milliseconds(250)))
        #expect(!admission.admit(at: start + .milliseconds(260)))
        #expect(admission.admit(at: start + .seconds(2)))
    }

    @Test("a tenant at its own limits is refused while another tenant and the node still take calls")
    func perTenant() {
        let admission = CallAdmission(limits: CallAdmissionLimits(maxConcurrentCalls: 10, maxConcurrentCallsPerTenant: 2, maxCallsPerSecondPerTenant: 3))
        let start = ContinuousClock.now
        #expect(admission.admit(at: start, tenant: "a"))
        admission.callStarted(tenant: "a")
        #expect(admission.admit(at: start, tenant: "a"))
        admission.callStarted(tenant: "a")
        #expect(!admission.admit(at: start, tenant: "a"), "a third concurrent call of tenant a")
        #expect(admission.admit(at: start, tenant: "b"))
        #expect(admission.admit(at: start, tenant: nil), "a call of no known tenant counts against the node only")
        admission.callEnded(tenant: "a")
        #expect(admission.activeCalls(tenant: "a") == 1)
        #expect(admission.admit(at: start, tenant: "a"), "the third token of tenant a's second")
        admission.callStarted(tenant: "a")
        admission.callEnded(tenant: "a")
        #expect(!admission.admit(at: start, tenant: "a"), "tenant a's call rate is spent")
        #expect(admission.admit(at: start + .seconds(1), tenant: "a"))
        #expect(admission.refusedCalls == 2)
    }

    @Test("a tenant's own quota replaces the node's per-tenant defaults; a tenant without one keeps the defaults")
    func tenantQuota() {
        let quotas: [String: TenantCallLimits] = ["small": TenantCallLimits(maxConcurrentCalls: 1), "fast": TenantCallLimits(maxCallsPerSecond: 4)]
        let admission = CallAdmission(
            limits: CallAdmissionLimits(maxConcurrentCallsPerTenant: 3, maxCallsPerSecondPerTenant: 2),
            tenantLimits: { quotas[$0] ?? TenantCallLimits() })
        let start = ContinuousClock.now
        #expect(admission.admit(at: start, tenant: "small"))
        admission.callStarted(tenant: "small")
        #expect(!admission.admit(at: start, tenant: "small"), "a second concurrent call beyond the tenant's quota of 1")
        let fast = (0..<5).map { _ in admission.admit(at: start, tenant: "fast") }
        #expect(fast == [true, true, true, true, false], "4 per second from the quota instead of the default 2")
        let other = (0..<3).map { _ in admission.admit(at: start, tenant: "other") }
        #expect(other == [true, true, false], "the default rate of 2 per second")
    }
}
