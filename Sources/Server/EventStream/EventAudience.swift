// Who sees which event on the stream: an agent their own state and the calls offered to
// them (with the caller masked by the tenant's policy), a supervisor or admin the whole
// tenant, a team lead or partner manager the agents of their scope and those agents' calls.
// A value that remembers the agent's calls; no I/O.

import CallCenter
import Foundation
import NIOCore
import Store

/// One stream subscriber's view of the event bus: its ``AudienceKey`` (whose fields it
/// reads as its own) and the calls it follows.
@dynamicMemberLookup
struct EventAudience: Sendable {
    /// What the subscriber is: tenant, agent, scope and masking. Subscribers with the same key
    /// get the same events, encoded the same way, so the stream checks and encodes each event
    /// once for all of them.
    let key: AudienceKey
    /// Calls offered to the agent and not yet ended or offered elsewhere.
    private(set) var ownCalls: Set<String> = []

    init(
        tenantID: String, agentID: String?, wholeTenant: Bool, masking: MaskingPolicy?, scopeAgents: Set<String>? = nil,
        seesWaitingCalls: Bool = false
    ) {
        self.key = AudienceKey(
            tenantID: tenantID, agentID: agentID, wholeTenant: wholeTenant && scopeAgents == nil,
            scopeAgents: wholeTenant ? scopeAgents : nil, seesWaitingCalls: seesWaitingCalls, masking: masking)
    }

    /// The audience of `principal`: the agents of their scope when they supervise, else
    /// their own work.
    init(_ principal: Principal, tenant: String, masking: MaskingPolicy?, runtime: TenantRuntime?) {
        self.init(tenantID: tenant, agentID: principal.agentID?.rawValue, wholeTenant: principal.supervises, masking: masking,
                  scopeAgents: principal.supervises ? principal.agentScope.agentIDs(in: runtime).map { agents in
                      agents.union(principal.agentID.map { [$0.rawValue] } ?? [])
                  } : nil,
                  seesWaitingCalls: principal.agentScope.seesWaitingCalls)
    }

    /// The key's fields (`tenantID`, `agentID`, `wholeTenant`, `scopeAgents`,
    /// `seesWaitingCalls`, `masking`) as the audience's own.
    subscript<Value>(dynamicMember field: KeyPath<AudienceKey, Value>) -> Value { key[keyPath: field] }

    /// Whether the subscriber sees only one agent's own work (not a tenant or a scope).
    var isOneAgent: Bool { !key.wholeTenant && key.scopeAgents == nil }

    /// Whether the subscriber follows `call` (it was offered to their agent or scope).
    func follows(_ call: String) -> Bool { ownCalls.contains(call) }

    /// Starts following the calls in progress it sees, for a subscriber that joins while
    /// they go on: their later events are admitted as if it had seen them from the start.
    mutating func follow(_ calls: [LiveCall]) {
        guard !key.wholeTenant else { return }
        ownCalls.formUnion(calls.filter(admits).map(\.callID))
    }

    /// Whether the subscriber sees the agent and its state.
    func sees(agent: String) -> Bool {
        key.wholeTenant || agent == key.agentID || (key.scopeAgents?.contains(agent) ?? false)
    }

    /// Whether the subscriber sees `event`; updates the agent's call set.
    mutating func admits(_ event: CallCenterEvent) -> Bool {
        guard event.tenantID == key.tenantID else { return false }
        if key.wholeTenant { return true }
        if let scopeAgents = key.scopeAgents { return admitsScoped(event, scopeAgents) }
        guard let agentID = key.agentID else { return false }
        switch event.kind {
        case .agentStateChanged, .agentDeviceChanged, .agentLimitBreached:
            return event.agentID == agentID
        case .callOffered:
            guard let call = event.callID else { return false }
            if event.agentID == agentID {
                ownCalls.insert(call)
                return true
            }
            return ownCalls.remove(call) != nil
        case .callEnded, .callRejected:
            guard let call = event.callID else { return false }
            return ownCalls.remove(call) != nil || event.agentID == agentID
        default:
            guard let call = event.callID else { return false }
            if event.agentID == agentID { ownCalls.insert(call) }
            return ownCalls.contains(call)
        }
    }

