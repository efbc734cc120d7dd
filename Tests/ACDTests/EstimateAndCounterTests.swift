// Scenarios for position and expected-wait announcements and the live counters.
import Testing
@testable import ACD

@Suite struct EstimateAndCounterTests {
    static func tenant() -> ACDTenantConfiguration {
        var queue = Fixture.queue()
        queue.expectedHandleTime = .seconds(120)
        queue.announcementInterval = .seconds(30)
        queue.serviceLevelThreshold = .seconds(20)
        return Fixture.tenant(queues: [queue], agents: Fixture.agents("1001", "1002"))
    }

    /// Two agents busy, 120 s per task: the k-th caller hears the median of the wait for the
    /// k-th of two agents to free up, (k − ⅓) × 60 s.
    @Test("a waiting caller hears their position and expected wait on arrival and every 30 s")
    func announcements() throws {
        var s = try Scenario(Self.tenant())
        s.signIn("1001", "1002", at: 0)
        s.arrive("busy1", at: 1)
        s.answer("busy1", at: 1)
        s.arrive("busy2", at: 1)
        s.answer("busy2", at: 1)
        s.arrive("w1", at: 2)
        #expect(s.last.announcements == [ACDAnnouncement(task: "w1", queue: "service", position: 1,
                                                         estimatedWait: .seconds(40))])
        s.arrive("w2", at: 3)
        #expect(s.last.announcements.first?.position == 2)
        #expect(s.last.announcements.first?.estimatedWait == .seconds(100))
        s.arrive("vip", priority: 5, at: 4)
        #expect(s.last.announcements.first?.position == 1)
        #expect(s.engine.waitEstimate(for: "w2")?.position == 3)
        s.wait(until: 32)
        #expect(s.last.announcements.map(\.task) == ["w1"])
        #expect(s.last.announcements.first?.position == 2)
        s.wait(until: 33)
        #expect(s.last.announcements.map(\.position) == [3])
        #expect(s.engine.estimatedWait(queue: "service") == .seconds(220))
    }

    @Test("with nobody serving the queue there is no estimate to announce")
    func noEstimate() throws {
        var s = try Scenario(Self.tenant())
        s.arrive("w1", at: 1)
        #expect(s.last.announcements == [ACDAnnouncement(task: "w1", queue: "service", position: 1, estimatedWait: nil)])
        #expect(s.engine.estimatedWait(queue: "service") == nil)
    }

    @Test("queue counters: answered, within threshold, abandoned, speed of answer, longest wait")
    func queueCounters() throws {
        var s = try Scenario(Self.tenant())
        s.signIn("1001", at: 0)
        s.arrive("fast", at: 1)
        s.answer("fast", at: 3)
        s.arrive("slow", at: 10)
        s.arrive("gone", at: 11)
        s.complete("fast", at: 40)
        s.answer("slow", at: 41)
        s.send(.taskWithdrawn("gone"), at: 50)
        s.arrive("waiting", at: 60)
        let status = try #require(s.engine.queueStatus("service", at: .seconds(100)))
        #expect(status.waiting == 1)
        #expect(status.longestWait == .seconds(40))
        #expect(status.agentsSignedIn == 1)
        #expect(status.agentsWorking == 1)
        let counters = status.counters
        #expect(counters.entered == 4)
        #expect(counters.answered == 2)
        #expect(counters.answeredWithinThreshold == 1)
        #expect(counters.abandoned == 1)
        #expect(counters.serviceLevel == 1.0 / 3)
        #expect(counters.averageSpeedOfAnswer == .milliseconds(16_500))
        #expect(counters.averageHandleTime == .seconds(37))
        #expect(counters.longestAnsweredWaitMilliseconds == 31_000)
    }

    @Test("agent counters: time in each state, offers, answers, occupancy; reset at a new shift")
    func agentCounters() throws {
        var s = try Scenario(Self.tenant())
        s.signIn("1001", at: 0)
        s.arrive("t1", at: 10)
        s.answer("t1", at: 12)
        s.complete("t1", at: 40)
        s.send(.agentStateChanged("1001", .notReady(.unspecified)), at: 50)
        let status = try #require(s.engine.agentStatus("1001", at: .seconds(60)))
        #expect(status.counters.offered == 1)
        #expect(status.counters.answered == 1)
        #expect(status.counters.handled == 1)
        #expect(status.counters.timeInState[.ready] == .seconds(20))
        #expect(status.counters.timeInState[.reserved] == .seconds(2))
        #expect(status.counters.timeInState[.busy] == .seconds(28))
        #expect(status.counters.timeInState[.notReady] == .seconds(10))
        #expect(status.counters.occupancy == 0.6)
        #expect(status.stateSince == .seconds(50))
        s.send(.countersReset, at: 70)
        let fresh = try #require(s.engine.agentStatus("1001", at: .seconds(75)))
        #expect(fresh.counters.handled == 0)
        #expect(fresh.counters.timeInState == [.notReady: .seconds(5)])
        #expect(fresh.stateSince == .seconds(50))
        #expect(s.engine.queueStatus("service")?.counters == ACDQueueCounters())
    }
}
