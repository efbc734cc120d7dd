// Inputs for the IVR benchmarks: a realistic rule set, a demo area table, looping flows.
import IVR

enum IVRFixtures {
    static let holidays = HolidayCalendar(
        name: "CN 2025",
        holidays: [Holiday(name: "国庆节", from: CivilDate("2025-10-01")!, through: CivilDate("2025-10-08")!)],
        makeUpWorkdays: [CivilDate("2025-09-28")!, CivilDate("2025-10-11")!])

    static let areas = AreaTable([
        ("010", Area(province: "北京", city: "北京")), ("021", Area(province: "上海", city: "上海")),
        ("0571", Area(province: "浙江", city: "杭州")), ("1350571", Area(province: "浙江", city: "杭州")),
        ("1380013", Area(province: "北京", city: "北京")), ("1880755", Area(province: "广东", city: "深圳")),
    ])

    static func queue(_ name: String) -> RouteTarget { RouteTarget([.queue(QueueName(name), priority: nil, skills: [])]) }

    /// Blacklist, call limit, VIP, holiday/office schedule with otherwise: the demo's shape.
    static let ruleSet = InboundRuleSet(accessNumber: "4001234567", rules: [
        InboundRule(id: "blocked", .blacklist(BlacklistRule(list: NumberList(numbers: ["13900000000"], prefixes: ["170", "171"])))),
        InboundRule(id: "limit", .callLimit(CallLimitRule(maxCalls: 5, periodSeconds: 600))),
        InboundRule(id: "vip", .vip(VIPRule(list: NumberList(numbers: ["13800138000"]), tiers: ["vip"], priority: 10))),
        InboundRule(id: "hours", .schedule(ScheduleRule(branches: [
            TimeBranch(when: .holiday, route: queue("holiday")),
            TimeBranch(when: .officeHours, route: RouteTarget([.flow("demo-main")])),
        ], otherwise: RouteTarget([.voicemail(mailbox: "service", greeting: nil)])))),
        InboundRule(id: "all", .route(queue("service"))),
    ], fallback: queue("service"))

    /// Eight rules; the call passes the controls and a time window and is routed by area.
    static let largeRuleSet = InboundRuleSet(accessNumber: "4001234567", rules: [
        InboundRule(id: "wl", .whitelist(WhitelistRule(list: NumberList(numbers: ["13911112222"]), mode: .exempt))),
        InboundRule(id: "blocked", .blacklist(BlacklistRule(list: NumberList(numbers: ["13900000000"], prefixes: ["170", "171"])))),
        InboundRule(id: "limit", .callLimit(CallLimitRule(maxCalls: 5, periodSeconds: 600))),
        InboundRule(id: "daily", .callLimit(CallLimitRule(maxCalls: 30, periodSeconds: 86_400))),
        InboundRule(id: "vip", .vip(VIPRule(list: NumberList(numbers: ["13800138000"]), tiers: ["vip"], priority: 10))),
        InboundRule(id: "night", .schedule(ScheduleRule(branches: [
            TimeBranch(when: .window(WeeklyWindow(days: [.saturday, .sunday], from: TimeOfDay(hour: 22)!, to: TimeOfDay(hour: 6)!)), route: queue("night")),
        ]))),
        InboundRule(id: "area", .callerArea(CallerAreaRule(branches: [
            AreaBranch(province: "北京", route: queue("north")),
            AreaBranch(province: "浙江", city: "杭州", route: queue("hangzhou")),
        ]))),
        InboundRule(id: "split", .percentage(PercentageRule(branches: [
            PercentBranch(percent: 60, route: queue("a")), PercentBranch(percent: 40, route: queue("b")),
        ]))),
    ], fallback: queue("service"))

    /// A menu whose key 1 plays a TTS prompt with a variable and returns to the menu.
    static let loopFlow = try! PreparedFlow(FlowDefinition(
        id: "bench", start: "menu", defaultQueue: "service", maxSteps: 10_000,
        nodes: [
            FlowNode(id: "menu", .menu(MenuNode(prompt: .file("menu"), options: ["1": "say"]))),
            FlowNode(id: "say", .play(PlayNode(prompt: .tts("您的来电号码是${caller}", language: nil), next: "menu"))),
        ]))

    /// A lookup whose answer is mapped and read out; a menu key looks it up again.
    static let lookupFlow = try! PreparedFlow(FlowDefinition(
        id: "bench-lookup", start: "get", defaultQueue: "service", variables: ["balance": ""], maxSteps: 10_000,
        nodes: [
            FlowNode(id: "get", .lookup(LookupNode(url: "https://crm.example/balance?phone=${caller}", timeoutMs: 2000,
                                                   map: ["balance": "data.balance"], next: "say", onFailure: "say"))),
            FlowNode(id: "say", .play(PlayNode(prompt: .tts("余额${balance}元", language: nil), next: "again"))),
            FlowNode(id: "again", .menu(MenuNode(prompt: .file("again"), options: ["1": "get"]))),
        ]))
}
