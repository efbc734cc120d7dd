// The pure parts of call control: reading a transfer target from the API's kind and value,
// entering a flow at a chosen node (转自动) without breaking its validation, and which dialog
// a Replaces value (attended transfer, RFC 3891) names.

import Foundation
import IVR
import SIP
import SIPStack
import Testing
@testable import CallCenter

@Suite struct CallControlPiecesTests {
    @Test("targets are read from kind and value; a bad kind or number names the field at fault", arguments: [
        ("agent", "1002", CallTransferTarget.agent("1002"), nil),
        ("queue", "complaints", .queue("complaints"), nil),
        ("external", "+8613900001111", .external("+8613900001111"), nil),
        ("ivr", "demo-main", .ivr(flow: "demo-main", node: nil), nil),
        ("ivr", "demo-main#survey", .ivr(flow: "demo-main", node: "survey"), nil),
        ("external", "13x", nil, "target.value"),
        ("external", "12", nil, "target.value"),
        ("agent", "  ", nil, "target.value"),
        ("fax", "1002", nil, "target.kind"),
    ] as [(String, String, CallTransferTarget?, String?)])
    func targets(kind: String, value: String, expected: CallTransferTarget?, field: String?) {
        do {
            let target = try CallTransferTarget(kind: kind, value: value)
            #expect(target == expected)
            #expect(field == nil)
        } catch {
            guard case .invalidTarget(_, let got) = error else {
                Issue.record("unexpected refusal \(error)")
                return
            }
            #expect(got == field)
            #expect(expected == nil)
        }
    }

    @Test("only supervisor actions need the supervisor role", arguments: [
        (CallControlCommand.supervise(.listen), true), (.intercept, true), (.release, true),
        (.hold, false), (.transfer(.agent("1002")), false), (.survey, false), (.consultConference, false),
    ])
    func supervisorActions(command: CallControlCommand, supervisor: Bool) {
        #expect(command.isSupervisorAction == supervisor)
    }

    static let flowJSON = """
        {"id": "self-service", "version": 1, "start": "welcome", "defaultQueue": "service",
         "nodes": [
           {"id": "welcome", "type": "play", "prompt": {"tts": "欢迎致电"}, "next": "rate"},
           {"id": "rate", "type": "play", "prompt": {"tts": "请为本次服务评分"}, "next": "bye"},
           {"id": "bye", "type": "hangUp"}
         ]}
        """

    @Test("a flow entered at a node starts there, and an unknown node is a bad target")
    func flowEntry() throws {
        let definition = try JSONDecoder().decode(FlowDefinition.self, from: Data(Self.flowJSON.utf8))
        let flow = try PreparedFlow(definition, references: FlowReferences(queues: [QueueName("service")]))
        let entered = try CustomerCall.flow(flow, enteringAt: "rate", queues: [QueueName("service")])
        var execution = FlowExecution(
            flow: entered, call: CallContext(caller: PhoneNumber(rawValue: "13800000001"), called: PhoneNumber(rawValue: "4001234567")),
            calendar: TenantCalendar())
        #expect(execution.start(at: UnixTime(secondsSince1970: 1_790_000_000)) == .play(.tts("请为本次服务评分", language: .chinese)))
        #expect(throws: CallControlRefusal.invalidTarget("flow 'self-service' has no node 'nowhere'", field: "target.value")) {
            try CustomerCall.flow(flow, enteringAt: "nowhere", queues: [QueueName("service")])
        }
    }

    @Test("a Replaces names a dialog by Call-ID and both tags, in either order; another tag or Call-ID names nothing", arguments: [
        ("c1@host;to-tag=kefu;from-tag=phone", true),
        ("c1@host;to-tag=phone;from-tag=kefu", true),
        ("c1@host;to-tag=kefu;from-tag=other", false),
        ("c1@host;to-tag=kefu;from-tag=kefu", false),
        ("c2@host;to-tag=kefu;from-tag=phone", false),
    ])
    func replacesNamesDialog(value: String, names: Bool) throws {
        let dialog = DialogID(callID: "c1@host", localTag: "kefu", remoteTag: "phone")
        #expect(try Replaces(value).names(dialog) == names)
    }
}
