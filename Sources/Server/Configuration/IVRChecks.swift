// The IVR module seen from the API: a flow document checked by node and field, a dry run
// driven by typed digits, a rule set checked by rule and field, and the rule decision trace
// of "what would happen to this call". Documents come in as JSON bytes (this file does not
// import Store, whose `FlowDefinition` and `JSONValue` share names with IVR's).

import CallCenter
import Foundation
import IVR

/// One problem of a flow or a rule set, as the API and the console show it.
struct ConfigurationProblem: Encodable, Sendable, Equatable {
    /// The flow node at fault (nil for the flow's own fields or for rules).
    var node: String?
    /// The rule at fault (rule sets only).
    var rule: String?
    /// The field, relative to the node or rule.
    var field: String
    /// What is wrong.
    var message: String
}

/// Flow documents: decoding, validation and dry runs.
enum FlowCheck {
    /// Decodes and validates `document` against the tenant's queues; the prepared flow when
    /// there is no problem, else every problem (decoding stops at the first).
    static func check(_ document: Data, queues: Set<String>) -> (flow: PreparedFlow?, problems: [ConfigurationProblem]) {
        let definition: FlowDefinition
        do {
            definition = try JSONDecoder().decode(FlowDefinition.self, from: document)
        } catch let error as DecodingError {
            return (nil, [problem(decoding: error, in: document)])
        } catch {
            return (nil, [ConfigurationProblem(field: "document", message: "is not a flow: \(error)")])
        }
        let references = FlowReferences(queues: Set(queues.map { QueueName($0) }))
        let problems = definition.validate(references: references).map {
            ConfigurationProblem(node: $0.node?.rawValue, field: $0.field, message: $0.message)
        }
        guard problems.isEmpty else { return (nil, problems) }
        do {
            return (try PreparedFlow(definition, references: references), [])
        } catch {
            return (nil, error.problems.map { ConfigurationProblem(node: $0.node?.rawValue, field: $0.field, message: $0.message) })
        }
    }

    /// The IVR flow id a document declares (`id`), for rules that route to it.
    static func declaredID(_ document: Data) -> String? {
        (try? JSONSerialization.jsonObject(with: document) as? [String: Any])?["id"] as? String
    }

    /// A decoding error named by node: `nodes[3].next` becomes node `nodes[3]`'s id, field `next`.
    private static func problem(decoding error: DecodingError, in document: Data) -> ConfigurationProblem {
        let path: [any CodingKey]
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): path = context.codingPath
        case .keyNotFound(let key, let context): path = context.codingPath + [key]
        @unknown default: path = []
        }
        let message = describeDecodingError(error)
        guard path.count >= 2, path[0].stringValue == "nodes", let index = path[1].intValue else {
            return ConfigurationProblem(field: path.isEmpty ? "document" : fieldText(path), message: message)
        }
        let nodes = (try? JSONSerialization.jsonObject(with: document) as? [String: Any])?["nodes"] as? [Any]
        let id = (nodes?.indices.contains(index) == true ? nodes?[index] as? [String: Any] : nil)?["id"] as? String
        return ConfigurationProblem(node: id ?? "nodes[\(index)]", field: path.count > 2 ? fieldText(Array(path.dropFirst(2))) : "node",
                                    message: message)
    }

    private static func fieldText(_ path: [any CodingKey]) -> String {
        let text = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return text.hasPrefix(".") ? String(text.dropFirst()) : text
    }

    /// A dry run's answer: what the caller hears and the flow does, and where it stopped.
    struct DryRunResult: Encodable, Sendable {
        /// Every step in order (`play TTS "..."`, `caller keys 1`, `enqueue to 'service' ...`).
        var lines: [String]
        /// `digits` (the flow waits for keys), `lookup` or `finished`.
        var awaiting: String
        /// The node the flow waits at.
        var node: String?
        /// The flow's variables at the end.
        var variables: [String: String]
        /// Digit entries the flow did not ask for because it had ended.
        var unusedDigits: [String]
    }

    /// Runs `flow` without a call, answering each key request with the next entry of
    /// `digits` ("" for silence), and stops when they run out or the flow ends.
    static func dryRun(
        _ flow: PreparedFlow, calendar: TenantCalendar, caller: String, called: String, at time: Date, digits: [String]
    ) throws -> DryRunResult {
        for (index, entry) in digits.enumerated() where entry.count > 32 || !entry.allSatisfy({ "0123456789*#".contains($0) }) {
            throw APIError.invalid("digits[\(index)]", "'\(entry)' is not a key sequence (0-9, * and #, at most 32)")
        }
        var session = DryRunSession(
            flow: flow, call: CallContext(caller: PhoneNumber(rawValue: caller), called: PhoneNumber(rawValue: called)),
            calendar: calendar, options: .init(time: UnixTime(secondsSince1970: Int64(time.timeIntervalSince1970))))
        var lines: [String] = []
        var remaining = digits[...]
        var step: DryRunSession.Step
        do {
            step = try session.start()
            lines += step.lines
            while case .digits = step.awaiting, let next = remaining.popFirst() {
                step = try session.press(next)
                lines += step.lines
            }
        } catch {
            throw APIError.invalid("digits", error.description)
        }
        let (awaiting, node): (String, String?) = switch step.awaiting {
        case .digits(let node, _): ("digits", node?.rawValue)
        case .lookup(let node, _): ("lookup", node?.rawValue)
        case .finished(let result): ("finished", result.lastNode?.rawValue)
        }
        return DryRunResult(lines: lines, awaiting: awaiting, node: node, variables: session.variables, unusedDigits: Array(remaining))
    }
}

