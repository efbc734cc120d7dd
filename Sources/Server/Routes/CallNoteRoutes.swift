// Call notes (电话小结) on call records: the note of one record with its disposition code,
// read and written from the agent desktop after the call. Agents reach only the records of
// their own calls; supervisors and admins any record of the tenant.

import Foundation
import Hummingbird
import Store

/// `GET` and `PUT /api/v1/cdrs/{id}/note`.
struct CallNoteRoutes {
    let services: ServerServices

    /// A note as the API shows it.
    struct NoteBody: Encodable, Sendable {
        var cdrId: String
        var callId: String
        var disposition: String
        var text: String
        var author: String
        var agentId: String?
        var createdAt: Date
        var updatedAt: Date

        init(_ note: CallNote) {
            cdrId = note.callDetailRecordID.rawValue
            callId = note.callID
            disposition = note.dispositionCode
            text = note.text
            author = note.author
            agentId = note.agentID?.rawValue
            createdAt = note.createdAt
            updatedAt = note.updatedAt
        }
    }

    /// `{"note": …}`; `null` before anyone wrote one.
    struct NoteResult: Encodable, Sendable {
        var note: NoteBody?
    }

    /// The body of `PUT /api/v1/cdrs/{id}/note`.
    struct NoteInput: Decodable {
        var disposition: String
        var text: String?
    }

    func register(on routes: APIRouteRecorder) {
        routes.add(.get, "/api/v1/cdrs/{id}/note") { _, context in
            let principal = try context.require(.readCallRecords)
            let (tenant, record) = try await reachableRecord(principal, context)
            let note = try await services.store.callNotes.find(tenant, record: record.id)
            return JSONResponse(NoteResult(note: note.map(NoteBody.init)))
        }
        routes.add(.put, "/api/v1/cdrs/{id}/note") { request, context in
            let principal = try context.require(.writeCallNotes)
            let (tenant, record) = try await reachableRecord(principal, context)
            let input = try await request.decodeJSON(as: NoteInput.self, context: context)
            let desk = try await services.store.deskSettings.get(tenant)
            guard desk.offers(input.disposition) else {
                throw APIError(.unprocessableContent, code: "unknown_disposition",
                               message: "'\(input.disposition)' is not one of your tenant's disposition codes (\(desk.dispositionCodes.map(\.code).joined(separator: ", ")))",
                               field: "disposition")
            }
            let note = try await services.store.callNotes.save(
                tenant, record: record.id, CallNoteDefinition(dispositionCode: input.disposition, text: input.text ?? ""),
                author: principal.name, agentID: principal.agentID)
            return JSONResponse(NoteResult(note: NoteBody(note)))
        }
    }

    /// The record `{id}` when the caller may reach it: 404 for another tenant's record, for
    /// an agent for a call that was not theirs, for a team lead or partner manager outside
    /// their scope.
    private func reachableRecord(_ principal: Principal, _ context: KefuRequestContext) async throws -> (TenantID, CallDetailRecord) {
        let tenant = try principal.requireTenant()
        let id = try context.pathParameter("id")
        let record = try await services.store.callDetailRecords.get(tenant, CallDetailRecordID(rawValue: id))
        guard CallRecordRoutes.reaches(principal, record) else { throw APIError.notFound("call record", id) }
        return (tenant, record)
    }
}
