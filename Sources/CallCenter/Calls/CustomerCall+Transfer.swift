// Single-step transfer (转接) from the call bar or the phone's REFER: to an agent or an
// external number (rung while the caller hears music, handed over on answer, back with the
// agent when it fails: see CustomerCall+Consult), to a queue, or to an IVR flow or node
// (转自动), from which the flow's own queue nodes lead back to an agent.

import ACD
import Foundation
import Logging
import IVR
import Media
import SIPStack

extension CustomerCall {
    func transfer(to target: CallTransferTarget) async throws(CallControlRefusal) {
        guard agentLeg != nil, conversationEnded != nil else { throw .conflict("the call is not connected to an agent") }
        guard control.consult == nil, control.conference == nil else {
            throw .conflict("a consultation or conference is in progress: complete or cancel it first")
        }
        switch target {
        case .agent, .external:
            let party = try directTarget(target)
            await endSupervision(rebridge: true)
            try await ring(party, transfer: true, referrer: nil)
        case .queue(let name):
            guard let queue = tenant.queuesByID[name] ?? tenant.queuesByName[name] else {
                throw .invalidTarget("no queue '\(name)' in this tenant", field: "target.value")
            }
            await redirect(.queue(queue), label: "queue:\(queue.name)")
        case .ivr(let flow, let node):
            let prepared = try preparedFlow(flow, startingAt: node)
            await redirect(.flow(prepared), label: "ivr:\(flow)" + (node.map { "#\($0)" } ?? ""))
        }
    }

    /// The tenant's published flow `id`, made to start at `node` when one is given.
    func preparedFlow(_ id: String, startingAt node: String?) throws(CallControlRefusal) -> PreparedFlow {
        guard let flow = tenant.flows[FlowID(rawValue: id)] else {
            throw .invalidTarget("no published flow '\(id)' in this tenant", field: "target.value")
        }
        guard let node else { return flow }
        return try Self.flow(flow, enteringAt: node, queues: Set(tenant.record.queues.map { QueueName($0.name) }))
    }

    /// `flow` entered at `node` (转自动 to a node): its own start stays reachable behind a
    /// branch that never holds (validation wants every node reachable), and the call goes to
    /// `node` first.
    static func flow(_ flow: PreparedFlow, enteringAt node: String, queues: Set<QueueName>) throws(CallControlRefusal) -> PreparedFlow {
        var definition = flow.definition
        guard definition.nodes.contains(where: { $0.id.rawValue == node }) else {
            throw .invalidTarget("flow '\(definition.id.rawValue)' has no node '\(node)'", field: "target.value")
        }
        let entry = NodeID(rawValue: "kefu-transfer-entry")
        definition.nodes.insert(FlowNode(id: entry, .condition(ConditionNode(
            branches: definition.start.map { [ConditionBranch(when: "false", next: $0)] } ?? [], otherwise: NodeID(rawValue: node)))), at: 0)
        definition.start = entry
        do {
            return try PreparedFlow(definition, references: FlowReferences(queues: queues))
        } catch {
            throw .invalidTarget("flow '\(definition.id.rawValue)' cannot start at node '\(node)': \(error)", field: "target.value")
        }
    }

    /// The agent's part ends and the conversation returns `.redirected`, which sends the
    /// caller to the queue or flow.
    private func redirect(_ redirect: CallRedirect, label: String) async {
        await endSupervision(rebridge: false)
        summary.legs.append(CallSummary.Leg(kind: "transfer", number: label, startedAt: Date(), answeredAt: Date(), endedAt: Date(), outcome: "answered"))
        await releaseAgentLeg()
        context.events.publish(event(.callTransferred, details: ["to": label]))
        logger.info("transferred", metadata: ["to": "\(label)"])
        conversationEnded?.yield(.redirected(redirect))
    }

    /// Where the caller goes after a redirect; returns when a new agent hung up (the flow
    /// goes on), throws ``CallerHungUp`` when the call is over.
    func follow(_ redirect: CallRedirect) async throws -> ConversationOutcome {
        await completeTask()
        bridge = nil
        control.muted = false
        switch redirect {
        case .queue(let queue):
            let request = EnqueueRequest(
                queue: QueueName(queue.name), priority: queue.priority, skills: [], screenPop: summary.callData,
                maxWaitSeconds: nil, language: .chinese, tier: .standard)
            guard case .agentAnswered = try await enqueue(request) else {
                await hangUpCaller()
                throw CallerHungUp()
            }
            return try await connectAgent(announcement: nil)
        case .flow(let flow):
            await runFlow(flow, context: CallContext(caller: PhoneNumber(rawValue: caller), called: PhoneNumber(rawValue: route.number)))
            throw CallerHungUp()
        }
    }
}