/// Inbound rule sets: checking and the decision trace.
enum RuleCheck {
    /// Every problem of a rule set document (`flows` are the tenant's IVR flow ids).
    static func problems(_ rules: Data, queues: Set<String>, flows: Set<String>) -> [ConfigurationProblem] {
        do {
            let set = try JSONDecoder().decode(InboundRuleSet.self, from: rules)
            let references = RuleSetReferences(flows: Set(flows.map { FlowID($0) }), queues: Set(queues.map { QueueName($0) }))
            return set.validate(references: references).map { ConfigurationProblem(rule: $0.ruleID?.rawValue, field: $0.field, message: $0.message) }
        } catch let error as DecodingError {
            return [ConfigurationProblem(field: "rules", message: describeDecodingError(error))]
        } catch {
            return [ConfigurationProblem(field: "rules", message: "is not a rule set: \(error)")]
        }
    }

    /// One rule's part in a decision.
    struct TraceEntry: Encodable, Sendable {
        var rule: String
        var type: String
        var verdict: String
        var detail: String
    }

    /// "What would happen to this call": the decision and every rule's part in it.
    struct Trace: Encodable, Sendable {
        var number: String
        var caller: String
        var localTime: String?
        var officeHours: Bool?
        var tier: String?
        var priority: Int?
        var rules: [TraceEntry]
        /// One sentence: what happens to the call.
        var decision: String
        /// The whole trace as text, one line per rule.
        var text: String
    }

    /// The decision for a call from `caller` to `route` at `time` (no earlier calls counted,
    /// percentage splits drawn at `draw`, `password` as keyed after a challenge).
    static func trace(route: NumberRoute, calendar: TenantCalendar, caller: String, at time: Date, draw: Double, password: String?) -> Trace {
        guard let rules = route.rules else {
            let decision = route.flow.map { "no rules: the number runs flow '\($0.definition.id)'" } ?? "no rules and no flow: the call is refused"
            return Trace(number: route.number, caller: caller, rules: [], decision: decision, text: decision)
        }
        let call = InboundCall(
            caller: PhoneNumber(rawValue: caller), called: PhoneNumber(rawValue: route.number),
            time: UnixTime(secondsSince1970: Int64(time.timeIntervalSince1970)), randomDraw: draw,
            password: password.map { PasswordAttempt(digits: $0, attempt: 1) })
        let decision = rules.evaluate(call, in: InboundEnvironment(calendar: calendar))
        return Trace(
            number: route.number, caller: decision.caller, localTime: "\(decision.localTime)", officeHours: decision.isOfficeHours,
            tier: "\(decision.tier)", priority: decision.priority,
            rules: decision.trace.map { TraceEntry(rule: $0.ruleID.rawValue, type: $0.type, verdict: $0.verdict.rawValue, detail: $0.detail) },
            decision: decision.summary, text: decision.description)
    }
}
