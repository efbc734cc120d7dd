// Preparing a tenant for calls: flows, rules, queues and agents from stored records, and the
// ACD configuration that follows from them.

import ACD
import Foundation
import IVR
import Testing
@testable import CallCenter

@Suite struct TenantRuntimeTests {
    static let flow = Data("""
        {"id": "main", "version": 1, "name": "Main", "start": "q", "defaultQueue": "service", "agentNode": "q",
         "nodes": [{"id": "q", "type": "enqueue", "queue": "service", "answered": "talk", "afterCall": "done", "noAgent": "done"},
                   {"id": "talk", "type": "announceAgent", "prompt": {"tts": "${agent.workNumber}"}},
                   {"id": "done", "type": "hangUp"}]}
        """.utf8)

    static func record(flows: [String: Data] = ["f1": flow], rules: Data? = nil) -> TenantRecord {
        TenantRecord(
            id: "t1", code: "acme", sipDomain: "acme.example", timeZone: "Asia/Shanghai",
            calendarDays: [(date: "2026-10-01", name: "国庆节", isWorkday: false)], ivrPorts: 5, seats: 3,
            numbers: [AccessNumberRecord(id: "n1", number: "4001234567", outbound: false, flowID: "f1", rules: rules)],
            queues: [
                QueueRecord(id: "q1", name: "service", displayName: "Service", strategy: "ring_all", priority: 0,
                            serviceLevelSeconds: 20, wrapUpSeconds: 5, maxWaitSeconds: 60, maxWaiting: nil,
                            overflowQueueID: "q2", announceIntervalSeconds: 30, callbackEnabled: true,
                            skills: [(skill: "s1", minimumLevel: 2)]),
                QueueRecord(id: "q2", name: "backup", displayName: "Backup", strategy: "longest_idle", priority: 0,
                            serviceLevelSeconds: 20, wrapUpSeconds: 5, maxWaitSeconds: 30, maxWaiting: 10,
                            overflowQueueID: nil, announceIntervalSeconds: nil, callbackEnabled: false, skills: []),
            ],
            agents: [AgentRecord(id: "a1", workNumber: "8001", name: "Zhang", extensionNumber: "1001", pcPhoneNumber: nil,
                                 autoAnswer: false, voiceCapacity: 1, teamID: "team", skills: [(skill: "s1", level: 5)],
                                 queues: [(queue: "q1", tier: 1)])],
            skills: ["s1": "billing"], flows: flows)
    }

    @Test("an access number runs its published flow and agents are found by extension and work number")
    func numbersAndAgents() {
        let runtime = TenantRuntime(Self.record())
        #expect(runtime.problems.isEmpty)
        #expect(runtime.numbers["4001234567"]?.flow?.definition.id == FlowID("main"))
        #expect(runtime.agentsByExtension["1001"]?.workNumber == "8001")
        #expect(runtime.agentsByWorkNumber["8001"]?.extensionNumber == "1001")
        #expect(runtime.queuesByName["backup"]?.id == "q2")
    }

    @Test("a broken flow is reported and skipped, the number stays without a flow")
    func brokenFlow() {
        let runtime = TenantRuntime(Self.record(flows: ["f1": Data("{\"id\": 3}".utf8)]))
        #expect(runtime.problems.count == 1)
        #expect(runtime.numbers["4001234567"] != nil)
        #expect(runtime.numbers["4001234567"]?.flow == nil)
    }

    @Test("a queue's survey is its named published flow; a name that matches none is reported and the queue has no survey")
    func queueSurveys() {
        var record = Self.record()
        record.queues[0].surveyFlow = "Main"
        record.queues[0].surveyFlowID = "f1"
        record.queues[1].surveyFlow = "gone"
        let runtime = TenantRuntime(record)
        #expect(runtime.queueSurveys["q1"]?.definition.id == FlowID("main"))
        #expect(runtime.queueSurveys["q2"] == nil)
        #expect(runtime.problems == ["queue backup: survey_flow 'gone' is not a published flow of this tenant (its callers take the number's or the tenant's survey)"])
    }

