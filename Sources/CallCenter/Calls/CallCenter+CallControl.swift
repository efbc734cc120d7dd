// The call-control API of the call center: find the live calls a user may see and act on
// one as its agent or as a supervisor of the tenant; place a click-to-dial call (外呼).

import Foundation

extension CallCenter {
    /// The live calls of `tenant` that `requester` sees: a supervisor all (or those of the
    /// agents in their scope), an agent the calls they are connected to. Oldest first.
    public func liveCalls(tenant: String, requester: CallControlRequester) async -> [LiveCallView] {
        var views: [LiveCallView] = []
        for call in context.liveCalls.calls(tenant: tenant) {
            if !requester.supervises {
                guard let agentID = requester.agentID, await call.involves(agent: agentID) else { continue }
            } else if let scope = requester.scope, await !Self.inScope(call, scope, waiting: requester.scopeIncludesWaiting) {
                continue
            }
            let view = await call.view()
            if view.phase != "ended" { views.append(view) }
        }
        return views.sorted { $0.arrivedAt < $1.arrivedAt }
    }

    /// Whether call `callID` of `tenant` is still running in the call path (the API's live
    /// call table, fed by events, is checked against it).
    public func isRunning(_ callID: String, tenant: String) -> Bool {
        context.liveCalls.call(callID, tenant: tenant) != nil
    }

    /// The live call `callID` of `tenant` as `requester` may see it.
    public func liveCall(_ callID: String, tenant: String, requester: CallControlRequester) async throws(CallControlRefusal) -> LiveCallView {
        try await authorizedCall(callID, tenant: tenant, requester: requester, command: nil).view()
    }

    /// Carries out `command` on the live call `callID` of `tenant` and returns the call as it
    /// stands afterwards (ringing a party goes on in the background; events tell the end).
    /// Refused with ``CallControlRefusal``: unknown call (or another tenant's), an agent not
    /// connected to it or asking for a supervisor's action, a state that does not allow it,
    /// a bad target.
    @discardableResult
    public func control(
        _ callID: String, tenant: String, requester: CallControlRequester, _ command: CallControlCommand
    ) async throws(CallControlRefusal) -> LiveCallView {
        let call = try await authorizedCall(callID, tenant: tenant, requester: requester, command: command)
        try await call.perform(command, requester: requester)
        return await call.view()
    }

    private func authorizedCall(
        _ callID: String, tenant: String, requester: CallControlRequester, command: CallControlCommand?
    ) async throws(CallControlRefusal) -> any ControllableCall {
        guard let call = context.liveCalls.call(callID, tenant: tenant) else {
            throw .notFound("no live call '\(callID)' in your tenant")
        }
        if requester.supervises {
            if let scope = requester.scope, await !Self.inScope(call, scope, waiting: requester.scopeIncludesWaiting) {
                throw .notFound("no live call '\(callID)' among your agents' calls")
            }
            return call
        }
        if command?.isSupervisorAction == true { throw .forbidden("only supervisors may \(command?.name ?? "do this")") }
        guard let agentID = requester.agentID, await call.involves(agent: agentID) else {
            throw .forbidden("you are not connected to call '\(callID)'")
        }
        return call
    }

    /// Whether one of `agents` talks on, is offered, consults or supervises `call`, or (with
    /// `waiting`) the call has no agent yet.
    private static func inScope(_ call: any ControllableCall, _ agents: Set<String>, waiting: Bool) async -> Bool {
        for agent in agents {
            if await call.involves(agent: agent) { return true }
        }
        return waiting ? await call.view().agentID == nil : false
    }

    /// Click-to-dial (外呼): rings `agent`'s registered phone, then `destination` through the
    /// tenant's trunk presenting `callerID`, which must be one of the tenant's outbound-enabled
    /// numbers (the first one when nil). Returns once the agent's phone rings.
    public func placeCall(
        tenant: String, agent: String, destination: String, callerID: String?
    ) async throws(CallControlRefusal) -> LiveCallView {
        guard let runtime = directory.tenant(id: tenant), let record = runtime.agentsByID[agent] else {
            throw .invalidTarget("your user is not an agent of this tenant", field: "user")
        }
        guard case .external(let number)? = try? CallTransferTarget(kind: "external", value: destination) else {
            throw .invalidTarget("the destination has 3 to 20 digits (an optional leading +), got '\(destination)'", field: "destination")
        }
        let presented: String
        if let callerID {
            guard runtime.record.outboundCallerIDs.contains(callerID) else {
                throw .invalidTarget(
                    "'\(callerID)' is not one of this tenant's outbound-enabled numbers (\(runtime.record.outboundCallerIDs.joined(separator: ", ")))",
                    field: "callerID")
            }
            presented = callerID
        } else {
            guard let first = runtime.record.outboundCallerIDs.first else {
                throw .invalidTarget("this tenant has no outbound-enabled number to present", field: "callerID")
            }
            presented = first
        }
        guard !TrunkDialer.routes(for: number, tenant: runtime).isEmpty else {
            throw .invalidTarget("no outbound trunk of this tenant takes \(number)", field: "destination")
        }
        let call = OutboundCall(tenant: runtime, agent: record, destination: number, callerID: presented, context: context)
        try await call.start()
        return await call.view()
    }
}
