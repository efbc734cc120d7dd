// Configuration: plain Codable values an admin can write, validated with precise errors,
// and changed while live without losing tasks.
import Foundation
import Testing
@testable import ACD

@Suite struct ConfigurationTests {
    static let json = """
        {
          "tenant": "acme",
          "skills": [{"id": "billing", "name": "账单"}],
          "queues": [
            {"id": "service", "name": "Service", "strategy": "longestIdle", "wrapUpTime": 15,
             "priorityAging": 60, "requiredSkills": [{"skill": "billing", "minimumLevel": 2}],
             "skillRelaxation": [{"after": 30, "minimumLevel": 1}],
             "overflow": [{"when": {"waitedLongerThan": 120}, "then": {"queue": "backup"}},
                          {"when": "closed", "then": "voicemail"},
                          {"when": {"queueFull": 50}, "then": {"externalNumber": "4001234567"}},
                          {"when": "noAgentsSignedIn", "then": {"ivrNode": "sorry"}}],
             "sticky": {"window": 7200, "wait": 8}, "announcementInterval": 45},
            {"id": "backup", "strategy": "ringAll", "offerTimeout": 12.5}
          ],
          "agents": [
            {"id": "1001", "team": "red", "skills": {"billing": 7},
             "queues": [{"queue": "service"}, {"queue": "backup", "tier": 2}],
             "capacity": [{"channel": "voice", "maximum": 1, "blocks": ["chat"]}, {"channel": "chat", "maximum": 2}]}
          ],
          "notReadyReasons": [{"id": "rest", "name": "小休", "maximumDuration": 600, "maximumPerShift": 3,
                               "maximumPerTeam": 1, "enforcement": "refuse"}]
        }
        """

