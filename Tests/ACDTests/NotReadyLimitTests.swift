// Scenarios for not-ready reasons and their limits: duration, count per shift, per team.
import Testing
@testable import ACD

@Suite struct NotReadyLimitTests {
    static func tenant(enforcement: LimitEnforcement = .alert) -> ACDTenantConfiguration {
        let reasons = [
            NotReadyReasonConfiguration(id: "rest", name: "小休", maximumDuration: .minutes(10), maximumPerShift: 3,
                                        maximumPerTeam: 1, enforcement: enforcement),
            NotReadyReasonConfiguration(id: "meeting"),
        ]
        let agents = ["1001", "1002", "1003"].map {
            AgentConfiguration(id: AgentID($0), team: $0 == "1003" ? "blue" : "red", queues: [QueueMembership("service")])
        }
        return Fixture.tenant(agents: agents, reasons: reasons)
    }

    @Test("staying in a reason past its maximum duration is reported when it passes")
    func duration() throws {
        var s = try Scenario(Self.tenant())
        s.signIn("1001", at: 0)
        s.send(.agentStateChanged("1001", .notReady("rest")), at: 100)
        s.wait(until: 699)
        #expect(s.last.violations.isEmpty)
        s.wait(until: 700)
        let violation = try #require(s.last.violations.first)
        #expect(violation.limit == .duration(maximum: .minutes(10), since: .seconds(100)))
        #expect(violation.agent == "1001")
        #expect(violation.team == "red")
        #expect(!violation.refused)
        #expect(s.state(of: "1001") == .notReady("rest"))
    }

    @Test("coming back in time reports nothing")
    func backInTime() throws {
        var s = try Scenario(Self.tenant())
        s.signIn("1001", at: 0)
        s.send(.agentStateChanged("1001", .notReady("rest")), at: 100)
        s.send(.agentStateChanged("1001", .ready), at: 500)
        s.wait(until: 2_000)
        #expect(s.history.violations.isEmpty)
    }

    @Test("the fourth rest of a shift is allowed but reported; a new shift starts the count again")
    func perShift() throws {
        var s = try Scenario(Self.tenant())
        s.signIn("1001", at: 0)
        for round in 0..<4 {
            s.send(.agentStateChanged("1001", .notReady("rest")), at: Double(round * 100 + 10))
            s.send(.agentStateChanged("1001", .ready), at: Double(round * 100 + 20))
        }
        #expect(s.history.violations.map(\.limit) == [.perShift(maximum: 3, count: 4)])
        #expect(s.engine.agentStatus("1001")?.notReadyCounts["rest"] == 4)
        s.send(.countersReset, at: 1_000)
        s.send(.agentStateChanged("1001", .notReady("rest")), at: 1_010)
        #expect(s.last.violations.isEmpty)
        #expect(s.engine.agentStatus("1001")?.notReadyCounts["rest"] == 1)
    }

    @Test("a second agent of the same team on rest is reported; another team is not affected")
    func perTeamAlert() throws {
        var s = try Scenario(Self.tenant())
        s.signIn("1001", "1002", "1003", at: 0)
        s.send(.agentStateChanged("1001", .notReady("rest")), at: 1)
        s.send(.agentStateChanged("1003", .notReady("rest")), at: 2)
        #expect(s.last.violations.isEmpty)
        s.send(.agentStateChanged("1002", .notReady("rest")), at: 3)
        #expect(s.last.violations.map(\.limit) == [.perTeam(maximum: 1, count: 2)])
        #expect(s.state(of: "1002") == .notReady("rest"))
        #expect(s.engine.agentsInReason("rest", team: "red") == 2)
    }

    @Test("with enforcement refuse, the request is refused and the agent stays ready; a supervisor can force it")
    func perTeamRefuse() throws {
        var s = try Scenario(Self.tenant(enforcement: .refuse))
        s.signIn("1001", "1002", at: 0)
        s.send(.agentStateChanged("1001", .notReady("rest")), at: 1)
        s.send(.agentStateChanged("1002", .notReady("rest")), at: 2)
        let rejection = try #require(s.last.rejections.first)
        guard case .limitRefused(let violation) = rejection.error else {
            Issue.record("expected a limit refusal, got \(rejection)")
            return
        }
        #expect(violation.refused)
        #expect(violation.limit == .perTeam(maximum: 1, count: 2))
        #expect(rejection.description.contains("2 agents of team red in 'rest' at once, limit 1 (request refused)"))
        #expect(s.state(of: "1002") == .ready)
        s.send(.supervisorForcedState("1002", .notReady("rest")), at: 3)
        #expect(s.state(of: "1002") == .notReady("rest"))
        #expect(s.last.violations.map(\.refused) == [false])
        #expect(s.last.stateChanges.first?.cause == .supervisor)
    }

    @Test("an unknown reason is refused")
    func unknownReason() throws {
        var s = try Scenario(Self.tenant())
        s.signIn("1001", at: 0)
        s.send(.agentStateChanged("1001", .notReady("smoking")), at: 1)
        #expect(s.last.rejections.first?.error == .unknownReason("smoking"))
    }
}
