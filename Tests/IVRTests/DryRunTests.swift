// The admin's dry run: step through a flow with typed keys, across requests.
import Foundation
import Testing
@testable import IVR

@Suite struct DryRunTests {
    let flow = try! PreparedFlow(try! FlowBuilder.demo())
    let call = CallContext(caller: "13800138000", called: "4001234567")
    let calendar = TenantCalendar(timeZone: .china, holidays: Fixture.china2025)

    @Test("the dry run stops at every prompt that needs keys and simulates the rest")
    func stepThrough() throws {
        let options = DryRunSession.Options(
            time: Fixture.china("2025-06-09", 10),
            lookupResponses: ["balanceLookup": LookupResponse(status: 200, body: .object(["data": .object(["balance": .string("66.80")])]))])
        var session = DryRunSession(flow: flow, call: call, calendar: calendar, options: options)
        let first = try session.start()
        #expect(first.lines == ["play TTS \"您好，欢迎致电客服演示中心。\" (zh)",
                                "collect up to 1 key after TTS \"中文服务请按1，For English, press 2.\" (zh)"])
        guard case .digits(let node, _) = first.awaiting else { Issue.record("not waiting"); return }
        #expect(node == "language")
        _ = try session.press("1")
        let balance = try session.press("11")
        #expect(balance.lines == ["caller keys 11", "lookup GET https://crm.demo.invalid/api/balance?phone=13800138000 → HTTP 200",
                                  "play TTS \"您的账户余额为66.80元。\" (zh)",
                                  "collect up to 1 key after TTS \"重听请按1，返回上一级请按星号键，人工服务请按0。\" (zh)"])
        let agent = try session.press("0")
        #expect(agent.lines == ["caller keys 0",
                                "enqueue to 'service' priority 0; screen pop balance=66.80, caller=13800138000, language=zh",
                                "agent 1001 answers",
                                "connect to the agent after TTS \"1001号客服代表为您服务。\" (zh); the agent hangs up",
                                "collect up to 1 key after TTS \"请对本次服务评分，非常满意请按5，不满意请按1。\" (zh)"])
        let end = try session.press("5")
        guard case .finished(let result) = end.awaiting else { Issue.record("not finished"); return }
        #expect(result.surveyScore == 5)
        #expect(end.lines.last == "end: hang up")
        #expect(throws: DryRunError.finished) { try session.press("1") }
    }

    @Test("a session kept as JSON between requests continues where it stopped")
    func acrossRequests() throws {
        var session = DryRunSession(flow: flow, call: call, calendar: calendar, options: DryRunSession.Options(time: Fixture.china("2025-06-09", 10)))
        _ = try session.start()
        let stored = try JSONEncoder().encode(session.snapshot)
        var next = try DryRunSession(flow: flow, resuming: JSONDecoder().decode(DryRunSession.Snapshot.self, from: stored))
        let step = try next.press("2")
        #expect(step.lines.last == "collect up to 2 keys after TTS \"For self-service, press 1. For enquiries, press 2. For complaints, press 3. For an agent, press 0.\" (en)")
        #expect(next.transcript.map { String($0.prefix(12)) } == ["play TTS \"您好", "collect up t", "caller keys ", "collect up t"])
    }

    @Test("no input, hang-ups and bad keys are handled as a caller would cause them")
    func callerActions() throws {
        var session = DryRunSession(flow: flow, call: call, calendar: calendar, options: DryRunSession.Options(time: Fixture.china("2025-06-09", 10)))
        #expect(throws: DryRunError.notStarted) { try session.press("1") }
        _ = try session.start()
        #expect(throws: DryRunError.alreadyStarted) { try session.start() }
        #expect(throws: DryRunError.notKeys("1a")) { try session.press("1a") }
        let silent = try session.press("")
        #expect(silent.lines.first == "caller: (no input)")
        let gone = try session.hangUp()
        #expect(gone.awaiting == .finished(session.snapshot.execution.phaseResult!))
        #expect(gone.lines == ["end: caller hung up"])
    }

    @Test("a dry run can pause at a lookup so the server performs the real HTTP request")
    func pauseAtLookup() throws {
        var session = DryRunSession(flow: flow, call: call, calendar: calendar,
                                    options: DryRunSession.Options(time: Fixture.china("2025-06-09", 10), pauseAtLookups: true))
        _ = try session.start()
        _ = try session.press("1")
        let paused = try session.press("11")
        guard case .lookup(let node, let request) = paused.awaiting else { Issue.record("did not pause"); return }
        #expect(node == "balanceLookup" && request.timeoutMs == 2000)
        #expect(throws: DryRunError.notAwaitingDigits) { try session.press("1") }
        let failed = try session.answerLookup(nil)
        #expect(failed.lines.prefix(2) == ["lookup GET https://crm.demo.invalid/api/balance?phone=13800138000 → failed",
                                           "play TTS \"抱歉，暂时无法查询余额，正在为您转接人工服务。\" (zh)"])
        #expect(throws: DryRunError.notAwaitingLookup) { try session.answerLookup(nil) }
    }

    @Test("at night the dry run shows the after-hours path without any keys")
    func afterHours() throws {
        var session = DryRunSession(flow: flow, call: call, calendar: calendar, options: DryRunSession.Options(time: Fixture.china("2025-06-07", 20)))
        let step = try session.start()
        #expect(step.lines == [
            "play TTS \"您好，欢迎致电客服演示中心。\" (zh)",
            "play TTS \"现在是非工作时间，我们的服务时间为周一至周五上午九点至下午六点。请在提示音后留言。\" (zh)",
            "voicemail into 'service' (up to 120 s)",
            "end: hang up",
        ])
    }
}

extension FlowExecution.Snapshot {
    var phaseResult: FlowResult? {
        if case .finished(let result) = phase { return result }
        return nil
    }
}
