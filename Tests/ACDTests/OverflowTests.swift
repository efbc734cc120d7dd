// Scenarios for overflow: too long a wait, a full queue, no agent signed in, a closed queue.
import Testing
@testable import ACD

@Suite struct OverflowTests {
    static func tenant(_ rules: [OverflowRule], backupAgents: [AgentID] = []) -> ACDTenantConfiguration {
        var service = Fixture.queue()
        service.overflow = rules
        let agents = Fixture.agents("1001")
            + backupAgents.map { AgentConfiguration(id: $0, queues: [QueueMembership("backup")]) }
        return Fixture.tenant(queues: [service, Fixture.queue("backup")], agents: agents)
    }

    /// After 60 s in Service the caller moves to Backup, where an agent is free; in Backup
    /// the caller keeps their place in line.
    @Test("a task that waited too long overflows to another queue and keeps its place")
    func maximumWaitToQueue() throws {
        var s = try Scenario(Self.tenant([OverflowRule(when: .waitedLongerThan(.seconds(60)), then: .queue("backup"))],
                                         backupAgents: ["2001"]))
        s.arrive("t1", at: 0)
        s.arrive("t0-backup", queue: "backup", at: 30)
        s.wait(until: 59.9)
        #expect(s.last.overflows.isEmpty)
        s.wait(until: 60)
        let overflow = try #require(s.last.overflows.first)
        #expect(overflow.task == "t1")
        #expect(overflow.queue == "service")
        #expect(overflow.action == .queue("backup"))
        #expect(overflow.waited == .seconds(60))
        #expect(s.task("t1")?.queue == "backup")
        #expect(s.engine.waitingTasks(in: "backup") == ["t1", "t0-backup"])
        s.signIn("2001", at: 61)
        #expect(s.last.offerPairs == ["t1→2001"])
        #expect(s.engine.queueStatus("backup")?.counters.overflowedIn == 1)
        #expect(s.engine.queueStatus("service")?.counters.overflowedOut == 1)
    }

    @Test("a task arriving at a full queue goes to voicemail and leaves the ACD")
    func queueFull() throws {
        var s = try Scenario(Self.tenant([OverflowRule(when: .queueFull(waiting: 2), then: .voicemail)]))
        s.signIn("1001", at: 0)
        s.arrive("answered", at: 1)
        s.arrive("w1", at: 2)
        s.arrive("w2", at: 3)
        s.arrive("w3", at: 4)
        #expect(s.last.overflows.first?.action == .voicemail)
        #expect(s.last.overflows.first?.condition == .queueFull(waiting: 2))
        #expect(s.last.endings.first?.outcome == .overflowed(.voicemail))
        #expect(s.task("w3") == nil)
        #expect(s.engine.waitingTasks(in: "service") == ["w1", "w2"])
    }

    @Test("with no agent signed in, arrivals go to an IVR node, and waiting tasks leave when the last agent signs out")
    func noAgents() throws {
        var s = try Scenario(Self.tenant([OverflowRule(when: .noAgentsSignedIn, then: .ivrNode("no-agents"))]))
        s.arrive("t1", at: 1)
        #expect(s.last.overflows.first?.action == .ivrNode("no-agents"))
        s.send(.agentSignedIn("1001", state: .notReady(.unspecified)), at: 2)
        s.arrive("t2", at: 3)
        s.arrive("t3", at: 4)
        #expect(s.last.overflows.isEmpty)
        s.send(.agentSignedOut("1001"), at: 5)
        #expect(s.last.overflows.map(\.task) == ["t2", "t3"])
        #expect(s.engine.snapshot().tasks.isEmpty)
    }

    @Test("outside business hours new tasks go to an external number; tasks already waiting stay")
    func closed() throws {
        var s = try Scenario(Self.tenant([OverflowRule(when: .closed, then: .externalNumber("4001234567"))]))
        s.arrive("before", at: 1)
        s.send(.queueClosed("service"), at: 2)
        s.arrive("after", at: 3)
        #expect(s.last.overflows.first?.action == .externalNumber("4001234567"))
        #expect(s.engine.waitingTasks(in: "service") == ["before"])
        #expect(s.engine.queueStatus("service")?.isOpen == false)
        s.send(.queueOpened("service"), at: 4)
        s.arrive("reopened", at: 5)
        #expect(s.last.overflows.isEmpty)
    }

    @Test("overflow to callback keeps the task in line as a callback, never overflowing again")
    func overflowToCallback() throws {
        var s = try Scenario(Self.tenant([OverflowRule(when: .waitedLongerThan(.seconds(30)), then: .callback)]))
        s.arrive("t1", at: 0)
        s.arrive("t2", at: 10)
        s.wait(until: 30)
        #expect(s.last.overflows.first?.action == .callback)
        #expect(s.task("t1")?.isCallback == true)
        #expect(s.engine.waitingTasks(in: "service") == ["t1", "t2"])
        s.wait(until: 500)
        #expect(s.task("t1")?.isCallback == true)
        s.signIn("1001", at: 501)
        #expect(s.last.offerPairs == ["t1→1001"])
        #expect(s.lastOffers.first?.isCallback == true)
    }

    /// Two queues that overflow into each other on arrival when no agent is signed in: the
    /// task stops bouncing after eight moves and waits.
    @Test("an overflow loop between queues stops after eight moves")
    func overflowLoop() throws {
        var a = Fixture.queue("a")
        a.overflow = [OverflowRule(when: .noAgentsSignedIn, then: .queue("b"))]
        var b = Fixture.queue("b")
        b.overflow = [OverflowRule(when: .noAgentsSignedIn, then: .queue("a"))]
        var s = try Scenario(Fixture.tenant(queues: [a, b], agents: Fixture.agents("1001", queue: "a")))
        s.arrive("t1", queue: "a", at: 1)
        #expect(s.last.overflows.count == 8)
        #expect(s.task("t1")?.state == .waiting)
    }
}
