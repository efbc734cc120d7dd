// Scenarios for capacity per channel, blocking, and phone reachability.
import Testing
@testable import ACD

@Suite struct CapacityTests {
    static func tenant() -> ACDTenantConfiguration {
        let capacity = [ChannelCapacity(.voice, maximum: 1, blocks: [.chat, .email]),
                        ChannelCapacity(.chat, maximum: 3), ChannelCapacity(.email, maximum: 1)]
        return Fixture.tenant(agents: [AgentConfiguration(id: "1001", queues: [QueueMembership("service")],
                                                          capacity: capacity)])
    }

    @Test("an agent takes up to three chats at once, and a fourth waits")
    func chatCapacity() throws {
        var s = try Scenario(Self.tenant())
        s.signIn("1001", at: 0)
        for index in 1...4 { s.arrive(TaskID("chat\(index)"), channel: .chat, at: Double(index)) }
        #expect(s.history.offers.map(\.task) == ["chat1", "chat2", "chat3"])
        #expect(s.engine.waitingTasks(in: "service") == ["chat4"])
        s.answer("chat1", at: 5)
        s.complete("chat1", at: 6)
        #expect(s.last.offerPairs == ["chat4→1001"])
    }

    @Test("a call blocks chats and email while it lasts; chats do not block a call")
    func voiceBlocksChat() throws {
        var s = try Scenario(Self.tenant())
        s.signIn("1001", at: 0)
        s.arrive("call", channel: .voice, at: 1)
        s.answer("call", at: 2)
        s.arrive("chat", channel: .chat, at: 3)
        s.arrive("mail", channel: .email, at: 4)
        #expect(s.last.offers.isEmpty)
        s.complete("call", at: 10)
        #expect(Set(s.last.offerPairs) == ["chat→1001", "mail→1001"])
        s.arrive("call2", channel: .voice, at: 11)
        #expect(s.last.offerPairs == ["call2→1001"])
    }

    @Test("an agent whose phone is unreachable takes no calls but still takes chats; a ringing call is withdrawn")
    func deviceUnreachable() throws {
        var s = try Scenario(Self.tenant())
        s.signIn("1001", at: 0)
        s.arrive("call", channel: .voice, at: 1)
        s.send(.agentDeviceChanged("1001", reachable: false), at: 2)
        #expect(s.last.cancellations.first?.reason == .deviceUnreachable)
        #expect(s.task("call")?.state == .waiting)
        s.arrive("chat", channel: .chat, at: 3)
        #expect(s.last.offerPairs == ["chat→1001"])
        s.send(.agentDeviceChanged("1001", reachable: true), at: 4)
        #expect(s.last.offerPairs == ["call→1001"])
        #expect(s.engine.agentStatus("1001")?.deviceReachable == true)
    }
}
