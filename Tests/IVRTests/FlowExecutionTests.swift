// The interpreter as a state machine: events in, actions out; guard rails (step budget,
// error branch, unexpected events) and resuming from a snapshot.
import Foundation
import Testing
@testable import IVR

@Suite struct FlowExecutionTests {
    let now = Fixture.china("2025-06-09", 10)
    let call = CallContext(caller: "13800138000", called: "4001234567")

    @Test("a play node asks to play, and the end of the prompt moves to the next node")
    func eventsInActionsOut() throws {
        let flow = try FlowBuilder.prepared("""
            {"id": "start", "type": "play", "prompt": {"tts": "您好"}, "next": "menu"},
            {"id": "menu", "type": "menu", "prompt": {"file": "menu"}, "options": {"1": "bye"}},
            {"id": "bye", "type": "hangUp"}
            """)
        var execution = FlowExecution(flow: flow, call: call, calendar: TenantCalendar())
        #expect(execution.start(at: now) == .play(.tts("您好", language: .chinese)))
        #expect(execution.currentNode == "start")
        #expect(execution.received(.playFinished, at: now) == .collectDigits(DigitCollection(
            prompts: [.file("menu", language: .chinese)], maxDigits: 1, terminator: nil, firstDigitTimeoutSeconds: 5, interDigitTimeoutSeconds: 1)))
        guard case .end(let result) = execution.received(.digitsCollected(CollectedDigits("1")), at: now) else {
            Issue.record("did not end"); return
        }
        #expect(result.disposition == .hangUp)
        #expect(result.trace.map(\.description) == ["[1] start: play TTS \"您好\" (zh)", "[2] menu: key 1 → 'bye'", "[3] bye: hang up"])
    }

    @Test("a flow that loops through menus forever is stopped by the step budget and sent to the error branch")
    func stepBudget() throws {
        let flow = try FlowBuilder.prepared("""
            {"id": "start", "type": "menu", "prompt": {"tts": "a"}, "options": {"1": "other"}},
            {"id": "other", "type": "menu", "prompt": {"tts": "b"}, "options": {"1": "start"}}
            """, extra: #""maxSteps": 10"#)
        var execution = FlowExecution(flow: flow, call: call, calendar: TenantCalendar())
        var action = execution.start(at: now)
        var presses = 0
        while case .collectDigits = action {
            presses += 1
            action = execution.received(.digitsCollected(CollectedDigits("1")), at: now)
        }
        #expect(presses == 10)
        #expect(action == .play(.tts("抱歉，系统暂时无法处理您的请求，正在为您转接人工服务。", language: .chinese)))
        #expect(execution.received(.playFinished, at: now) == .enqueue(EnqueueRequest(
            queue: "service", priority: 0, skills: [], screenPop: [:], maxWaitSeconds: nil, language: .chinese, tier: .standard)))
        #expect(execution.snapshot.errors == ["step budget of 10 exhausted"])
    }

    @Test("a failure goes to the flow's own error node; a failure there goes to the default queue")
    func errorNode() throws {
        let flow = try FlowBuilder.prepared("""
            {"id": "start", "type": "lookup", "url": "https://crm/x", "timeoutMs": 500, "map": {"v": "v"}, "next": "start2"},
            {"id": "start2", "type": "hangUp"},
            {"id": "oops", "type": "transfer", "number": "95588"}
            """, extra: #""errorNode": "oops""#)
        var execution = FlowExecution(flow: flow, call: call, calendar: TenantCalendar())
        _ = execution.start(at: now)
        #expect(execution.received(.failed("connection refused"), at: now) == .transfer(TransferRequest(number: "95588", ringSeconds: 30)))
        #expect(execution.received(.transferFinished(.busy), at: now) == .play(FlowDefinition.defaultApology.resolve(language: .chinese, fallback: .chinese) { _ in nil }))
        #expect(execution.snapshot.errors == ["lookup failed: connection refused", "95588 is busy"])
    }

    @Test("an event that does not answer the outstanding action is an error, never silence")
    func unexpectedEvent() throws {
        let flow = try FlowBuilder.prepared(#"{"id": "start", "type": "play", "prompt": {"tts": "a"}, "next": "bye"}, {"id": "bye", "type": "hangUp"}"#)
        var execution = FlowExecution(flow: flow, call: call, calendar: TenantCalendar())
        _ = execution.start(at: now)
        guard case .play = execution.received(.surveyRecorded, at: now) else { Issue.record("no apology"); return }
        #expect(execution.snapshot.errors == ["unexpected event surveyRecorded while waiting for a prompt to finish"])
    }

    @Test("time variables follow the instant each event carries")
    func timeVariables() throws {
        let flow = try FlowBuilder.prepared("""
            {"id": "start", "type": "play", "prompt": {"tts": "${time.date} ${time.hour}:${time.minute} ${time.weekday} ${time.officeHours} ${time.holiday}"}, "next": "start2"},
            {"id": "start2", "type": "play", "prompt": {"tts": "${time.hour} ${time.officeHours}"}, "next": "bye"},
            {"id": "bye", "type": "hangUp"}
            """)
        var execution = FlowExecution(flow: flow, call: call, calendar: TenantCalendar(holidays: Fixture.china2025))
        #expect(execution.start(at: Fixture.china("2025-10-01", 9, 30)) == .play(.tts("2025-10-01 9:30 3 false true", language: .chinese)))
        #expect(execution.received(.playFinished, at: Fixture.china("2025-10-09", 17, 59)) == .play(.tts("17 true", language: .chinese)))
    }

    @Test("an execution resumes from its JSON snapshot and refuses a different flow version")
    func resume() throws {
        let definition = try FlowBuilder.definition(FlowNodeTests.menus)
        let flow = try PreparedFlow(definition)
        var execution = FlowExecution(flow: flow, call: call, calendar: TenantCalendar())
        _ = execution.start(at: now)
        _ = execution.received(.digitsCollected(CollectedDigits("1")), at: now)
        let data = try JSONEncoder().encode(execution.snapshot)
        var resumed = try FlowExecution(flow: flow, resuming: JSONDecoder().decode(FlowExecution.Snapshot.self, from: data))
        #expect(resumed.currentNode == "sub")
        #expect(resumed.received(.digitsCollected(CollectedDigits("*")), at: now) == execution.received(.digitsCollected(CollectedDigits("*")), at: now))
        var changed = definition
        changed.version = 2
        #expect(throws: FlowResumeError.self) { try FlowExecution(flow: try PreparedFlow(changed), resuming: execution.snapshot) }
    }

    @Test("flows survive a JSON round trip unchanged")
    func roundTrip() throws {
        let demo = try FlowBuilder.demo()
        let encoded = try JSONEncoder().encode(demo)
        #expect(try JSONDecoder().decode(FlowDefinition.self, from: encoded) == demo)
        let rules = try JSONDecoder().decode(InboundRuleSet.self, from: Fixture.repositoryFile("examples/flows/demo-routing.json"))
        #expect(try JSONDecoder().decode(InboundRuleSet.self, from: JSONEncoder().encode(rules)) == rules)
    }
}
