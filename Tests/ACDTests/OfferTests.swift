// Scenarios for offers: answer, reject, ring-no-answer, withdrawal at any moment, wrap-up.
import Testing
@testable import ACD

@Suite struct OfferTests {
    static func tenant(wrapUp: Double = 0, offerTimeout: Double = 15) -> ACDTenantConfiguration {
        Fixture.tenant(queues: [Fixture.queue(wrapUp: wrapUp, offerTimeout: offerTimeout)],
                       agents: Fixture.agents("1001", "1002"))
    }

    @Test("an offer reserves the agent; answering makes it busy")
    func answer() throws {
        var s = try Scenario(Self.tenant())
        s.signIn("1001", at: 0)
        s.arrive("t1", at: 1)
        let offer = try #require(s.lastOffers.first)
        #expect(offer.expiresAt == .seconds(16))
        #expect(s.state(of: "1001") == .reserved)
        #expect(s.last.stateChanges.last == ACDAgentStateChange(agent: "1001", from: .ready, to: .reserved,
                                                                at: .seconds(1), cause: .offered))
        s.answer("t1", at: 4)
        #expect(s.state(of: "1001") == .busy)
        #expect(s.task("t1")?.state == .connected("1001"))
    }

    /// 1001 rejects: it goes not ready ("no-answer") and the call goes to 1002, still ahead
    /// of a caller who arrived later.
    @Test("a rejected offer puts the agent in not ready (no answer) and the task back at the front")
    func reject() throws {
        var s = try Scenario(Self.tenant())
        s.signIn("1001", at: 0)
        s.arrive("t1", at: 1)
        s.arrive("t2", at: 2)
        let offer = try #require(s.openOffer(of: "t1"))
        s.send(.offerRejected(offer.offer), at: 3)
        #expect(s.state(of: "1001") == .notReady(.noAnswer))
        #expect(s.engine.waitingTasks(in: "service") == ["t1", "t2"])
        s.signIn("1002", at: 4)
        #expect(s.last.offerPairs == ["t1→1002"])
        #expect(s.lastOffers.first?.trace.trigger == .agentAvailable)
        #expect(s.task("t1")?.noAnswers == 1)
    }

    @Test("ring-no-answer: the offer is withdrawn at the timeout, the agent goes not ready, the task is requeued")
    func ringNoAnswer() throws {
        var s = try Scenario(Self.tenant(offerTimeout: 15))
        s.signIn("1001", "1002", at: 0)
        s.arrive("t1", at: 1)
        #expect(s.last.offerPairs == ["t1→1001"])
        s.wait(until: 15.9)
        #expect(s.last.cancellations.isEmpty)
        s.wait(until: 16)
        #expect(s.last.cancellations.map(\.reason) == [.noAnswer])
        #expect(s.last.cancellations.first?.agent == "1001")
        #expect(s.last.offerPairs == ["t1→1002"])
        #expect(s.lastOffers.first?.trace.trigger == .taskReturned)
        #expect(s.state(of: "1001") == .notReady(.noAnswer))
        #expect(s.engine.queueStatus("service")?.counters.noAnswers == 1)
        #expect(s.engine.agentStatus("1001")?.counters.noAnswers == 1)
    }

    @Test("an answer arriving after the engine withdrew the offer is refused, not applied")
    func lateAnswer() throws {
        var s = try Scenario(Self.tenant(offerTimeout: 15))
        s.signIn("1001", at: 0)
        s.arrive("t1", at: 1)
        let offer = try #require(s.lastOffers.first)
        s.wait(until: 16)
        s.send(.offerAccepted(offer.offer), at: 17)
        #expect(s.last.rejections.first?.error == .unknownOffer(offer.offer))
        #expect(s.task("t1")?.state == .waiting)
    }

    @Test("the caller can hang up while waiting, while ringing, or after answer")
    func withdrawAtAnyMoment() throws {
        var s = try Scenario(Self.tenant(wrapUp: 5))
        s.signIn("1001", at: 0)
        s.arrive("ringing", at: 1)
        s.arrive("waiting", at: 2)
        s.send(.taskWithdrawn("waiting"), at: 3)
        #expect(s.last.endings.first?.outcome == .withdrawn)
        #expect(s.last.endings.first?.waited == .seconds(1))
        s.send(.taskWithdrawn("ringing"), at: 4)
        #expect(s.last.cancellations.first?.reason == .withdrawn)
        #expect(s.state(of: "1001") == .ready)
        s.arrive("talking", at: 5)
        s.answer("talking", at: 6)
        s.send(.taskWithdrawn("talking"), at: 66)
        #expect(s.last.endings.first?.outcome == .answered("1001"))
        #expect(s.last.endings.first?.handled == .seconds(60))
        #expect(s.state(of: "1001") == .wrapUp)
        let counters = try #require(s.engine.queueStatus("service")?.counters)
        #expect(counters.abandoned == 2)
        #expect(counters.answered == 1)
        s.send(.taskWithdrawn("talking"), at: 67)
        #expect(s.last.rejections.first?.error == .unknownTask("talking"))
    }

    @Test("after a task the agent does wrap-up for the queue's time, then is ready")
    func wrapUp() throws {
        var s = try Scenario(Self.tenant(wrapUp: 20))
        s.signIn("1001", at: 0)
        s.arrive("t1", at: 1)
        s.answer("t1", at: 2)
        s.arrive("t2", at: 3)
        s.complete("t1", at: 50)
        #expect(s.state(of: "1001") == .wrapUp)
        #expect(s.last.offers.isEmpty)
        s.wait(until: 69.9)
        #expect(s.state(of: "1001") == .wrapUp)
        s.wait(until: 70)
        #expect(s.last.stateChanges.first == ACDAgentStateChange(agent: "1001", from: .wrapUp, to: .reserved,
                                                                 at: .seconds(70), cause: .offered))
        #expect(s.last.offerPairs == ["t2→1001"])
    }

    @Test("asking for not ready during a call takes effect after wrap-up; ready during wrap-up ends it early")
    func stateRequestsDuringWork() throws {
        var s = try Scenario(Self.tenant(wrapUp: 20))
        s.signIn("1001", at: 0)
        s.arrive("t1", at: 1)
        s.answer("t1", at: 2)
        s.send(.agentStateChanged("1001", .notReady(.unspecified)), at: 10)
        #expect(s.state(of: "1001") == .busy)
        s.complete("t1", at: 30)
        #expect(s.state(of: "1001") == .wrapUp)
        s.wait(until: 50)
        #expect(s.state(of: "1001") == .notReady(.unspecified))
        s.send(.agentStateChanged("1001", .ready), at: 60)
        s.arrive("t2", at: 61)
        s.answer("t2", at: 62)
        s.complete("t2", at: 70)
        s.send(.agentStateChanged("1001", .ready), at: 75)
        #expect(s.state(of: "1001") == .ready)
        #expect(s.last.stateChanges.first?.from == .wrapUp)
    }

    @Test("an agent's own wrap-up time overrides the queue's")
    func agentWrapUpOverride() throws {
        var configuration = Self.tenant(wrapUp: 20)
        configuration.agents[0].wrapUpTime = .seconds(5)
        var s = try Scenario(configuration)
        s.signIn("1001", at: 0)
        s.arrive("t1", at: 1)
        s.answer("t1", at: 2)
        s.complete("t1", at: 10)
        s.wait(until: 15)
        #expect(s.state(of: "1001") == .ready)
    }
}
