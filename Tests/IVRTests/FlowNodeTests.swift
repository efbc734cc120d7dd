// A readable scenario for every node kind, run by FlowRunner on a scripted call.
import Testing
@testable import IVR

@Suite struct FlowNodeTests {
    static let calendar = TenantCalendar(timeZone: .china, holidays: Fixture.china2025, officeHours: .standard)
    let monday = Fixture.china("2025-06-09", 10)
    let caller = CallContext(caller: "13800138000", called: "4001234567")

    func run(_ flow: PreparedFlow, _ call: ScriptedCall, context: CallContext? = nil) async -> FlowResult {
        await FlowRunner(flow: flow, calendar: FlowNodeTests.calendar).run(context ?? caller, on: call)
    }

    @Test("play speaks TTS with variables in the call's language, then goes on")
    func play() async throws {
        let flow = try FlowBuilder.prepared("""
            {"id": "start", "type": "play", "prompt": {"tts": "您的来电号码是${caller}"}, "next": "file"},
            {"id": "file", "type": "play", "prompt": {"file": "welcome"}, "next": "bye"},
            {"id": "bye", "type": "hangUp"}
            """)
        let call = ScriptedCall(time: monday)
        let result = await run(flow, call)
        #expect(await call.log == ["say 您的来电号码是13800138000 (zh)", "play welcome (zh)", "hang up"])
        #expect(result.disposition == .hangUp && result.lastNode == "bye" && result.steps == 3)
    }

    static let menus = """
        {"id": "start", "type": "menu", "prompt": {"tts": "主菜单"}, "invalidPrompt": {"tts": "输入有误"}, "timeoutPrompt": {"tts": "请按键"},
         "options": {"1": "sub", "2": "two"}, "retries": 1, "onFailure": "failed"},
        {"id": "sub", "type": "menu", "prompt": {"tts": "子菜单"}, "options": {"1": "one"}},
        {"id": "one", "type": "hangUp", "prompt": {"tts": "一"}},
        {"id": "two", "type": "hangUp", "prompt": {"tts": "二"}},
        {"id": "failed", "type": "hangUp", "prompt": {"tts": "再见"}}
        """
    static let menusWithAgent = menus + #", {"id": "agent", "type": "enqueue", "queue": "agents"}"#

    @Test("a menu re-prompts after an invalid key, then follows the option")
    func menuInvalidThenValid() async throws {
        let call = ScriptedCall(time: monday, keys: ["7", "2"])
        _ = await run(try FlowBuilder.prepared(FlowNodeTests.menusWithAgent, extra: #""agentNode": "agent""#), call)
        #expect(await call.log == ["prompt TTS \"主菜单\" (zh)", "keys 7", "prompt TTS \"输入有误\" (zh)", "prompt TTS \"主菜单\" (zh)",
                                   "keys 2", "say 二 (zh)", "hang up"])
    }

    @Test("a menu gives up after its retries and takes the failure branch")
    func menuTimeouts() async throws {
        let call = ScriptedCall(time: monday, keys: ["", ""])
        let result = await run(try FlowBuilder.prepared(FlowNodeTests.menusWithAgent, extra: #""agentNode": "agent""#), call)
        #expect(await call.log == ["prompt TTS \"主菜单\" (zh)", "keys (none)", "prompt TTS \"请按键\" (zh)", "prompt TTS \"主菜单\" (zh)",
                                   "keys (none)", "say 再见 (zh)", "hang up"])
        #expect(result.lastNode == "failed")
    }

    @Test("star goes back to the previous menu and zero reaches the agent node")
    func starAndZero() async throws {
        let call = ScriptedCall(time: monday, keys: ["1", "*", "0"], queue: [.noAgent(reason: "closed")])
        let result = await run(try FlowBuilder.prepared(FlowNodeTests.menusWithAgent, extra: #""agentNode": "agent""#), call)
        #expect(await call.log == ["prompt TTS \"主菜单\" (zh)", "keys 1", "prompt TTS \"子菜单\" (zh)", "keys *",
                                   "prompt TTS \"主菜单\" (zh)", "keys 0", "enqueue agents priority 0",
                                   "say 抱歉，系统暂时无法处理您的请求，正在为您转接人工服务。 (zh)", "enqueue service priority 0", "hang up"])
        #expect(result.errors == ["no agent: closed"])
    }

