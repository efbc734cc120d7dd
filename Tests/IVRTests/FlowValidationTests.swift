// Broken flows, each with the exact list of problems (node id and field) validation reports.
import Testing
@testable import IVR

@Suite struct FlowValidationTests {
    func problems(_ nodes: String, start: String = "start", extra: String = "", references: FlowReferences = FlowReferences()) throws -> [String] {
        try FlowBuilder.definition(nodes, start: start, extra: extra).validate(references: references).map(\.description)
    }

    @Test("missing and dangling targets are named by node and field")
    func missingTargets() throws {
        #expect(try problems("""
            {"id": "start", "type": "play", "prompt": {"tts": "hi"}},
            {"id": "menu", "type": "menu", "prompt": {"tts": "press"}, "options": {"1": "nowhere", "2": "start"}, "onFailure": "gone"}
            """, start: "menu") == [
            "node 'start', next: missing target",
            "node 'menu', options.1: target 'nowhere' does not exist",
            "node 'menu', onFailure: target 'gone' does not exist",
        ])
    }

    @Test("a flow without a start, with a bad start or no default queue is refused")
    func flowFields() throws {
        let flow = try Fixture.decode(FlowDefinition.self, """
            {"id": "", "version": 0, "defaultQueue": "", "maxSteps": 5, "errorNode": "oops",
             "variables": {"caller": "x", "1bad": ""}, "shortcuts": {"1": "a", "2x": "a", "22": "missing"},
             "nodes": [{"id": "a", "type": "hangUp"}]}
            """)
        #expect(flow.validate().map(\.description) == [
            "flow, id: a flow needs an id",
            "flow, version: versions start at 1 (found 0)",
            "flow, start: missing target",
            "flow, defaultQueue: name the queue that takes calls when something fails",
            "flow, errorNode: target 'oops' does not exist",
            "flow, maxSteps: must be between 10 and 10000 (found 5)",
            "flow, variables.1bad: '1bad' is not a variable name",
            "flow, variables.caller: 'caller' is set by the platform and cannot be declared",
            "flow, shortcuts.1: a shortcut needs at least two keys (one key is a menu option)",
            "flow, shortcuts.22: target 'missing' does not exist",
            "flow, shortcuts.2x: a shortcut is a path of keys 0-9, * and #",
        ])
    }

    @Test("nodes no path reaches are unreachable")
    func unreachable() throws {
        #expect(try problems("""
            {"id": "start", "type": "hangUp"},
            {"id": "island", "type": "play", "prompt": {"tts": "never"}, "next": "start"},
            {"id": "island2", "type": "hangUp"}
            """) == [
            "node 'island', id: unreachable: no path leads here from start",
            "node 'island2', id: unreachable: no path leads here from start",
        ])
    }

    @Test("a loop that never waits for the caller is reported once, at its first node")
    func loopsWithoutInput() throws {
        #expect(try problems("""
            {"id": "start", "type": "play", "prompt": {"tts": "a"}, "next": "check"},
            {"id": "check", "type": "condition", "branches": [{"when": "true", "next": "start"}], "otherwise": "menu"},
            {"id": "menu", "type": "menu", "prompt": {"tts": "m"}, "options": {"1": "menu2"}},
            {"id": "menu2", "type": "set", "variable": "x", "value": "1", "next": "menu"},
            {"id": "self", "type": "set", "variable": "y", "expression": "1", "next": "self"}
            """, extra: #""errorNode": "self""#) == [
            "node 'start', next: loops through 'start' → 'check' without waiting for caller input",
            "node 'self', next: loops through 'self' without waiting for caller input",
        ])
    }

    @Test("unknown variables in templates and expressions, and assignments to platform variables")
    func unknownVariables() throws {
        #expect(try problems("""
            {"id": "start", "type": "play", "prompt": {"tts": "余额${balance}元，${nobody}"}, "next": "check"},
            {"id": "check", "type": "condition", "branches": [{"when": "amount > 0 && tier == \\"vip\\"", "next": "set"}], "otherwise": "set"},
            {"id": "set", "type": "set", "variable": "caller", "value": "${time.hour}", "next": "get"},
            {"id": "get", "type": "lookup", "url": "https://crm/x?p=${caller}", "timeoutMs": 1000, "map": {"balance": "data.balance"}, "next": "end", "onFailure": "end"},
            {"id": "end", "type": "hangUp"}
            """) == [
            "node 'start', prompt: unknown variable 'nobody'",
            "node 'check', branches[0].when: unknown variable 'amount'",
            "node 'set', variable: 'caller' is set by the platform and cannot be assigned",
        ])
    }

    @Test("bad patterns, bad expressions, missing lookup timeouts and out-of-range settings are refused")
    func badSettings() throws {
        #expect(try problems("""
            {"id": "start", "type": "collect", "prompt": {"tts": "id"}, "variable": "id", "minDigits": 9, "maxDigits": 6,
             "pattern": "[0-9", "terminator": "9", "next": "check"},
            {"id": "check", "type": "condition", "branches": [{"when": "id = 3", "next": "get"}, {"when": "startsWith(id)", "next": "get"}], "otherwise": "get"},
            {"id": "get", "type": "lookup", "url": "ftp://crm/${id}", "map": {"x": ""}, "next": "queue"},
            {"id": "queue", "type": "enqueue", "queue": "sales", "answered": "get", "maxWaitSeconds": 1}
            """, references: FlowReferences(queues: ["service"])) == [
            "node 'start', minDigits: must be between 1 and maxDigits 6 (found 9)",
            "node 'start', terminator: use '#', '*' or '' (found '9')",
            "node 'start', pattern: '[0-9' is not a valid pattern: '[' is never closed at position 1",
            "node 'check', branches[0].when: 'id = 3': '=' is not a comparison; write '==' at column 4",
            "node 'check', branches[1].when: 'startsWith(id)': startsWith takes 2 arguments, found 1 at column 1",
            "node 'get', url: 'ftp://crm/${id}' must start with http:// or https://",
            "node 'get', timeoutMs: an HTTP lookup needs a timeout (100 to 10000 ms)",
            "node 'get', map.x: give the JSON path to read",
            "node 'queue', queue: no queue 'sales'",
            "node 'queue', maxWaitSeconds: must be between 5 and 3600 (found 1)",
            "node 'queue', answered: 'get' must be an announceAgent node",
            "node 'get', next: loops through 'get' → 'queue' without waiting for caller input",
        ])
    }

    @Test("prompts that are not in the tenant's library are listed per field")
    func missingPrompts() throws {
        #expect(try problems("""
            {"id": "start", "type": "menu", "prompt": {"localized": {"zh": {"file": "menu_zh"}, "en": {"file": "menu_en"}}},
             "invalidPrompt": {"file": "invalid"}, "options": {"1": "bye", "12": "bye"}},
            {"id": "bye", "type": "hangUp", "prompt": {"file": "bye"}}
            """, references: FlowReferences(prompts: ["menu_zh", "bye"])) == [
            "node 'start', prompt: prompt 'menu_en' does not exist",
            "node 'start', invalidPrompt: prompt 'invalid' does not exist",
            "node 'start', options.12: '12' is not a single key (0-9, * or #)",
        ])
    }

    @Test("duplicate node ids and announcements outside an enqueue are refused")
    func structure() throws {
        #expect(try problems("""
            {"id": "start", "type": "play", "prompt": {"tts": "a"}, "next": "announce"},
            {"id": "start", "type": "hangUp"},
            {"id": "announce", "type": "announceAgent"}
            """) == [
            "node 'start', id: another node already has the id 'start'",
            "node 'announce', id: announceAgent runs only as an enqueue node's 'answered' branch",
        ])
    }

    @Test("misspelt fields and unknown node types fail decoding with the node named")
    func decoding() {
        func message(_ nodes: String) -> String {
            do { _ = try FlowBuilder.definition(nodes); return "decoded" } catch let error as DecodingError { return describeDecodingError(error) } catch { return "\(error)" }
        }
        #expect(message(#"{"id": "start", "type": "play", "prompt": {"tts": "a"}, "nxt": "b"}"#)
            == "nodes[0]: node 'start' (play): unknown field 'nxt'; allowed: id, next, prompt, type")
        #expect(message(#"{"id": "start", "type": "dance"}"#).hasPrefix("nodes[0].type: node 'start': unknown type 'dance'"))
        #expect(message(#"{"id": "start", "type": "play", "prompt": {"tts": "${unclosed"}}"#)
            == "nodes[0].prompt.tts: template '${unclosed': '${' is never closed with '}' at character 1")
    }

    @Test("the demo flow shipped in examples/flows/demo.json validates against the demo queues")
    func demoValidates() throws {
        let demo = try FlowBuilder.demo()
        #expect(demo.validate(references: FlowReferences(queues: ["service", "complaints"])).isEmpty)
        #expect(Set(demo.nodes.map(\.kind.typeName)).isSuperset(of: ["play", "businessHours", "language", "condition", "menu", "lookup", "enqueue", "announceAgent", "survey", "voicemail", "hangUp"]))
    }
}
