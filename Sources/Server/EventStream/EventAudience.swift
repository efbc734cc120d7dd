// Who sees which event on the stream: an agent their own state and the calls offered to
// them (with the caller masked by the tenant's policy), a supervisor or admin the whole
// tenant. A value that remembers the agent's calls; no I/O.

import CallCenter
import Foundation
import Store

/// One stream subscriber's view of the event bus.
struct EventAudience: Sendable {
    /// The subscriber's tenant.
    let tenantID: String
    /// The agent, for a subscriber who sees only their own work.
    let agentID: String?
    /// Whether the subscriber sees every agent and call of the tenant.
    let wholeTenant: Bool
    /// How customer numbers are masked for this subscriber (`nil`: shown in full).
    let masking: MaskingPolicy?
    /// Calls offered to the agent and not yet ended or offered elsewhere.
    private(set) var ownCalls: Set<String> = []

    init(tenantID: String, agentID: String?, wholeTenant: Bool, masking: MaskingPolicy?) {
        self.tenantID = tenantID
        self.agentID = agentID
        self.wholeTenant = wholeTenant
        self.masking = masking
    }

    /// Whether the subscriber sees `event`; updates the agent's call set.
    mutating func admits(_ event: CallCenterEvent) -> Bool {
        guard event.tenantID == tenantID else { return false }
        if wholeTenant { return true }
        guard let agentID else { return false }
        switch event.kind {
        case .agentStateChanged, .agentDeviceChanged:
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

    /// Whether the subscriber sees `call` in a snapshot.
    func admits(_ call: LiveCall) -> Bool {
        call.tenantID == tenantID && (wholeTenant || (agentID != nil && call.agentID == agentID))
    }

    /// A customer number as this subscriber may see it.
    func shown(_ number: String) -> String {
        masking.map { $0.mask(number) } ?? number
    }

    /// IVR data as this subscriber may see it: values that are the caller's number masked.
    func shown(_ data: [String: String], caller: String) -> [String: String] {
        guard masking != nil, !caller.isEmpty else { return data }
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

    /// The state a client starts from.
    static func snapshot(agents: [AgentSummary], calls: [LiveCall], audience: EventAudience) -> StreamMessage {
        StreamMessage(type: "snapshot", agents: agents, calls: calls.map { CallBody($0, audience: audience) })
    }
}