    @Test("a configuration written by hand in JSON decodes, with defaults for what it leaves out")
    func decodeHandWritten() throws {
        let configuration = try JSONDecoder().decode(ACDTenantConfiguration.self, from: Data(Self.json.utf8))
        try configuration.validate()
        let service = configuration.queues[0]
        #expect(service.wrapUpTime == .seconds(15))
        #expect(service.offerTimeout == .seconds(20))
        #expect(service.overflow.map(\.action) == [.queue("backup"), .voicemail, .externalNumber("4001234567"),
                                                   .ivrNode("sorry")])
        #expect(service.overflow.map(\.condition) == [.waitedLongerThan(.seconds(120)), .closed,
                                                      .queueFull(waiting: 50), .noAgentsSignedIn])
        #expect(service.sticky == StickyRouting(window: .hours(2), wait: .seconds(8)))
        #expect(configuration.queues[1].name == "backup")
        #expect(configuration.queues[1].offerTimeout == .milliseconds(12_500))
        #expect(configuration.agents[0].queues == [QueueMembership("service"), QueueMembership("backup", tier: 2)])
        #expect(configuration.agents[0].skills == ["billing": 7])
        #expect(configuration.notReadyReasons[0].enforcement == .refuse)
        #expect(configuration.defaultCapacity == ChannelCapacity.defaults)
        _ = try ACDEngine(configuration: configuration)
    }

    @Test("encoding then decoding gives the same configuration")
    func roundTrip() throws {
        let configuration = try JSONDecoder().decode(ACDTenantConfiguration.self, from: Data(Self.json.utf8))
        let again = try JSONDecoder().decode(ACDTenantConfiguration.self, from: JSONEncoder().encode(configuration))
        #expect(again == configuration)
    }

    @Test("every problem is reported at once, each naming its field")
    func validation() throws {
        var configuration = try JSONDecoder().decode(ACDTenantConfiguration.self, from: Data(Self.json.utf8))
        configuration.queues[0].overflow[0] = OverflowRule(when: .waitedLongerThan(.seconds(60)), then: .queue("nowhere"))
        configuration.queues[1].offerTimeout = .zero
        configuration.agents[0].skills["billing"] = 12
        configuration.agents[0].queues.append(QueueMembership("ghost"))
        configuration.agents.append(configuration.agents[0])
        configuration.notReadyReasons[0].maximumPerShift = -1
        do {
            _ = try ACDEngine(configuration: configuration)
            Issue.record("an invalid configuration was accepted")
        } catch {
            #expect(error.problems.map(\.field) == [
                "queues[0].overflow[0].then.queue", "queues[1].offerTimeout", "agents[0].skills.billing",
                "agents[0].queues[2].queue", "agents[1].id", "agents[1].skills.billing", "agents[1].queues[2].queue",
                "notReadyReasons[0].maximumPerShift",
            ])
            #expect(error.problems[0].message == "queue 'nowhere' is not defined")
            #expect(error.description.hasPrefix("invalid ACD configuration: queues[0].overflow[0].then.queue: "))
        }
    }

    @Test("an unknown strategy in JSON is refused by the decoder, naming the value")
    func badJSON() {
        let json = #"{"tenant": "acme", "queues": [{"id": "q", "strategy": "fastest"}]}"#
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ACDTenantConfiguration.self, from: Data(json.utf8))
        }
    }

    /// The admin adds an agent and changes the strategy while calls wait and one is answered:
    /// nothing is lost, and the new agent takes the waiting call.
    @Test("a configuration change while live keeps tasks and agents and routes with the new rules")
    func liveChange() throws {
        let initial = Fixture.tenant(agents: Fixture.agents("1001"))
        var s = try Scenario(initial)
        s.signIn("1001", at: 0)
        s.arrive("t1", at: 1)
        s.answer("t1", at: 2)
        s.arrive("t2", at: 3)
        var changed = initial
        changed.queues[0].strategy = .roundRobin
        changed.agents.append(AgentConfiguration(id: "1002", queues: [QueueMembership("service")]))
        s.send(.configurationChanged(changed), at: 4)
        #expect(s.last.rejections.isEmpty)
        #expect(s.task("t1")?.state == .connected("1001"))
        #expect(s.task("t2")?.state == .waiting)
        #expect(s.state(of: "1001") == .busy)
        s.signIn("1002", at: 5)
        #expect(s.last.offerPairs == ["t2→1002"])
        #expect(s.engine.configuration.queues[0].strategy == .roundRobin)
    }

    @Test("removing a queue that still has tasks, or a config for another tenant, is refused")
    func refusedChanges() throws {
        let initial = Fixture.tenant(queues: [Fixture.queue("a"), Fixture.queue("b")],
                                     agents: Fixture.agents("1001", queue: "a"))
        var s = try Scenario(initial)
        s.arrive("t1", queue: "b", at: 1)
        var withoutB = initial
        withoutB.queues.removeLast()
        s.send(.configurationChanged(withoutB), at: 2)
        guard case .invalidConfiguration(let error) = s.last.rejections.first?.error else {
            Issue.record("expected a refusal, got \(s.last)")
            return
        }
        #expect(error.problems.first?.message.contains("queue 'b' still has 1 live task") == true)
        #expect(s.task("t1")?.queue == "b")
        var other = initial
        other.tenant = "other"
        s.send(.configurationChanged(other), at: 3)
        #expect(s.last.rejections.first?.error == .wrongTenant(expected: "acme", got: "other"))
        s.send(.taskWithdrawn("t1"), at: 4)
        s.send(.configurationChanged(withoutB), at: 5)
        #expect(s.last.rejections.isEmpty)
        #expect(s.engine.queueStatus("b") == nil)
    }

    @Test("commands naming unknown things are refused with their names, and change nothing")
    func unknownReferences() throws {
        var s = try Scenario(Fixture.tenant(agents: Fixture.agents("1001")))
        let before = s.engine.snapshot()
        s.send(.agentSignedIn("9999"), at: 1)
        #expect(s.last.rejections.first?.error == .unknownAgent("9999"))
        s.arrive("t1", queue: "nope", at: 2)
        #expect(s.last.rejections.first?.description == "taskArrived refused: queue 'nope' is not configured")
        s.send(.taskCompleted("t9"), at: 3)
        #expect(s.last.rejections.first?.error == .unknownTask("t9"))
        s.send(.offerAccepted(OfferID(77)), at: 4)
        #expect(s.last.rejections.first?.error == .unknownOffer(OfferID(77)))
        s.arrive("", at: 5)
        #expect(s.last.rejections.first?.error == .emptyTaskID)
        let after = s.engine.snapshot()
        #expect(after.tasks == before.tasks)
        #expect(after.agents.map(\.state) == before.agents.map(\.state))
    }
}
