// Scenarios for every inbound rule kind: who is refused, challenged or routed where, and why.
import Foundation
import Testing
@testable import IVR

@Suite struct InboundRuleTests {
    static let calendar = TenantCalendar(timeZone: .china, holidays: Fixture.china2025, officeHours: .standard)
    static let areas = try! AreaTable.parseCSV(String(decoding: try! Fixture.repositoryFile("examples/areas/demo.csv"), as: UTF8.self))
    let environment = InboundEnvironment(calendar: InboundRuleTests.calendar, areas: InboundRuleTests.areas)
    let mondayMorning = Fixture.china("2025-06-09", 10)

    func ruleSet(_ rules: String, fallback: String = #"{"destinations": [{"queue": "service"}]}"#) throws -> InboundRuleSet {
        try Fixture.decode(InboundRuleSet.self, #"{"accessNumber": "4001234567", "rules": [\#(rules)], "fallback": \#(fallback)}"#)
    }

    func call(_ caller: String, at time: UnixTime? = nil, draw: Double = 0, recent: [Int: Int] = [:],
              tier: CustomerTier? = nil, password: PasswordAttempt? = nil) -> InboundCall {
        InboundCall(caller: PhoneNumber(caller), called: "4001234567", time: time ?? mondayMorning, randomDraw: draw,
                    recentCalls: recent, lookedUpTier: tier, password: password)
    }

    @Test("a blacklisted number is refused with its SIP status, whatever form the trunk wrote it in", arguments: [
        "13900000000", "+8613900000000", "008613900000000", "013900000000",
    ])
    func blacklistExact(caller: String) throws {
        let rules = try ruleSet(#"{"id": "bl", "type": "blacklist", "numbers": ["13900000000"], "reject": {"sipStatus": 603}}"#)
        let decision = rules.evaluate(call(caller), in: environment)
        #expect(decision.outcome == .reject(Rejection(.sipStatus(603)), ruleID: "bl"))
        #expect(decision.trace.map(\.description) == ["blacklist 'bl': matched: listed number 13900000000 → reject with SIP 603"])
    }

    @Test("a blacklisted prefix answers with a prompt and the rejection's hang-up SMS")
    func blacklistPrefix() throws {
        let rules = try ruleSet(#"""
            {"id": "bl", "type": "blacklist", "prefixes": ["170"],
             "reject": {"prompt": {"file": "blocked"}, "hangUpSMS": {"text": "号码${caller}已被限制"}}}
            """#)
        let decision = rules.evaluate(call("17012345678"), in: environment)
        guard case .reject(let rejection, _) = decision.outcome else { Issue.record("not rejected: \(decision)"); return }
        #expect(rejection.style == .prompt(.file("blocked")))
        #expect(decision.hangUpSMS?.message(answered: true, values: ["caller": "17012345678"]) == "号码17012345678已被限制")
        #expect(rules.evaluate(call("13800138000"), in: environment).outcome == .route(RouteTarget([.queue("service", priority: nil, skills: [])]), ruleID: nil))
    }

    @Test("a closed whitelist refuses everyone else")
    func whitelistOnly() throws {
        let rules = try ruleSet(#"{"id": "wl", "type": "whitelist", "mode": "onlyListed", "prefixes": ["0571"], "reject": {"sipStatus": 403}}"#)
        #expect(rules.evaluate(call("057188886666"), in: environment).outcome == .route(rules.fallback, ruleID: nil))
        #expect(rules.evaluate(call("13800138000"), in: environment).outcome == .reject(.forbidden, ruleID: "wl"))
    }

    @Test("an exempting whitelist lets its callers skip later blacklist, call-limit and password rules")
    func whitelistExempt() throws {
        let rules = try ruleSet(#"""
            {"id": "wl", "type": "whitelist", "mode": "exempt", "numbers": ["13800138000"]},
            {"id": "bl", "type": "blacklist", "prefixes": ["139"]},
            {"id": "limit", "type": "callLimit", "maxCalls": 1, "periodSeconds": 60},
            {"id": "pw", "type": "password", "passwords": ["1234"], "prompt": {"file": "enter_password"}}
            """#)
        let decision = rules.evaluate(call("13800138000", recent: [60: 9]), in: environment)
        #expect(decision.outcome == .route(rules.fallback, ruleID: nil))
        #expect(decision.trace.map(\.verdict) == [.matched, .skipped, .skipped, .skipped])
    }

    @Test("the call-count limit refuses the sixth call in ten minutes and says when no count was given")
    func callLimit() throws {
        let rules = try ruleSet(#"{"id": "limit", "type": "callLimit", "maxCalls": 5, "periodSeconds": 600}"#)
        #expect(rules.countedPeriods == [600])
        let fifth = rules.evaluate(call("13800138000", recent: [600: 4]), in: environment)
        #expect(fifth.outcome == .route(rules.fallback, ruleID: nil))
        #expect(fifth.trace[0].detail == "call 5 of at most 5 within 600 s")
        let sixth = rules.evaluate(call("13800138000", recent: [600: 5]), in: environment)
        #expect(sixth.outcome == .reject(.forbidden, ruleID: "limit"))
        #expect(sixth.trace[0].detail == "call 6 exceeds 5 within 600 s → reject with SIP 403")
        let unknown = rules.evaluate(call("13800138000"), in: environment)
        #expect(unknown.trace[0].detail == "no call count for 600 s was supplied; limit not applied")
    }

    @Test("password access challenges first, retries with the retry prompt, refuses after the last try, never shows the password")
    func password() throws {
        let rules = try ruleSet(#"""
            {"id": "pw", "type": "password", "passwords": ["2468", "13579"], "prompt": {"file": "enter_password"},
             "retryPrompt": {"file": "wrong_password"}, "maxAttempts": 2, "reject": {"prompt": {"file": "goodbye"}}},
            {"id": "all", "type": "route", "destinations": [{"flow": "main"}]}
            """#)
        let first = rules.evaluate(call("13800138000"), in: environment)
        #expect(first.outcome == .collectPassword(PasswordChallenge(ruleID: "pw", prompt: .file("enter_password"), attempt: 1,
                                                                      maxAttempts: 2, maxDigits: 5, timeoutSeconds: 10)))
        let wrong = rules.evaluate(call("13800138000", password: PasswordAttempt(digits: "1111", attempt: 1)), in: environment)
        guard case .collectPassword(let retry) = wrong.outcome else { Issue.record("no retry"); return }
        #expect(retry.prompt == .file("wrong_password") && retry.attempt == 2)
        let refused = rules.evaluate(call("13800138000", password: PasswordAttempt(digits: "1111", attempt: 2)), in: environment)
        #expect(refused.outcome == .reject(Rejection(.prompt(.file("goodbye"))), ruleID: "pw"))
        let accepted = rules.evaluate(call("13800138000", password: PasswordAttempt(digits: "13579", attempt: 2)), in: environment)
        #expect(accepted.outcome == .route(RouteTarget([.flow("main")]), ruleID: "all"))
        for decision in [first, wrong, refused, accepted] {
            #expect(!decision.description.contains("2468") && !decision.description.contains("13579"))
        }
    }

    @Test("VIPs are recognised by list or looked-up tier, get their priority, and may have their own route")
    func vip() throws {
        let rules = try ruleSet(#"""
            {"id": "vip", "type": "vip", "numbers": ["13800138000"], "tiers": ["gold"], "priority": 10},
            {"id": "vipLine", "type": "vip", "prefixes": ["1880755"], "priority": 20, "tier": "diamond",
             "route": {"destinations": [{"queue": "vip"}]}}
            """#)
        let listed = rules.evaluate(call("13800138000"), in: environment)
        #expect(listed.tier == .vip && listed.priority == 10 && listed.outcome == .route(rules.fallback, ruleID: nil))
        let gold = rules.evaluate(call("13512345678", tier: "gold"), in: environment)
        #expect(gold.tier == .vip && gold.priority == 10)
        #expect(gold.trace[0].detail == "looked-up tier gold: tier vip, priority 10")
        let dedicated = rules.evaluate(call("18807551234"), in: environment)
        #expect(dedicated.tier == "diamond" && dedicated.priority == 20)
        #expect(dedicated.outcome == .route(RouteTarget([.queue("vip", priority: nil, skills: [])]), ruleID: "vipLine"))
        let plain = rules.evaluate(call("13512345678"), in: environment)
        #expect(plain.tier == .standard && plain.priority == 0)
    }

    @Test("schedule rules route office hours, non-office hours and holidays apart", arguments: [
        ("2025-06-09", 10, "office"),    // Monday morning
        ("2025-06-09", 20, "evening"),   // Monday 20:00, in the overnight window
        ("2025-06-10", 3, "evening"),    // Tuesday 03:00, the window started Monday
        ("2025-06-07", 11, "closed"),    // Saturday: otherwise
        ("2025-10-02", 10, "holiday"),   // National Day
        ("2025-10-11", 10, "office"),    // make-up Saturday works
    ])
    func schedule(date: String, hour: Int, queue: String) throws {
        let rules = try ruleSet(#"""
            {"id": "hours", "type": "schedule", "branches": [
              {"when": {"holiday": true}, "route": {"destinations": [{"queue": "holiday"}]}},
              {"when": {"officeHours": true}, "route": {"destinations": [{"queue": "office"}]}},
              {"when": {"days": ["mon", "tue", "wed", "thu", "fri"], "from": "18:00", "to": "08:00"}, "route": {"destinations": [{"queue": "evening"}]}}],
             "otherwise": {"destinations": [{"queue": "closed"}]}}
            """#)
        let decision = rules.evaluate(call("13800138000", at: Fixture.china(date, hour)), in: environment)
        #expect(decision.outcome == .route(RouteTarget([.queue(QueueName(queue), priority: nil, skills: [])]), ruleID: "hours"))
    }

    @Test("a percentage split picks the branch the draw falls in", arguments: [(0.0, "a"), (0.5999, "a"), (0.6, "b"), (0.9999, "b"), (1.5, "b")])
    func percentage(draw: Double, queue: String) throws {
        let rules = try ruleSet(#"""
            {"id": "split", "type": "percentage", "branches": [
              {"percent": 60, "route": {"destinations": [{"queue": "a"}]}},
              {"percent": 40, "route": {"destinations": [{"queue": "b"}]}}]}
            """#)
        let decision = rules.evaluate(call("13800138000", draw: draw), in: environment)
        #expect(decision.outcome == .route(RouteTarget([.queue(QueueName(queue), priority: nil, skills: [])]), ruleID: "split"))
    }

    @Test("caller-area routing finds the city first, then the province, then otherwise", arguments: [
        ("13505711234", "hangzhou"), ("057188886666", "hangzhou"), ("13605741234", "zhejiang"),
        ("02012345678", "elsewhere"), ("19912345678", "elsewhere"),
    ])
    func callerArea(caller: String, queue: String) throws {
        let rules = try ruleSet(#"""
            {"id": "area", "type": "callerArea", "branches": [
              {"province": "浙江", "city": "杭州", "route": {"destinations": [{"queue": "hangzhou"}]}},
              {"province": "浙江", "route": {"destinations": [{"queue": "zhejiang"}]}}],
             "otherwise": {"destinations": [{"queue": "elsewhere"}]}}
            """#)
        let decision = rules.evaluate(call(caller), in: environment)
        #expect(decision.outcome == .route(RouteTarget([.queue(QueueName(queue), priority: nil, skills: [])]), ruleID: "area"))
    }

    @Test("without otherwise, an unknown area lets the next rule decide")
    func areaFallsThrough() throws {
        let rules = try ruleSet(#"""
            {"id": "area", "type": "callerArea", "branches": [{"province": "北京", "route": {"destinations": [{"queue": "beijing"}]}}]},
            {"id": "rest", "type": "route", "destinations": [{"queue": "rest"}]}
            """#)
        let decision = rules.evaluate(call("19912345678"), in: environment)
        #expect(decision.outcome == .route(RouteTarget([.queue("rest", priority: nil, skills: [])]), ruleID: "rest"))
        #expect(decision.trace[0].description == "callerArea 'area': no match: area of 19912345678 is unknown")
    }

    @Test("a disabled rule is skipped and says so")
    func disabled() throws {
        let rules = try ruleSet(#"{"id": "bl", "type": "blacklist", "enabled": false, "numbers": ["13800138000"]}"#)
        let decision = rules.evaluate(call("13800138000"), in: environment)
        #expect(decision.outcome == .route(rules.fallback, ruleID: nil))
        #expect(decision.trace.map(\.description) == ["blacklist 'bl': skipped: rule is disabled"])
    }

    @Test("busy returns to the next destination without an alarm; no answer fails over with one")
    func landingChain() throws {
        let target = try Fixture.decode(RouteTarget.self, #"""
            {"destinations": [{"external": "02188886666", "ringSeconds": 20}, {"external": "057188886666"}, {"voicemail": "service"}]}
            """#)
        #expect(target.fallback(after: 0, reason: .busy) == FallbackStep(index: 1, destination: .external("057188886666", ringSeconds: 30), raiseAlarm: false))
        #expect(target.fallback(after: 1, reason: .noAnswer)?.raiseAlarm == true)
        #expect(target.fallback(after: 1, reason: .failed)?.destination == .voicemail(mailbox: "service", greeting: nil))
        #expect(target.fallback(after: 2, reason: .failed) == nil)
    }

    @Test("hang-up SMS conditions decide whether a message goes out")
    func hangUpSMS() {
        let values = ["caller": "13800138000"]
        #expect(HangUpSMS(text: "谢谢", when: .unanswered).message(answered: true, values: values) == nil)
        #expect(HangUpSMS(text: "未接通${caller}", when: .unanswered).message(answered: false, values: values) == "未接通13800138000")
        #expect(HangUpSMS(text: "谢谢", when: .answered).message(answered: true, values: values) == "谢谢")
    }

    @Test("what happens to a call from 13800138000 at 20:00 on a Saturday: the demo rules explain it")
    func whatIf() throws {
        let rules = try JSONDecoder().decode(InboundRuleSet.self, from: Fixture.repositoryFile("examples/flows/demo-routing.json"))
        let decision = rules.evaluate(call("13800138000", at: Fixture.china("2025-06-07", 20), recent: [600: 1]), in: environment)
        #expect(decision.description == """
            call from 13800138000 at 2025-06-07 20:00 (sat), weekend, non-office hours, area 北京/北京, tier vip, priority 10
            1. blacklist 'blocked': no match: 13800138000 is not listed
            2. callLimit 'limit': no match: call 2 of at most 5 within 600 s
            3. vip 'vip': matched: listed number 13800138000: tier vip, priority 10
            4. schedule 'hours': matched: no branch matches 2025-06-07 20:00 (sat) → otherwise IVR flow 'demo-main'
            decision: route to IVR flow 'demo-main' (rule 'hours')
            """)
    }

    @Test("rule files with an unknown type or a misspelt field are refused naming the rule and field")
    func decodingErrors() {
        func message(_ rules: String) -> String {
            do { _ = try ruleSet(rules); return "decoded" } catch let error as DecodingError { return describeDecodingError(error) } catch { return "\(error)" }
        }
        #expect(message(#"{"id": "x", "type": "greylist"}"#).contains("rule 'x': unknown type 'greylist'"))
        #expect(message(#"{"id": "x", "type": "blacklist", "number": ["1"]}"#).contains("rule 'x' (blacklist): unknown field 'number'"))
        #expect(message(#"{"id": "x", "type": "callLimit", "maxCalls": 5}"#) == "rules[0].periodSeconds: required field is missing")
    }
}
