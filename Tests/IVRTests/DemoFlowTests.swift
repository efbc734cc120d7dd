// The demo tenant's flow (examples/flows/demo.json) on scripted calls: the paths the demo shows.
import Testing
@testable import IVR

@Suite struct DemoFlowTests {
    static let calendar = TenantCalendar(timeZone: .china, holidays: Fixture.china2025, officeHours: .standard)
    let flow = try! PreparedFlow(try! FlowBuilder.demo(), references: FlowReferences(queues: ["service", "complaints"]))

    func run(_ call: ScriptedCall, tier: CustomerTier = .standard, priority: Int = 0) async -> FlowResult {
        await FlowRunner(flow: flow, calendar: DemoFlowTests.calendar)
            .run(CallContext(caller: "13800138000", called: "4001234567", tier: tier, priority: priority), on: call)
    }

    @Test("an English caller checks the balance over HTTP and hears it in English")
    func englishBalance() async {
        let balance = LookupResponse(status: 200, body: .object(["data": .object(["balance": .number(88)])]))
        let call = ScriptedCall(time: Fixture.china("2025-06-09", 10), keys: ["2", "1", "1", ""], lookups: [balance])
        _ = await run(call)
        #expect(await call.lookupRequests.map(\.url) == ["https://crm.demo.invalid/api/balance?phone=13800138000"])
        #expect(await call.log.contains("say Your balance is 88 yuan. (en)"))
    }

    @Test("the deep-menu shortcut 11 at the main menu goes straight to the balance lookup")
    func shortcut() async {
        let call = ScriptedCall(time: Fixture.china("2025-06-09", 10), keys: ["1", "11", ""], lookups: [nil], queue: [])
        let result = await run(call)
        #expect(await call.lookupRequests.count == 1)
        #expect(result.trace.contains { $0.text == "shortcut 11 → 'balanceLookup'" })
    }

    @Test("complaints queue with priority 5; after the agent hangs up the caller rates the call")
    func complaint() async {
        let call = ScriptedCall(time: Fixture.china("2025-06-09", 10), keys: ["1", "3", "4"],
                                queue: [.agentAnswered(AgentInfo(workNumber: "2001", name: "赵敏"))])
        let result = await run(call)
        #expect(await call.enqueued.map { "\($0.queue)/\($0.priority)" } == ["complaints/5"])
        #expect(await call.log.contains("connect agent after TTS \"2001号客服代表为您服务。\" (zh)"))
        #expect(result.surveyScore == 4)
    }

    @Test("a VIP goes to the service queue with priority 10 without the menu")
    func vip() async {
        let call = ScriptedCall(time: Fixture.china("2025-06-09", 10), keys: ["1"], queue: [.agentAnswered(AgentInfo(workNumber: "1", name: "A"))])
        _ = await run(call, tier: .vip, priority: 10)
        #expect(await call.enqueued.map { "\($0.queue)/\($0.priority)" } == ["service/10"])
    }

    @Test("after hours the caller is told the opening hours and leaves a voicemail")
    func afterHours() async {
        let call = ScriptedCall(time: Fixture.china("2025-06-07", 20))
        let result = await run(call)
        #expect(await call.log.last(where: { $0.hasPrefix("voicemail") }) == "voicemail service max 120 beep true")
        #expect(result.lastNode == "voicemail")
    }
}
