// Scenarios for sticky routing: the agent who last served a customer is preferred.
import Testing
@testable import ACD

@Suite struct StickyTests {
    static func tenant(wait: Double = 10) -> ACDTenantConfiguration {
        var queue = Fixture.queue()
        queue.sticky = StickyRouting(window: .hours(2), wait: .seconds(wait))
        return Fixture.tenant(queues: [queue], agents: Fixture.agents("1001", "1002", "1003"))
    }

    /// The customer talked to 1002 an hour ago; 1001 has been idle longer but 1002 gets the call.
    @Test("a returning customer goes to the agent who served them within the window")
    func returningCustomer() throws {
        var s = try Scenario(Self.tenant())
        s.signIn("1001", at: 0)
        s.signIn("1002", "1003", at: 10)
        s.arrive("first", customer: "13800000000", at: 20)
        #expect(s.last.offerPairs == ["first→1001"])
        s.answer("first", at: 21)
        s.complete("first", at: 100)
        s.arrive("again", customer: "13800000000", at: 3_700)
        #expect(s.last.offerPairs == ["again→1001"])
        #expect(s.lastOffers.first?.trace.reason == .sticky)
        #expect(s.lastOffers.first?.trace.description.contains("sticky") == true)
    }

    @Test("when that agent is busy the task waits for them a few seconds, then goes to anyone")
    func stickyWaitThenAnyone() throws {
        var s = try Scenario(Self.tenant(wait: 10))
        s.signIn("1001", at: 0)
        s.arrive("first", customer: "c1", at: 1)
        s.answer("first", at: 2)
        s.complete("first", at: 10)
        s.arrive("busy-call", at: 11)
        s.answer("busy-call", at: 12)
        s.signIn("1002", at: 13)
        s.arrive("again", customer: "c1", at: 20)
        #expect(s.last.offers.isEmpty)
        #expect(s.task("again")?.state == .heldFor("1001"))
        s.wait(until: 29.9)
        #expect(s.last.offers.isEmpty)
        s.wait(until: 30)
        #expect(s.last.offerPairs == ["again→1002"])
        #expect(s.lastOffers.first?.trace.trigger == .stickyExpired)
    }

    @Test("a held task goes to its agent the moment the agent is free, ahead of older callers")
    func heldUntilAgentFree() throws {
        var s = try Scenario(Self.tenant(wait: 30))
        s.signIn("1001", at: 0)
        s.arrive("first", customer: "c1", at: 1)
        s.answer("first", at: 2)
        s.complete("first", at: 10)
        s.arrive("busy-call", at: 11)
        s.answer("busy-call", at: 12)
        s.arrive("other", at: 19)
        s.arrive("again", customer: "c1", at: 20)
        s.complete("busy-call", at: 25)
        #expect(s.last.offerPairs == ["again→1001"])
        #expect(s.engine.waitingTasks(in: "service") == ["other"])
    }

    @Test("outside the window, or when the agent is not ready, there is no preference")
    func noPreference() throws {
        var s = try Scenario(Self.tenant())
        s.signIn("1001", at: 0)
        s.arrive("first", customer: "c1", at: 1)
        s.answer("first", at: 2)
        s.complete("first", at: 10)
        s.signIn("1002", at: 11)
        s.arrive("late", customer: "c1", at: 2 * 3_600 + 20)
        #expect(s.last.offerPairs == ["late→1001"])
        #expect(s.lastOffers.first?.trace.reason == .longestIdle(idle: .seconds(2 * 3_600 + 10)))
        s.answer("late")
        s.complete("late", at: 2 * 3_600 + 30)
        s.send(.agentStateChanged("1001", .notReady(.unspecified)), at: 2 * 3_600 + 31)
        s.arrive("again", customer: "c1", at: 2 * 3_600 + 40)
        #expect(s.last.offerPairs == ["again→1002"])
    }

    @Test("an explicit preferred agent on the task is honoured like the last agent")
    func explicitPreferredAgent() throws {
        var s = try Scenario(Self.tenant())
        s.signIn("1001", "1002", "1003", at: 0)
        s.arrive("t1", preferred: "1003", at: 5)
        #expect(s.last.offerPairs == ["t1→1003"])
        s.arrive("t2", preferred: "nobody", at: 6)
        #expect(s.last.offerPairs == ["t2→1001"])
    }
}
