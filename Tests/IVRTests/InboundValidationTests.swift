// Broken rule sets, each with the exact list of problems an admin would see.
import Testing
@testable import IVR

@Suite struct InboundValidationTests {
    func problems(_ rules: String, fallback: String = #"{"destinations": [{"queue": "service"}]}"#,
                  references: RuleSetReferences = RuleSetReferences()) throws -> [String] {
        let set = try Fixture.decode(InboundRuleSet.self, #"{"accessNumber": "4001234567", "rules": [\#(rules)], "fallback": \#(fallback)}"#)
        return set.validate(references: references).map(\.description)
    }

    @Test("the demo routing rules validate")
    func demoRoutingIsValid() throws {
        let set = try Fixture.decode(InboundRuleSet.self, String(decoding: try Fixture.repositoryFile("examples/flows/demo-routing.json"), as: UTF8.self))
        #expect(set.validate(references: RuleSetReferences(flows: ["demo-main"], queues: ["service", "complaints"])).isEmpty)
    }

    @Test("bad prefixes and numbers, duplicates and entries covered by a prefix are listed")
    func badLists() throws {
        #expect(try problems(#"{"id": "bl", "type": "blacklist", "numbers": ["1380013800a", "13900000000", "13912345678", "13900000000"], "prefixes": ["+86139", "", "139", "1391"]}"#) == [
            "rule 'bl', numbers[0]: '1380013800a' is not a phone number",
            "rule 'bl', numbers[1]: 13900000000 is already covered by prefix 139",
            "rule 'bl', numbers[2]: 13912345678 is already covered by prefix 139",
            "rule 'bl', numbers[3]: 13900000000 is listed twice (also numbers[1])",
            "rule 'bl', prefixes[0]: prefix '+86139' has '+' at position 1; prefixes are digits only, in national form (no +86)",
            "rule 'bl', prefixes[1]: a prefix cannot be empty (it would match every caller)",
            "rule 'bl', prefixes[3]: prefix 1391 is already covered by prefix 139",
        ])
    }

    @Test("a number both blacklisted and whitelisted is contradictory")
    func contradictoryLists() throws {
        #expect(try problems(#"""
            {"id": "wl", "type": "whitelist", "mode": "exempt", "numbers": ["13800138000"]},
            {"id": "bl", "type": "blacklist", "prefixes": ["138"]}
            """#) == ["rule 'bl', numbers: 13800138000 (prefix 138) is both blacklisted here and whitelisted by rule 'wl'"])
    }

    @Test("percentages that are negative, zero or do not add up to 100 are refused")
    func badPercentages() throws {
        #expect(try problems(#"""
            {"id": "split", "type": "percentage", "branches": [
              {"percent": 70, "route": {"destinations": [{"queue": "a"}]}},
              {"percent": -10, "route": {"destinations": [{"queue": "b"}]}},
              {"percent": 0, "route": {"destinations": [{"queue": "c"}]}}]},
            {"id": "one", "type": "percentage", "branches": [{"percent": 100, "route": {"destinations": [{"queue": "a"}]}}]}
            """#) == [
            "rule 'split', branches[1].percent: must be more than 0 and at most 100 (found -10)",
            "rule 'split', branches[2].percent: must be more than 0 and at most 100 (found 0)",
            "rule 'split', branches: percentages add up to 60, not 100",
            "rule 'one', type: never applies: rule 'split' before it routes every call",
            "rule 'one', branches: a split needs at least two branches (found 1)",
        ])
    }

    @Test("overlapping time windows and shadowed area branches are reported where the later one loses")
    func overlaps() throws {
        #expect(try problems(#"""
            {"id": "hours", "type": "schedule", "branches": [
              {"when": {"days": ["mon", "tue"], "from": "09:00", "to": "13:00"}, "route": {"destinations": [{"queue": "a"}]}},
              {"when": {"days": ["tue", "wed"], "from": "12:00", "to": "18:00"}, "route": {"destinations": [{"queue": "b"}]}},
              {"when": {"officeHours": true}, "route": {"destinations": [{"queue": "a"}]}},
              {"when": {"officeHours": true}, "route": {"destinations": [{"queue": "a"}]}},
              {"when": {"days": [], "from": "10:00", "to": "10:00"}, "route": {"destinations": [{"queue": "c"}]}}]},
            {"id": "area", "type": "callerArea", "branches": [
              {"province": "浙江", "route": {"destinations": [{"queue": "zj"}]}},
              {"province": "浙江", "city": "杭州", "route": {"destinations": [{"queue": "hz"}]}}]}
            """#) == [
            "rule 'hours', branches[1].when: overlaps branches[0] on tue 12:00-13:00; the earlier branch wins there although the destinations differ",
            "rule 'hours', branches[3].when: overlaps branches[2] on office hours; the earlier branch wins there",
            "rule 'hours', branches[4].when.days: name at least one weekday",
            "rule 'hours', branches[4].when: from and to are both 10:00; the window is empty",
            "rule 'area', branches[1]: never applies: branches[0] (浙江) already catches 浙江/杭州",
        ])
    }

    @Test("password rules after routing rules, bad passwords and limits are refused")
    func controlRules() throws {
        #expect(try problems(#"""
            {"id": "area", "type": "callerArea", "branches": [{"province": "北京", "route": {"destinations": [{"queue": "bj"}]}}]},
            {"id": "pw", "type": "password", "passwords": ["12a4"], "prompt": {"file": "pw"}, "maxAttempts": 9},
            {"id": "limit", "type": "callLimit", "maxCalls": 0, "periodSeconds": 0, "reject": {"sipStatus": 200}}
            """#) == [
            "rule 'pw', type: comes after routing rule 'area': callers routed there never enter a password; put password rules before routing rules",
            "rule 'pw', passwords[0]: a password is 1 to 16 digits keyed on the phone",
            "rule 'pw', maxAttempts: must be between 1 and 5 (found 9)",
            "rule 'limit', maxCalls: must be at least 1 (found 0)",
            "rule 'limit', periodSeconds: must be between 1 and 2678400 seconds (found 0)",
            "rule 'limit', reject.sipStatus: 200 is not a SIP failure status (400-699)",
        ])
    }

    @Test("destinations that can never be reached, bad landing numbers and unknown references are listed")
    func destinations() throws {
        let references = RuleSetReferences(flows: ["main"], queues: ["service"], prompts: ["closed"],
                                           areas: InboundRuleTests.areas)
        #expect(try problems(#"""
            {"id": "all", "type": "route", "destinations": [{"queue": "sales"}, {"external": "abc", "ringSeconds": 300}, {"flow": "other"}]},
            {"id": "vip", "type": "vip", "priority": -1},
            {"id": "area", "type": "callerArea", "branches": [{"province": "火星", "route": {"destinations": [{"hangUp": {"prompt": {"file": "missing"}}}]}}]}
            """#, fallback: #"{"destinations": [{"voicemail": ""}]}"#, references: references) == [
            "rule 'all', destinations[0]: no queue 'sales'",
            "rule 'all', destinations[1]: never reached: queue before it does not fall through (only external and agent legs do)",
            "rule 'all', destinations[1]: 'abc' is not a phone number",
            "rule 'all', destinations[1].ringSeconds: must be between 5 and 120 (found 300)",
            "rule 'all', destinations[2]: no IVR flow 'other'",
            "rule 'vip', type: never applies: rule 'all' before it routes every call",
            "rule 'vip', numbers: list VIP numbers, prefixes or tiers; as written the rule never matches",
            "rule 'vip', priority: must not be negative (found -1)",
            "rule 'area', type: never applies: rule 'all' before it routes every call",
            "rule 'area', branches[0]: the area table knows no 火星",
            "rule 'area', branches[0].route.destinations[0].prompt: no prompt 'missing' in the prompt library",
            "rule set, fallback.destinations[0]: name a mailbox",
        ])
    }

    @Test("duplicate rule ids are refused")
    func duplicateIDs() throws {
        #expect(try problems(#"""
            {"id": "a", "type": "blacklist", "numbers": ["13900000000"]},
            {"id": "a", "type": "blacklist", "numbers": ["13900000001"]}
            """#) == ["rule 'a', id: another rule already has the id 'a'"])
    }
}
