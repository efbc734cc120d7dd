// The stream fan-out: each stream gets exactly what its audience admits (the per-agent and
// per-call indexes skip no event), streams of one audience share one check and encoding,
// a stream whose client stops reading is cut off without holding anyone else up, and the
// per-user and per-tenant limits refuse new streams.

import CallCenter
import Foundation
import NIOCore
@testable import Server
import Store
import Testing

@Suite struct EventFanOutTests {
    let me = Principal.Credential.user(UserID(rawValue: "u1"))

    func event(_ kind: CallCenterEvent.Kind, call: String? = nil, agent: String? = nil, tenant: String = "t1") -> CallCenterEvent {
        CallCenterEvent(kind, tenantID: tenant, callID: call, agentID: agent, at: Date(timeIntervalSince1970: 0),
                        details: ["caller": "13800138000"])
    }

    /// A shift's worth of events over two agents, a scope and another tenant.
    var script: [CallCenterEvent] {
        [
            event(.agentStateChanged, agent: "a1"), event(.agentStateChanged, agent: "a2"),
            event(.callArrived, call: "c1"), event(.callQueued, call: "c1"), event(.callOffered, call: "c1", agent: "a1"),
            event(.callAnswered, call: "c1", agent: "a1"), event(.callHeld, call: "c1"),
            event(.callArrived, call: "c2"), event(.callOffered, call: "c2", agent: "a2"), event(.callHeld, call: "c2"),
            event(.callOffered, call: "c3", agent: "a1"), event(.callOffered, call: "c3", agent: "a2"),
            event(.callAnswered, call: "c3", agent: "a2"), event(.callEnded, call: "c1"), event(.callHeld, call: "c1"),
            event(.callEnded, call: "c2"), event(.callEnded, call: "c3"), event(.agentStateChanged, agent: "a1", tenant: "t2"),
            event(.callOffered, call: "c4", agent: "a1"), event(.callRejected, call: "c4"),
        ]
    }

    /// What a stream received until now, as "kind call" lines.
    func drain(_ subscriber: StreamSubscriber) async -> [String] {
        subscriber.finish()
        var lines: [String] = []
        for await frame in subscriber.frames {
            let json = try? JSONSerialization.jsonObject(with: Data(frame.readableBytesView)) as? [String: Any]
            lines.append("\(json?["kind"] as? String ?? "?") \(json?["call_id"] as? String ?? json?["agent_id"] as? String ?? "")")
        }
        return lines
    }

    @Test("every stream gets what its own audience admits, in order, whatever other streams are open", arguments: [
        EventAudience(tenantID: "t1", agentID: "a1", wholeTenant: false, masking: .middle),
        EventAudience(tenantID: "t1", agentID: "a2", wholeTenant: false, masking: nil),
        EventAudience(tenantID: "t1", agentID: nil, wholeTenant: true, masking: nil),
        EventAudience(tenantID: "t1", agentID: "s1", wholeTenant: true, masking: nil, scopeAgents: ["a1"]),
        EventAudience(tenantID: "t1", agentID: "s2", wholeTenant: true, masking: nil, scopeAgents: ["a2"], seesWaitingCalls: true),
    ])
    func matchesAudience(_ audience: EventAudience) async throws {
        let fanOut = EventFanOut()
        let others = [
            EventAudience(tenantID: "t1", agentID: "a1", wholeTenant: false, masking: nil),
            EventAudience(tenantID: "t1", agentID: "a3", wholeTenant: false, masking: .middle),
            EventAudience(tenantID: "t2", agentID: nil, wholeTenant: true, masking: nil),
        ]
        for (index, other) in others.enumerated() {
            _ = try fanOut.subscribe(other, user: .user(UserID(rawValue: "other\(index)")), calls: [])
        }
        let subscriber = try fanOut.subscribe(audience, user: me, calls: [])
        var reference = audience
        var expected: [String] = []
        for event in script {
            fanOut.publish(event, call: nil)
            if reference.admits(event) { expected.append("\(event.kind.rawValue) \(event.callID ?? event.agentID ?? "")") }
        }
        #expect(await drain(subscriber) == expected)
        #expect(!expected.isEmpty)
    }