    /// A scoped supervisor's view: events about their agents, and the calls those agents
    /// were offered from the offer until the call ends (or is offered outside the scope);
    /// a team lead also the calls waiting for an agent.
    private mutating func admitsScoped(_ event: CallCenterEvent, _ agents: Set<String>) -> Bool {
        let ours = event.agentID.map(agents.contains) ?? false
        guard let call = event.callID else { return ours }
        switch event.kind {
        case .callArrived, .callQueued:
            guard key.seesWaitingCalls else { return ownCalls.contains(call) }
            ownCalls.insert(call)
            return true
        case .callOffered, .callAnswered:
            if ours {
                ownCalls.insert(call)
                return true
            }
            return ownCalls.remove(call) != nil
        case .callEnded, .callRejected:
            return ownCalls.remove(call) != nil || ours
        default:
            if ours { ownCalls.insert(call) }
            return ownCalls.contains(call)
        }
    }

    /// Whether the subscriber sees `call` in a snapshot.
    func admits(_ call: LiveCall) -> Bool {
        guard call.tenantID == key.tenantID else { return false }
        if key.wholeTenant { return true }
        if let scopeAgents = key.scopeAgents { return call.agentID.map(scopeAgents.contains) ?? key.seesWaitingCalls }
        return key.agentID != nil && call.agentID == key.agentID
    }

    /// A customer number as this subscriber may see it.
    func shown(_ number: String) -> String {
        key.masking.map { $0.mask(number) } ?? number
    }

    /// IVR data as this subscriber may see it: values that are the caller's number masked.
    func shown(_ data: [String: String], caller: String) -> [String: String] {
        guard key.masking != nil, !caller.isEmpty else { return data }
        return data.mapValues { $0 == caller ? shown($0) : $0 }
    }
}

/// A message on the event stream.
struct StreamMessage: Encodable, Sendable {
    /// A call as the stream shows it (the screen pop's data).
    struct CallBody: Encodable, Sendable {
        var callId: String
        var caller: String
        var called: String
        var phase: String
        var queue: String?
        var agentId: String?
        var arrivedAt: Date
        var data: [String: String]?

        init(_ call: LiveCall, audience: EventAudience) {
            callId = call.callID
            caller = audience.shown(call.caller)
            called = call.called
            phase = call.phase
            queue = call.queue
            agentId = call.agentID
            arrivedAt = call.arrivedAt
            data = call.data.map { audience.shown($0, caller: call.caller) }
        }
    }

    /// `snapshot` on connect, then `event`.
    var type: String
    var kind: String?
    var callId: String?
    var agentId: String?
    var at: Date?
    var details: [String: String]?
    var call: CallBody?
    var agents: [AgentSummary]?
    var calls: [CallBody]?

    /// An event, with the call it concerns (caller masked for agents).
    static func event(_ event: CallCenterEvent, call: LiveCall?, audience: EventAudience) -> StreamMessage {
        // The IVR data travels in `call.data`, masked there.
        var details = event.details.filter { !$0.key.hasPrefix("data.") }
        if let caller = details["caller"] { details["caller"] = audience.shown(caller) }
        return StreamMessage(
            type: "event", kind: event.kind.rawValue, callId: event.callID, agentId: event.agentID, at: event.at,
            details: details, call: call.map { CallBody($0, audience: audience) })
    }

    /// The message as the stream sends it.
    func jsonText() throws -> String {
        String(decoding: try APIJSON.encoder.encode(self), as: UTF8.self)
    }

    /// The message's bytes, to share among every stream that sends it.
    func jsonBuffer() throws -> ByteBuffer {
        ByteBuffer(bytes: try APIJSON.encoder.encode(self))
    }

    /// The state a client starts from.
    static func snapshot(agents: [AgentSummary], calls: [LiveCall], audience: EventAudience) -> StreamMessage {
        StreamMessage(type: "snapshot", agents: agents, calls: calls.map { CallBody($0, audience: audience) })
    }
}
