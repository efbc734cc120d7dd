// The agent's greeting script on the screen pop: weekend window Friday 18:00 to Saturday
// 24:00, holidays, make-up working days, VIP naming the agent.
import Testing
@testable import IVR

@Suite struct AgentGreetingTests {
    let agent = AgentIdentity(name: "李娜", workNumber: "1024")

    @Test("the wish follows the Friday 18:00 to Saturday 24:00 window, holidays and make-up days", arguments: [
        ("2025-06-06", 17, 59, GreetingOccasion.none),          // Friday before 18:00
        ("2025-06-06", 18, 0, .weekend),                        // Friday 18:00 starts the weekend
        ("2025-06-06", 23, 59, .weekend),
        ("2025-06-07", 0, 0, .weekend),                          // Saturday, all day
        ("2025-06-07", 23, 59, .weekend),
        ("2025-06-08", 10, 0, .none),                            // Sunday is outside the window
        ("2025-06-09", 10, 0, .none),                            // Monday
        ("2025-10-01", 10, 0, .holiday(name: "国庆节")),         // holiday on a weekday
        ("2025-10-03", 19, 0, .holiday(name: "国庆节")),         // a holiday beats the Friday evening
        ("2025-10-05", 10, 0, .holiday(name: "国庆节")),         // a holiday on a Sunday
        ("2025-10-11", 10, 0, .none),                            // Saturday make-up working day (调休)
        ("2025-10-10", 18, 30, .none),                           // Friday evening before a make-up Saturday
        ("2025-02-07", 20, 0, .none),                            // same, after the Spring Festival
        ("2025-05-30", 18, 0, .weekend),                         // Friday evening before a holiday Saturday
        ("2025-01-01", 9, 0, .holiday(name: "元旦")),
    ])
    func occasions(date: String, hour: Int, minute: Int, expected: GreetingOccasion) {
        #expect(GreetingPolicy.occasion(at: Fixture.local(date, hour, minute), holidays: Fixture.china2025) == expected)
    }

    @Test("a standard caller hears the standard greeting with the weekend wish in front")
    func standardWeekend() {
        let greeting = GreetingPolicy().greeting(for: .standard, at: Fixture.local("2025-06-07", 15), holidays: Fixture.china2025, agent: agent)
        #expect(greeting.text == "周末愉快！您好，1024号为您服务，请问有什么可以帮您？")
        #expect(greeting.occasion == .weekend)
    }

    @Test("a VIP greeting names the agent and wishes a happy holiday by the holiday's name")
    func vipHoliday() {
        let greeting = GreetingPolicy().greeting(for: .vip, at: Fixture.local("2025-10-02", 11), holidays: Fixture.china2025, agent: agent)
        #expect(greeting.text == "国庆节快乐！尊敬的贵宾您好，我是1024号客服代表李娜，很高兴为您服务！")
    }

    @Test("a silent caller hears the greeting again after 2 s, once more, then a polite goodbye")
    func silence() {
        let greeting = GreetingPolicy().greeting(for: .standard, at: Fixture.local("2025-06-09", 10), holidays: .none, agent: agent)
        #expect(greeting.repeatAfterSeconds == 2)
        #expect(greeting.silenceScript == [
            "您好，1024号为您服务，请问有什么可以帮您？",
            "您好，1024号为您服务，请问有什么可以帮您？",
            "对不起，听不到您的声音，请您稍后再拨，再见！",
        ])
    }

    @Test("a tenant's own wording per tier decodes from JSON and unknown tiers use the standard one")
    func customPolicy() throws {
        let policy = try Fixture.decode(GreetingPolicy.self, """
            {"byTier": {"gold": "金卡客户您好，${agentName}为您服务"}, "standard": "您好，${workNumber}号",
             "weekendWish": "周末好！", "holidayWish": "${holiday}好！", "repeatAfterSeconds": 2, "silenceRepeats": 1,
             "silenceClosing": "再见"}
            """)
        #expect(policy.greeting(for: "gold", at: Fixture.local("2025-06-09", 10), holidays: .none, agent: agent).text == "金卡客户您好，李娜为您服务")
        #expect(policy.greeting(for: "silver", at: Fixture.local("2025-06-06", 19), holidays: .none, agent: agent).text == "周末好！您好，1024号")
    }
}