    @Test("queues become ACD queues with their strategy, skills, wrap-up and overflow")
    func acdConfiguration() throws {
        let configuration = TenantRuntime(Self.record()).acdConfiguration
        let service = try #require(configuration.queues.first { $0.id == QueueID("q1") })
        #expect(service.strategy == .ringAll)
        #expect(service.requiredSkills == [SkillRequirement(SkillID("s1"), atLeast: 2)])
        #expect(service.wrapUpTime == .seconds(5))
        #expect(service.overflow == [OverflowRule(when: .waitedLongerThan(.seconds(60)), then: .queue(QueueID("q2")))])
        let backup = try #require(configuration.queues.first { $0.id == QueueID("q2") })
        #expect(backup.overflow.count == 2)
        #expect(backup.overflow.allSatisfy { $0.action.endsTask })
        let agent = try #require(configuration.agents.first)
        #expect(agent.skills[SkillID("s1")] == 5)
        #expect(agent.queues == [QueueMembership(QueueID("q1"), tier: 0)])
        #expect(try ACDEngine(configuration: configuration).tenant == TenantID("t1"))
    }

    @Test("the tenant's not-ready reasons reach the ACD, so an agent can go not ready with one of them")
    func notReadyReasons() throws {
        var record = Self.record()
        record.notReadyReasons = [NotReadyReasonRecord(code: "rest", name: "小休", maxDurationSeconds: 600, maxPerShift: 3, maxConcurrentPerTeam: 1)]
        let configuration = TenantRuntime(record).acdConfiguration
        #expect(configuration.notReadyReasons.map(\.id) == [NotReadyReasonID("rest")])
        var engine = try ACDEngine(configuration: configuration)
        _ = engine.handle(.agentSignedIn(AgentID("a1")), at: .zero)
        let effects = engine.handle(.agentStateChanged(AgentID("a1"), .notReady(NotReadyReasonID("rest"))), at: .seconds(1))
        #expect(!effects.contains { if case .rejected = $0 { true } else { false } })
        #expect(engine.agentStatus(AgentID("a1"))?.state == .notReady(NotReadyReasonID("rest")))
    }

    @Test("office hours follow the tenant's calendar unless the node is always open")
    func officeHours() throws {
        let date = try #require(CivilDate("2026-10-01"))
        let holiday = try #require(LocalDateTime(date: date, hour: 10, minute: 0))
        #expect(!TenantRuntime(Self.record()).calendar.isOfficeHours(holiday))
        #expect(TenantRuntime(Self.record(), alwaysOpen: true).calendar.isOfficeHours(holiday))
    }

    @Test("a queue with service hours is open in them by the tenant's clock, closed outside, on holidays and open on make-up working days; closed, its callers overflow")
    func queueServiceHours() throws {
        var record = Self.record()
        record.queues[0].businessHours = [(days: ["mon", "tue", "wed", "thu", "fri"], start: "09:00", end: "18:00")]
        record.calendarDays.append((date: "2026-10-10", name: "国庆调休", isWorkday: true))
        let runtime = TenantRuntime(record)
        // Beijing time is UTC+8; 2026-09-28 is a Monday, 10-01 a holiday, 10-10 a make-up Saturday.
        func openness(_ utc: String) throws -> [String: Bool] {
            runtime.queueOpenness(at: try #require(ISO8601DateFormatter().date(from: utc)))
        }
        #expect(try openness("2026-09-28T02:00:00Z") == ["q1": true], "Monday 10:00")
        #expect(try openness("2026-09-28T12:00:00Z") == ["q1": false], "Monday 20:00")
        #expect(try openness("2026-09-26T02:00:00Z") == ["q1": false], "Saturday 10:00")
        #expect(try openness("2026-10-01T02:00:00Z") == ["q1": false], "National Day 10:00")
        #expect(try openness("2026-10-10T02:00:00Z") == ["q1": true], "make-up Saturday 10:00")
        #expect(TenantRuntime(record, alwaysOpen: true).queueOpenness(at: Date()).isEmpty)

        var engine = try ACDEngine(configuration: runtime.acdConfiguration)
        _ = engine.handle(.queueClosed(QueueID("q1")), at: .zero)
        let effects = engine.handle(.taskArrived(RoutingTask(id: TaskID("call"), queue: QueueID("q1"))), at: .seconds(1))
        let overflowed = effects.contains { if case .overflow(let overflow) = $0 { overflow.condition == .closed } else { false } }
        #expect(overflowed, "\(effects)")
    }

    @Test("the directory finds a number with or without the +86 prefix and by SIP domain")
    func directoryLookups() {
        let directory = TenantDirectory()
        directory.replace(with: [TenantRuntime(Self.record())])
        #expect(directory.route(dialled: "4001234567")?.1.numberID == "n1")
        #expect(directory.route(dialled: "+864001234567")?.0.id == "t1")
        #expect(directory.route(dialled: "4009999999") == nil)
        #expect(directory.tenant(realm: "ACME.example")?.id == "t1")
    }
}