    @Test("streams of one audience share it and the same bytes; another agent's desktop is another audience")
    func sharedAudience() async throws {
        let fanOut = EventFanOut()
        let desk = EventAudience(tenantID: "t1", agentID: "a1", wholeTenant: false, masking: .middle)
        let first = try fanOut.subscribe(desk, user: me, calls: [])
        let second = try fanOut.subscribe(desk, user: me, calls: [])
        _ = try fanOut.subscribe(EventAudience(tenantID: "t1", agentID: "a2", wholeTenant: false, masking: .middle), user: me, calls: [])
        #expect(fanOut.audienceCount == 2)
        #expect(fanOut.subscriberCount == 3)
        fanOut.publish(event(.callOffered, call: "c1", agent: "a1"), call: nil)
        first.finish()
        second.finish()
        var firstIterator = first.frames.makeAsyncIterator(), secondIterator = second.frames.makeAsyncIterator()
        let a = try #require(await firstIterator.next()), b = try #require(await secondIterator.next())
        #expect(a.withUnsafeReadableBytes { UnsafeRawPointer($0.baseAddress) } == b.withUnsafeReadableBytes { UnsafeRawPointer($0.baseAddress) },
                "both streams send the one encoding")
        #expect(String(buffer: a).contains("138****8000"), "the agent's audience is masked")
        fanOut.unsubscribe(first)
        fanOut.unsubscribe(second)
        #expect(fanOut.audienceCount == 1)
    }

    @Test("an agent whose desktop connects during a call follows that call to its end")
    func joinsDuringCall() async throws {
        let fanOut = EventFanOut()
        let call = LiveCall(callID: "c1", tenantID: "t1", caller: "13800138000", called: "4001", phase: "answered", queue: "q",
                            agentID: "a1", arrivedAt: Date(timeIntervalSince1970: 0))
        let subscriber = try fanOut.subscribe(EventAudience(tenantID: "t1", agentID: "a1", wholeTenant: false, masking: nil),
                                              user: me, calls: [call])
        fanOut.publish(event(.callHeld, call: "c1"), call: call)
        fanOut.publish(event(.callEnded, call: "c1"), call: nil)
        #expect(await drain(subscriber) == ["call.held c1", "call.ended c1"])
    }

    @Test("a stream whose client stops reading is cut off when its queue is full; the others get every event")
    func slowStreamFallsBehind() async throws {
        let fanOut = EventFanOut(limits: APILimits(streamQueue: 4))
        let supervisor = EventAudience(tenantID: "t1", agentID: nil, wholeTenant: true, masking: nil)
        let slow = try fanOut.subscribe(supervisor, user: me, calls: [])
        let fast = try fanOut.subscribe(supervisor, user: me, calls: [])
        var received = 0
        var iterator = fast.frames.makeAsyncIterator()
        for index in 0..<10 {
            fanOut.publish(event(.agentStateChanged, agent: "a\(index)"), call: nil)
            if await iterator.next() != nil { received += 1 }
            #expect(slow.hasFallenBehind == (index >= 4), "after event \(index)")
        }
        #expect(received == 10)
        #expect(!fast.hasFallenBehind)
        await slow.untilFallenBehind()
        #expect(await drain(slow).count == 4, "the queue ended after the messages it held")
    }

    @Test("a user or tenant at its stream limit is refused another stream until one closes")
    func streamLimits() throws {
        let fanOut = EventFanOut(limits: APILimits(streamsPerUser: 2, streamsPerTenant: 3))
        let desk = EventAudience(tenantID: "t1", agentID: "a1", wholeTenant: false, masking: nil)
        let first = try fanOut.subscribe(desk, user: me, calls: [])
        _ = try fanOut.subscribe(desk, user: me, calls: [])
        #expect(fanOut.refusal(tenant: "t1", user: me)?.message.contains("this user already has 2") == true)
        #expect(throws: StreamRefusal.self) { try fanOut.subscribe(desk, user: me, calls: []) }
        let colleague = Principal.Credential.user(UserID(rawValue: "u2"))
        _ = try fanOut.subscribe(desk, user: colleague, calls: [])
        #expect(fanOut.refusal(tenant: "t1", user: colleague)?.message.contains("tenant already has 3") == true)
        #expect(fanOut.refusal(tenant: "t2", user: .user(UserID(rawValue: "u3"))) == nil, "other tenants are not affected")
        fanOut.unsubscribe(first)
        #expect(fanOut.refusal(tenant: "t1", user: me) == nil)
    }
}
