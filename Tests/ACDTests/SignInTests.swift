// Scenarios for signing in per skill group (签入技能组): agents are routed only for the
// queues they are signed in to.
import Testing
@testable import ACD

@Suite struct SignInTests {
    static func tenant() -> ACDTenantConfiguration {
        Fixture.tenant(
            queues: [Fixture.queue("billing"), Fixture.queue("sales"), Fixture.queue("vip")],
            agents: [AgentConfiguration(id: "1001", queues: [QueueMembership("billing"), QueueMembership("sales")])])
    }

    @Test("an agent signed in to billing only gets no sales tasks")
    func signInToSubset() throws {
        var s = try Scenario(Self.tenant())
        s.send(.agentSignedIn("1001", queues: ["billing"]), at: 0)
        #expect(s.engine.agentStatus("1001")?.signedInQueues == ["billing"])
        s.arrive("sale", queue: "sales", at: 1)
        #expect(s.last.offers.isEmpty)
        s.arrive("bill", queue: "billing", at: 2)
        #expect(s.last.offerPairs == ["bill→1001"])
        let explanation = try #require(s.engine.explain(task: "sale"))
        #expect(explanation.members.first?.blockedBy == .notSignedInToQueue)
    }

    @Test("joining a queue later picks up its waiting tasks; leaving it stops them")
    func joinAndLeave() throws {
        var s = try Scenario(Self.tenant())
        s.send(.agentSignedIn("1001", queues: ["billing"]), at: 0)
        s.arrive("sale", queue: "sales", at: 1)
        s.send(.agentJoinedQueues("1001", ["sales"]), at: 2)
        #expect(s.last.offerPairs == ["sale→1001"])
        s.answer("sale", at: 3)
        s.complete("sale", at: 4)
        s.send(.agentLeftQueues("1001", ["sales"]), at: 5)
        s.arrive("sale2", queue: "sales", at: 6)
        #expect(s.last.offers.isEmpty)
        #expect(s.engine.queueStatus("sales")?.agentsSignedIn == 0)
        #expect(s.engine.queueStatus("billing")?.agentsSignedIn == 1)
    }

    @Test("signing in to a queue the agent is not a member of is refused, naming the queues")
    func notAMember() throws {
        var s = try Scenario(Self.tenant())
        s.send(.agentSignedIn("1001", queues: ["billing", "vip", "nowhere"]), at: 0)
        let rejection = try #require(s.last.rejections.first)
        #expect(rejection.error == .notAMember("1001", queues: ["vip", "nowhere"]))
        #expect(rejection.description == "agentSignedIn refused: agent '1001' is not a member of 'vip', 'nowhere'")
        #expect(s.state(of: "1001") == .signedOut)
        s.send(.agentJoinedQueues("1001", ["sales"]), at: 1)
        #expect(s.last.rejections.first?.error == .agentSignedOut("1001"))
    }

    @Test("signing in not ready with a reason, then ready, starts routing")
    func signInNotReady() throws {
        var s = try Scenario(Self.tenant())
        s.arrive("bill", queue: "billing", at: 0)
        s.send(.agentSignedIn("1001", state: .notReady("not-ready")), at: 1)
        #expect(s.state(of: "1001") == .notReady(.unspecified))
        #expect(s.last.stateChanges.first?.cause == .signIn)
        s.send(.agentStateChanged("1001", .ready), at: 2)
        #expect(s.last.offerPairs == ["bill→1001"])
    }

    @Test("signing out withdraws a ringing offer, which goes back to the queue")
    func signOutWhileRinging() throws {
        var s = try Scenario(Self.tenant())
        s.signIn("1001", at: 0)
        s.arrive("bill", queue: "billing", at: 1)
        s.send(.agentSignedOut("1001"), at: 2)
        #expect(s.last.cancellations.first?.reason == .agentSignedOut)
        #expect(s.task("bill")?.state == .waiting)
        #expect(s.state(of: "1001") == .signedOut)
        #expect(s.engine.agentStatus("1001")?.signedInQueues == [])
    }

    @Test("a signed-out agent with a call in progress stays busy until it ends, then is signed out")
    func signOutDuringCall() throws {
        var s = try Scenario(Self.tenant())
        s.signIn("1001", at: 0)
        s.arrive("bill", queue: "billing", at: 1)
        s.answer("bill", at: 2)
        s.send(.supervisorSignedOutAgent("1001"), at: 3)
        #expect(s.state(of: "1001") == .busy)
        s.complete("bill", at: 10)
        #expect(s.state(of: "1001") == .signedOut)
        s.arrive("bill2", queue: "billing", at: 11)
        #expect(s.last.offers.isEmpty)
    }
}
