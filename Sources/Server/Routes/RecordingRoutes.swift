// Recordings (录音): the WAV file streamed with HTTP range requests so players can seek,
// and one audit log entry per playback. Team leads and partner managers play only the
// recordings of their scope's calls (404 for others).

import Foundation
import Hummingbird
import Store

/// `GET /api/v1/recordings/{id}`.
struct RecordingRoutes {
    let services: ServerServices

    func register(on routes: APIRouteRecorder) {
        routes.add(.get, "/api/v1/recordings/{id}") { request, context in try await play(request, context) }
    }

    private func play(_ request: Request, _ context: KefuRequestContext) async throws -> Response {
        let principal = try context.require(.playRecordings)
        let tenant = try principal.requireTenant()
        let id = try context.pathParameter("id")
        let recording = try await services.store.recordings.get(tenant, RecordingID(rawValue: id))
        if principal.supervises, !principal.agentScope.isWholeTenant {
            // A team lead or partner manager plays only the recordings of their scope's calls.
            guard let record = try await services.store.callDetailRecords.find(tenant, callID: recording.callID),
                  CallRecordRoutes.reaches(principal, record)
            else { throw APIError.notFound("recording", id) }
        }
        guard !recording.path.hasPrefix("/"), !recording.path.split(separator: "/").contains("..") else {
            throw APIError(.internalServerError, code: "internal", message: "the recording's stored path is not inside the data directory")
        }
        let path = URL(fileURLWithPath: services.dataDirectory).appendingPathComponent(recording.path).path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = (attributes[.size] as? NSNumber)?.intValue
        else {
            throw APIError(.notFound, code: "recording_missing", message: "recording '\(id)' is listed but its file is gone")
        }
        let range = ByteRange(header: request.headers[.range], size: size)
        var headers: HTTPFields = [.contentType: "audio/wav", .acceptRanges: "bytes"]
        headers[.contentDisposition] = "inline; filename=\"\(recording.id.rawValue).wav\""
        let fileIO = FileIO()
        switch range {
        case .unsatisfiable:
            var error = APIError(.rangeNotSatisfiable, code: "range_not_satisfiable",
                                 message: "the file has \(size) bytes; ask for a range inside it", field: "Range")
            error.headers[.contentRange] = "bytes */\(size)"
            throw error
        case .whole:
            try await audit(principal, tenant: tenant, recording: recording, context: context)
            headers[.contentLength] = String(size)
            return Response(status: .ok, headers: headers, body: try await fileIO.loadFile(path: path, context: context))
        case .bytes(let bytes):
            // A player asks for the start once per playback and then for later pieces while
            // seeking: only the request that starts at byte 0 counts as a playback.
            if bytes.lowerBound == 0 { try await audit(principal, tenant: tenant, recording: recording, context: context) }
            headers[.contentRange] = "bytes \(bytes.lowerBound)-\(bytes.upperBound)/\(size)"
            headers[.contentLength] = String(bytes.count)
            return Response(status: .partialContent, headers: headers,
                            body: try await fileIO.loadFile(path: path, range: bytes, context: context))
        }
    }

    private func audit(_ principal: Principal, tenant: TenantID, recording: Recording, context: KefuRequestContext) async throws {
        try await services.store.auditLog.record(.tenant(tenant), AuditEntry(
            occurredAt: services.now(), actor: principal.auditActor, action: "recording.play", objectKind: "recording",
            objectID: recording.id.rawValue, sourceAddress: context.remoteAddress, detail: ["call_id": recording.callID]))
    }
}
