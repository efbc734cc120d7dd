// The screen pop (弹屏) of a call in progress: the call (caller masked for agents), the
// customer profile found by the caller's number, and the caller's recent calls with their
// notes, so the agent knows who is calling before saying hello.

import CallCenter
import Foundation
import Hummingbird
import Store

/// `GET /api/v1/screen-pop/{callId}`.
struct ScreenPopRoutes {
    let services: ServerServices

    /// How many earlier calls of the caller the pop lists.
    static let recentCallLimit = 5

    struct CustomerBody: Encodable, Sendable {
        var id: String
        var name: String
        var vipTier: Int
        var notes: String
    }

    struct RecentCall: Encodable, Sendable {
        var id: String
        var callId: String
        var arrivedAt: Date
        var disposition: String
        var agentWorkNumber: String?
        var queueId: String?
        var note: CallNoteRoutes.NoteBody?
    }

    struct ScreenPop: Encodable, Sendable {
        /// The call as the event stream shows it to this user.
        var call: StreamMessage.CallBody
        var customer: CustomerBody?
        var recentCalls: [RecentCall]
    }

    func register(on routes: APIRouteRecorder) {
        routes.add(.get, "/api/v1/screen-pop/{callId}") { _, context in
            let principal = try context.require(.streamEvents)
            let tenant = try principal.requireTenant()
            // SIP Call-IDs carry '@' and other characters clients percent-encode in a path.
            let encoded = try context.pathParameter("callId")
            let callID = encoded.removingPercentEncoding ?? encoded
            let masking = principal.seesMaskedNumbers ? try await services.store.tenants.get(tenant).maskingPolicy : nil
            let audience = EventAudience(principal, tenant: tenant.rawValue, masking: masking,
                                         runtime: services.callCenter.directory.tenant(id: tenant.rawValue))
            guard let call = services.liveCalls.call(callID, tenant: tenant.rawValue), audience.admits(call)
            else { throw APIError.notFound("call in progress", callID) }
            let customer = call.caller.isEmpty ? nil : try await services.store.customers.find(tenant, number: call.caller)
            var recent: [CallDetailRecord] = []
            if !call.caller.isEmpty {
                recent = try await services.store.callDetailRecords.list(
                    tenant, filter: CallDetailRecordFilter(number: call.caller), limit: Self.recentCallLimit).records
            }
            let notes = try await services.store.callNotes.notes(tenant, records: recent.map(\.id))
            let body = ScreenPop(
                call: StreamMessage.CallBody(call, audience: audience),
                customer: customer.map { CustomerBody(id: $0.id.rawValue, name: $0.name, vipTier: $0.vipTier, notes: $0.notes) },
                recentCalls: recent.map { record in
                    RecentCall(id: record.id.rawValue, callId: record.callID, arrivedAt: record.arrivedAt,
                               disposition: record.disposition.rawValue, agentWorkNumber: record.agentWorkNumber,
                               queueId: record.queueID?.rawValue, note: notes[record.id].map(CallNoteRoutes.NoteBody.init))
                })
            return JSONResponse(body)
        }
    }
}
