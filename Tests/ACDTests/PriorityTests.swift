// Scenarios for the order of the line: first come first served within a priority, higher
// priority first, aging, callbacks that keep their place.
import Testing
@testable import ACD

@Suite struct PriorityTests {
    /// Three callers wait for the one agent; they are served in the order they arrived.
    @Test("within one priority, tasks are served in arrival order (先来先服务)")
    func firstComeFirstServed() throws {
        var s = try Scenario(Fixture.tenant(agents: Fixture.agents("1001")))
        s.arrive("a", at: 1)
        s.arrive("b", at: 2)
        s.arrive("c", at: 3)
        #expect(s.engine.waitingTasks(in: "service") == ["a", "b", "c"])
        s.signIn("1001", at: 10)
        var served: [TaskID] = []
        for _ in 0..<3 {
            let offer = try #require(s.lastOffers.first)
            served.append(offer.task)
            s.answer(offer.task)
            s.complete(offer.task)
        }
        #expect(served == ["a", "b", "c"])
    }

    @Test("a higher priority (VIP) is served before earlier arrivals of lower priority")
    func higherPriorityFirst() throws {
        var s = try Scenario(Fixture.tenant(agents: Fixture.agents("1001")))
        s.arrive("normal", at: 1)
        s.arrive("vip", priority: 10, at: 5)
        #expect(s.engine.waitingTasks(in: "service") == ["vip", "normal"])
        s.signIn("1001", at: 6)
        #expect(s.last.offerPairs == ["vip→1001"])
    }

    /// With aging at 60 s per level, a priority-0 task that waited 3 minutes goes before a
    /// priority-2 task that just arrived; a priority-5 task still jumps it.
    @Test("aging: waiting earns priority, so low priority is never starved")
    func aging() throws {
        var queue = Fixture.queue()
        queue.priorityAging = .seconds(60)
        var s = try Scenario(Fixture.tenant(queues: [queue], agents: Fixture.agents("1001")))
        s.arrive("old-low", priority: 0, at: 0)
        s.arrive("new-mid", priority: 2, at: 180)
        s.arrive("new-high", priority: 5, at: 181)
        #expect(s.engine.waitingTasks(in: "service") == ["new-high", "old-low", "new-mid"])
    }

    @Test("without aging, priority is strict however long the low one waited")
    func strictPriority() throws {
        var s = try Scenario(Fixture.tenant(agents: Fixture.agents("1001")))
        s.arrive("old-low", priority: 0, at: 0)
        s.arrive("new-mid", priority: 1, at: 3_600)
        #expect(s.engine.waitingTasks(in: "service") == ["new-mid", "old-low"])
    }

    /// A callback created for a caller who hung up at second 10 keeps that place: it goes
    /// ahead of a caller who arrived at second 20, behind one who arrived at second 5.
    @Test("a callback keeps the caller's original place and enqueue time")
    func callbackKeepsPlace() throws {
        var s = try Scenario(Fixture.tenant(agents: Fixture.agents("1001")))
        s.arrive("early", at: 5)
        s.arrive("late", at: 20)
        s.arrive("callback", enqueuedAt: 10, callback: true, at: 30)
        #expect(s.engine.waitingTasks(in: "service") == ["early", "callback", "late"])
        #expect(s.task("callback")?.placeInLine == .seconds(10))
        #expect(s.task("callback")?.isCallback == true)
    }

    @Test("a caller who asks for a callback while waiting keeps their place")
    func callbackRequestedKeepsPlace() throws {
        var s = try Scenario(Fixture.tenant(agents: Fixture.agents("1001")))
        s.arrive("a", at: 1)
        s.arrive("b", at: 2)
        s.arrive("c", at: 3)
        s.send(.callbackRequested("a"), at: 10)
        #expect(s.engine.waitingTasks(in: "service") == ["a", "b", "c"])
        s.signIn("1001", at: 20)
        let offer = try #require(s.lastOffers.first)
        #expect(offer.task == "a")
        #expect(offer.isCallback)
    }

    @Test("a supervisor raising a task's priority moves it ahead at once")
    func supervisorPriority() throws {
        var s = try Scenario(Fixture.tenant(agents: Fixture.agents("1001")))
        s.arrive("a", at: 1)
        s.arrive("b", at: 2)
        s.send(.supervisorChangedPriority("b", priority: 3), at: 3)
        #expect(s.engine.waitingTasks(in: "service") == ["b", "a"])
        s.signIn("1001", at: 4)
        #expect(s.last.offerPairs == ["b→1001"])
        s.send(.supervisorChangedPriority("a", priority: 1_001), at: 5)
        #expect(s.last.rejections.first?.error == .invalidPriority(1_001))
    }
}