    @Test("zero without an agent node enqueues to the flow's default queue")
    func zeroDefaultQueue() async throws {
        let call = ScriptedCall(time: monday, keys: ["0"], queue: [.agentAnswered(AgentInfo(workNumber: "1001", name: "王芳"))])
        let result = await run(try FlowBuilder.prepared(FlowNodeTests.menus, extra: #""errorNode": "failed""#), call)
        #expect(await call.enqueued.map(\.queue) == ["service"])
        #expect(result.disposition == .hangUp && result.errors.isEmpty)
    }

    @Test("a deep-menu shortcut typed at the first menu jumps straight to its node")
    func shortcut() async throws {
        let flow = try FlowBuilder.prepared(FlowNodeTests.menus, extra: #""shortcuts": {"11": "one"}"#)
        let call = ScriptedCall(time: monday, keys: ["11"])
        let result = await run(flow, call)
        #expect(await call.log == ["prompt TTS \"主菜单\" (zh)", "keys 11", "say 一 (zh)", "hang up"])
        #expect(await call.collections.first?.maxDigits == 2)
        #expect(result.steps == 2)
        let later = ScriptedCall(time: monday, keys: ["1", "1"])
        _ = await run(flow, later)
        #expect(await later.collections.map(\.maxDigits) == [2, 1])
    }

    @Test("collect digits checks length and pattern, retries, then stores the entry")
    func collect() async throws {
        let flow = try FlowBuilder.prepared("""
            {"id": "start", "type": "collect", "prompt": {"tts": "请输入手机号"}, "invalidPrompt": {"tts": "号码有误"},
             "variable": "mobile", "minDigits": 11, "maxDigits": 11, "pattern": "^1[3-9]\\\\d{9}$", "retries": 2, "next": "ok", "onFailure": "bad"},
            {"id": "ok", "type": "hangUp", "prompt": {"tts": "已记录${mobile}"}},
            {"id": "bad", "type": "hangUp"}
            """)
        let call = ScriptedCall(time: monday, keys: ["1380013", "12800138000", "13800138000"])
        let result = await run(flow, call)
        #expect(await call.log.filter { $0.hasPrefix("say") } == ["say 已记录13800138000 (zh)"])
        #expect(await call.collections.map(\.terminator) == ["#", "#", "#"])
        #expect(result.variables["mobile"] == "13800138000" && result.variables["digits"] == "13800138000")
        let failing = ScriptedCall(time: monday, keys: ["1", "2", "3"])
        #expect(await run(flow, failing).lastNode == "bad")
    }

    @Test("a secret entry (PIN) can be checked by the flow but never appears in the result")
    func secretCollect() async throws {
        let flow = try FlowBuilder.prepared("""
            {"id": "start", "type": "collect", "prompt": {"tts": "请输入密码"}, "variable": "pin", "maxDigits": 6, "secret": true, "next": "check"},
            {"id": "check", "type": "condition", "branches": [{"when": "length(pin) == 6 && startsWith(pin, \\"2\\")", "next": "ok"}], "otherwise": "no"},
            {"id": "ok", "type": "hangUp"}, {"id": "no", "type": "hangUp"}
            """)
        let result = await run(flow, ScriptedCall(time: monday, keys: ["246810"]))
        #expect(result.lastNode == "ok")
        #expect(result.variables["pin"] == nil && result.variables["digits"] == "")
        #expect(!result.trace.map(\.description).joined().contains("246810"))
    }

    @Test("condition and set compute over call data")
    func conditionAndSet() async throws {
        let flow = try FlowBuilder.prepared("""
            {"id": "start", "type": "set", "variable": "attempts", "expression": "attempts + 2", "next": "label"},
            {"id": "label", "type": "set", "variable": "label", "value": "${tier}-${attempts}", "next": "check"},
            {"id": "check", "type": "condition", "branches": [
              {"when": "startsWith(caller, \\"139\\")", "next": "a"},
              {"when": "attempts >= 3 && tier == \\"vip\\"", "next": "b"}], "otherwise": "c"},
            {"id": "a", "type": "hangUp"}, {"id": "b", "type": "hangUp"}, {"id": "c", "type": "hangUp"}
            """, extra: #""variables": {"attempts": "1", "label": ""}"#)
        let vip = await run(flow, ScriptedCall(time: monday), context: CallContext(caller: "13800138000", called: "4001234567", tier: .vip))
        #expect(vip.lastNode == "b" && vip.variables["attempts"] == "3" && vip.variables["label"] == "vip-3")
        #expect(await run(flow, ScriptedCall(time: monday)).lastNode == "c")
        #expect(await run(flow, ScriptedCall(time: monday), context: CallContext(caller: "13912345678", called: "x")).lastNode == "a")
    }

    static let lookupFlow = """
        {"id": "start", "type": "lookup", "url": "https://crm.example/balance?phone=${caller}&name=${name}", "timeoutMs": 1500,
         "map": {"balance": "data.balance", "plan": "data.plans.0"}, "next": "say", "onFailure": "sorry"},
        {"id": "say", "type": "hangUp", "prompt": {"tts": "余额${balance}元，套餐${plan}"}},
        {"id": "sorry", "type": "hangUp", "prompt": {"tts": "查询失败"}}
        """

    @Test("an HTTP lookup fills variables from JSON fields and percent-encodes the URL")
    func lookup() async throws {
        let body = JSONValue.object(["data": .object(["balance": .number(12.5), "plans": .array([.string("畅享")])])])
        let call = ScriptedCall(time: monday, lookups: [LookupResponse(status: 200, body: body)])
        let result = await run(try FlowBuilder.prepared(FlowNodeTests.lookupFlow, extra: #""variables": {"name": "张 三"}"#), call)
        #expect(await call.lookupRequests.first?.url == "https://crm.example/balance?phone=13800138000&name=%E5%BC%A0%20%E4%B8%89")
        #expect(await call.lookupRequests.first?.timeoutMs == 1500)
        #expect(await call.log.last(where: { $0.hasPrefix("say") }) == "say 余额12.5元，套餐畅享 (zh)")
        #expect(result.variables["balance"] == "12.5")
    }

    @Test("a lookup that times out, answers an error status or lacks a field takes the failure branch", arguments: [
        nil, LookupResponse(status: 503, body: nil), LookupResponse(status: 200, body: .object(["data": .object([:])])),
    ])
    func lookupFailures(response: LookupResponse?) async throws {
        let call = ScriptedCall(time: monday, lookups: [response])
        let result = await run(try FlowBuilder.prepared(FlowNodeTests.lookupFlow, extra: #""variables": {"name": ""}"#), call)
        #expect(result.lastNode == "sorry")
        #expect(result.errors.isEmpty)
    }

    @Test("business hours branch on office hours, closed times and holidays", arguments: [
        ("2025-06-09", 10, "open"), ("2025-06-09", 19, "closed"), ("2025-06-07", 10, "closed"),
        ("2025-10-01", 10, "holiday"), ("2025-10-11", 10, "open"),
    ])
    func businessHours(date: String, hour: Int, node: String) async throws {
        let flow = try FlowBuilder.prepared("""
            {"id": "start", "type": "businessHours", "open": "open", "closed": "closed", "holiday": "holiday"},
            {"id": "open", "type": "hangUp"}, {"id": "closed", "type": "hangUp"}, {"id": "holiday", "type": "hangUp"}
            """)
        #expect(await run(flow, ScriptedCall(time: Fixture.china(date, hour))).lastNode == NodeID(node))
    }

    @Test("a language choice switches every later localized prompt; no choice keeps the fallback")
    func language() async throws {
        let flow = try FlowBuilder.prepared("""
            {"id": "start", "type": "language", "prompt": {"tts": "中文请按1，English press 2"}, "options": {"1": "zh", "2": "en"},
             "retries": 0, "fallback": "zh", "next": "bye"},
            {"id": "bye", "type": "hangUp", "prompt": {"localized": {"zh": {"tts": "再见"}, "en": {"tts": "Goodbye", "language": "en"}}}}
            """)
        let english = ScriptedCall(time: monday, keys: ["2"])
        let result = await run(flow, english)
        #expect(await english.log.suffix(2) == ["say Goodbye (en)", "hang up"])
        #expect(result.variables["language"] == "en")
        let silent = ScriptedCall(time: monday, keys: [""])
        _ = await run(flow, silent)
        #expect(await silent.log.suffix(2) == ["say 再见 (zh)", "hang up"])
    }

    static let queueFlow = """
        {"id": "start", "type": "enqueue", "queue": "service", "skills": ["billing"], "maxWaitSeconds": 120,
         "screenPop": {"来电": "${caller}", "等级": "${tier}"}, "answered": "announce", "afterCall": "survey", "noAgent": "mailbox"},
        {"id": "announce", "type": "announceAgent", "prompt": {"tts": "${agent.workNumber}号为您服务"}},
        {"id": "survey", "type": "survey", "prompt": {"tts": "请评分"}, "invalidPrompt": {"tts": "请按1到5"}, "retries": 1, "next": "thanks"},
        {"id": "thanks", "type": "hangUp", "prompt": {"tts": "谢谢"}},
        {"id": "mailbox", "type": "voicemail", "mailbox": "service", "prompt": {"tts": "请留言"}, "maxSeconds": 60}
        """

    @Test("enqueue hands priority, skills and screen pop to the ACD, announces the agent, then runs the survey")
    func enqueueAnnounceSurvey() async throws {
        let call = ScriptedCall(time: monday, keys: ["9", "5"], queue: [.agentAnswered(AgentInfo(workNumber: "1024", name: "李娜"))])
        let context = CallContext(caller: "13800138000", called: "4001234567", tier: .vip, priority: 10)
        let result = await run(try FlowBuilder.prepared(FlowNodeTests.queueFlow), call, context: context)
        #expect(await call.enqueued == [EnqueueRequest(queue: "service", priority: 10, skills: ["billing"],
                                                       screenPop: ["来电": "13800138000", "等级": "vip"], maxWaitSeconds: 120,
                                                       language: .chinese, tier: .vip)])
        #expect(await call.log == ["enqueue service priority 10", "connect agent after TTS \"1024号为您服务\" (zh)",
                                   "prompt TTS \"请评分\" (zh)", "keys 9", "prompt TTS \"请按1到5\" (zh)", "prompt TTS \"请评分\" (zh)",
                                   "keys 5", "survey 5", "say 谢谢 (zh)", "hang up"])
        #expect(result.surveyScore == 5 && result.variables["agent.workNumber"] == "1024")
    }

    @Test("when no agent takes the call, voicemail records with a beep and the call is hung up")
    func noAgentVoicemail() async throws {
        let call = ScriptedCall(time: monday, queue: [.noAgent(reason: "queue timeout")])
        let result = await run(try FlowBuilder.prepared(FlowNodeTests.queueFlow), call)
        #expect(await call.log == ["enqueue service priority 0", "voicemail service max 60 beep true", "hang up"])
        #expect(result.disposition == .hangUp && result.lastNode == "mailbox")
    }

    @Test("a survey without a valid key stores nothing and goes on")
    func surveySkipped() async throws {
        let call = ScriptedCall(time: monday, keys: ["", "8"], queue: [.agentAnswered(AgentInfo(workNumber: "1", name: "A"))])
        let result = await run(try FlowBuilder.prepared(FlowNodeTests.queueFlow), call)
        #expect(result.surveyScore == nil)
        #expect(await call.surveyScores.isEmpty)
        #expect(result.lastNode == "thanks")
    }

    @Test("a transfer ends the flow when answered and follows the busy branch otherwise")
    func transfer() async throws {
        let flow = try FlowBuilder.prepared("""
            {"id": "start", "type": "transfer", "number": "${landing}", "ringSeconds": 20, "busy": "busy", "onFailure": "busy"},
            {"id": "busy", "type": "hangUp", "prompt": {"tts": "忙"}}
            """, extra: #""variables": {"landing": "057188886666"}"#)
        let answered = ScriptedCall(time: monday, transfers: [.connected])
        #expect(await run(flow, answered).disposition == .transferred("057188886666"))
        #expect(await !answered.hungUp)
        let busy = ScriptedCall(time: monday, transfers: [.busy])
        #expect(await run(flow, busy).lastNode == "busy")
        #expect(await busy.hungUp)
    }

    @Test("switchboard dialing validates the keyed number against the directory before ringing")
    func extensionDialing() async throws {
        let flow = try FlowBuilder.prepared("""
            {"id": "start", "type": "extension", "prompt": {"tts": "请拨分机号"}, "invalidPrompt": {"tts": "分机号不存在"},
             "minDigits": 4, "maxDigits": 4, "retries": 2, "busy": "busy", "onFailure": "busy"},
            {"id": "busy", "type": "hangUp"}
            """)
        let agent = ExtensionTarget(number: "8001", agent: AgentInfo(workNumber: "8001", name: "王芳"))
        let call = ScriptedCall(time: monday, keys: ["12", "9999", "8001"], directory: ["8001": agent])
        let result = await run(flow, call)
        #expect(await call.log == ["prompt TTS \"请拨分机号\" (zh)", "keys 12", "prompt TTS \"分机号不存在\" (zh)", "prompt TTS \"请拨分机号\" (zh)",
                                   "keys 9999", "directory 9999", "prompt TTS \"分机号不存在\" (zh)", "prompt TTS \"请拨分机号\" (zh)",
                                   "keys 8001", "directory 8001", "dial extension 8001"])
        #expect(result.disposition == .connectedToExtension(agent))
    }

    @Test("send SMS renders the message for the caller and the flow goes on")
    func sms() async throws {
        let flow = try FlowBuilder.prepared("""
            {"id": "start", "type": "sms", "text": "您的工单号是${ticket}", "next": "bye"},
            {"id": "bye", "type": "hangUp"}
            """, extra: #""variables": {"ticket": "A-1"}"#)
        let call = ScriptedCall(time: monday)
        let result = await run(flow, call)
        #expect(await call.smsSent == [SMSMessage(to: "13800138000", text: "您的工单号是A-1")])
        #expect(result.lastNode == "bye")
    }

    @Test("the caller hanging up ends the flow at once without another hang-up")
    func callerHangsUp() async throws {
        let call = ScriptedCall(time: monday, hangUpAfterKeys: true)
        let result = await run(try FlowBuilder.prepared(FlowNodeTests.menus), call)
        #expect(result.disposition == .callerHungUp && result.lastNode == "start")
        #expect(await !call.hungUp)
    }
}
