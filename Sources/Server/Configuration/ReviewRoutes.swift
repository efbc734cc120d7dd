// The platform reviewer's side of IVR content approval (内容审核): the queue of flow and
// prompt versions every tenant submitted, a flow version's document, a prompt's sound, and
// the decision (approve, or reject with a comment), each audited in the tenant's log.

import CallCenter
import Foundation
import Hummingbird
import Media
import NIOCore
import NIOFoundationCompat
import Store

/// `/api/v1/platform/reviews...`, for platform reviewers.
struct ReviewRoutes {
    let services: ServerServices

    /// The tenant a reviewed version belongs to.
    struct TenantRef: Encodable, Sendable {
        var id, code, name: String
    }

    /// One entry of the queue.
    struct QueueItem: Encodable, Sendable {
        /// `flow` or `prompt`.
        var kind: String
        /// The version's id (what the other review routes take).
        var id: String
        var tenant: TenantRef
        /// The flow's or prompt's id and name.
        var contentId: String
        var name: String
        var version: Int
        var status: String
        var createdBy: String?
        var submittedAt: Date?
    }

    /// A flow version as the reviewer reads it, with the version calls run now for comparison.
    struct FlowReview: Encodable, Sendable {
        var id: String
        var tenant: TenantRef
        var flowId: String
        var name: String
        var version: Int
        var status: String
        var createdBy: String?
        var submittedAt: Date?
        var reviewedBy: String?
        var reviewedAt: Date?
        var reviewComment: String?
        var document: RawJSON
        var publishedVersion: Int?
        var publishedDocument: RawJSON?
    }

    /// A prompt version as the reviewer reads it (the sound is at `.../audio`).
    struct PromptReview: Encodable, Sendable {
        var id: String
        var tenant: TenantRef
        var promptId: String
        var name: String
        var version: Int
        var status: String
        var kind: String
        var tts: PromptRoutes.Speech?
        var durationMilliseconds: Int?
        var createdBy: String?
        var submittedAt: Date?
        var reviewedBy: String?
        var reviewedAt: Date?
        var reviewComment: String?
    }

    func register(on routes: APIRouteRecorder) {
        let store = services.store
        routes.add(.get, "/api/v1/platform/reviews") { _, context in
            _ = try context.require(.reviewContent)
            var tenants: [TenantID: TenantRef] = [:]
            func tenant(_ id: TenantID) async throws -> TenantRef {
                if let known = tenants[id] { return known }
                let found = try await reference(id)
                tenants[id] = found
                return found
            }
            var items: [QueueItem] = []
            for version in try await store.flows.submittedForReview() {
                let flow = try await store.flows.get(version.tenantID, version.flowID)
                items.append(QueueItem(
                    kind: "flow", id: version.id.rawValue, tenant: try await tenant(version.tenantID), contentId: flow.id.rawValue,
                    name: flow.name, version: version.version, status: version.status.rawValue, createdBy: version.history.createdBy,
                    submittedAt: version.history.submittedAt))
            }
            for version in try await store.prompts.submittedForReview() {
                let prompt = try await store.prompts.get(version.tenantID, version.promptID)
                items.append(QueueItem(
                    kind: "prompt", id: version.id.rawValue, tenant: try await tenant(version.tenantID), contentId: prompt.id.rawValue,
                    name: prompt.name, version: version.version, status: version.status.rawValue, createdBy: version.history.createdBy,
                    submittedAt: version.history.submittedAt))
            }
            items.sort { ($0.submittedAt ?? .distantPast, $0.id) < ($1.submittedAt ?? .distantPast, $1.id) }
            return JSONResponse(ItemList(items: items))
        }
        routes.add(.get, "/api/v1/platform/reviews/flows/{id}") { _, context in
            _ = try context.require(.reviewContent)
            let version = try await flowVersion(context)
            return JSONResponse(try await flowReview(version))
        }
        routes.add(.get, "/api/v1/platform/reviews/prompts/{id}") { _, context in
            _ = try context.require(.reviewContent)
            let version = try await promptVersion(context)
            return JSONResponse(try await promptReview(version))
        }
        routes.add(.get, "/api/v1/platform/reviews/prompts/{id}/audio") { _, context in
            _ = try context.require(.reviewContent)
            let bytes = try await sound(of: try await promptVersion(context))
            return Response(status: .ok, headers: [.contentType: "audio/wav", .cacheControl: "no-store"],
                            body: .init(byteBuffer: ByteBuffer(data: bytes)))
        }
        for decision in [ContentAction.approve, .reject] {
            routes.add(.post, "/api/v1/platform/reviews/flows/{id}/\(decision.rawValue)") { request, context in
                let reviewer = try context.require(.reviewContent)
                let version = try await flowVersion(context)
                let comment = try await self.comment(request, context)
                let flow = try await store.flows.get(version.tenantID, version.flowID)
                let decided = try await ContentLifecycleStep.run("flow '\(flow.name)'", version: version.version) {
                    decision == .approve
                        ? try await store.flows.approve(version.tenantID, version.id, by: reviewer.name, comment: comment)
                        : try await store.flows.reject(version.tenantID, version.id, by: reviewer.name, comment: comment ?? "")
                }
                try await services.auditContentStep(
                    context, by: reviewer, tenant: version.tenantID, action: "flow.\(decision.rawValue)", kind: "flow_version",
                    versionID: version.id.rawValue, detail: detail(name: ("flow", flow.name), version: version.version, comment: comment))
                return JSONResponse(try await flowReview(decided))
            }
            routes.add(.post, "/api/v1/platform/reviews/prompts/{id}/\(decision.rawValue)") { request, context in
                let reviewer = try context.require(.reviewContent)
                let version = try await promptVersion(context)
                let comment = try await self.comment(request, context)
                let prompt = try await store.prompts.get(version.tenantID, version.promptID)
                let decided = try await ContentLifecycleStep.run("prompt '\(prompt.name)'", version: version.version) {
                    decision == .approve
                        ? try await store.prompts.approve(version.tenantID, version.id, by: reviewer.name, comment: comment)
                        : try await store.prompts.reject(version.tenantID, version.id, by: reviewer.name, comment: comment ?? "")
                }
                try await services.auditContentStep(
                    context, by: reviewer, tenant: version.tenantID, action: "prompt.\(decision.rawValue)", kind: "prompt_version",
                    versionID: version.id.rawValue, detail: detail(name: ("prompt", prompt.name), version: version.version, comment: comment))
                return JSONResponse(try await promptReview(decided))
            }
        }
    }

    private func detail(name: (String, String), version: Int, comment: String?) -> [String: String] {
        var detail = [name.0: name.1, "version": "\(version)"]
        if let comment { detail["comment"] = comment }
        return detail
    }

    /// The decision's comment: trimmed, nil when empty or when there is no body.
    private func comment(_ request: Request, _ context: KefuRequestContext) async throws -> String? {
        if request.headers[.contentLength] == "0" || (request.headers[.contentLength] == nil && request.headers[.transferEncoding] == nil) {
            return nil
        }
        let text = try await request.decodeJSON(as: ReviewDecisionInput.self, context: context).comment?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return text?.isEmpty == false ? text : nil
    }

    private func reference(_ id: TenantID) async throws -> TenantRef {
        let tenant = try await services.store.tenants.get(id)
        return TenantRef(id: id.rawValue, code: tenant.code, name: tenant.name)
    }

    /// The `{id}` version of any tenant once submitted; 404 (`flow version`) for drafts and unknown ids.
    private func flowVersion(_ context: KefuRequestContext) async throws -> FlowVersion {
        try await services.store.flows.versionForReview(FlowVersionID(rawValue: try context.pathParameter("id")))
    }

    private func promptVersion(_ context: KefuRequestContext) async throws -> PromptVersion {
        try await services.store.prompts.versionForReview(PromptVersionID(rawValue: try context.pathParameter("id")))
    }

    private func flowReview(_ version: FlowVersion) async throws -> FlowReview {
        let flow = try await services.store.flows.get(version.tenantID, version.flowID)
        let published = try await services.store.flows.publishedVersion(version.tenantID, version.flowID)
        let history = version.history
        return FlowReview(
            id: version.id.rawValue, tenant: try await reference(version.tenantID), flowId: flow.id.rawValue, name: flow.name,
            version: version.version, status: version.status.rawValue, createdBy: history.createdBy, submittedAt: history.submittedAt,
            reviewedBy: history.reviewedBy, reviewedAt: history.reviewedAt, reviewComment: history.reviewComment,
            document: RawJSON(version.document), publishedVersion: published?.version, publishedDocument: published.map { RawJSON($0.document) })
    }

    private func promptReview(_ version: PromptVersion) async throws -> PromptReview {
        let prompt = try await services.store.prompts.get(version.tenantID, version.promptID)
        let history = version.history
        var review = PromptReview(
            id: version.id.rawValue, tenant: try await reference(version.tenantID), promptId: prompt.id.rawValue, name: prompt.name,
            version: version.version, status: version.status.rawValue, kind: "tts", createdBy: history.createdBy,
            submittedAt: history.submittedAt, reviewedBy: history.reviewedBy, reviewedAt: history.reviewedAt,
            reviewComment: history.reviewComment)
        switch version.source {
        case .tts(let text, let voice):
            review.tts = PromptRoutes.Speech(text: text, voice: voice)
        case .audio(_, _, let duration):
            review.kind = "audio"
            review.durationMilliseconds = duration
        }
        return review
    }

    /// The WAV a caller would hear: the uploaded file, or the text rendered by TTS.
    private func sound(of version: PromptVersion) async throws -> Data {
        switch version.source {
        case .audio(let path, _, _):
            let file = URL(fileURLWithPath: services.dataDirectory).appendingPathComponent(path)
            guard let bytes = try? Data(contentsOf: file) else {
                throw APIError(.notFound, code: "not_found", message: "the audio file of prompt version \(version.version) is missing from the data directory")
            }
            return bytes
        case .tts(let text, let voice):
            let speech: SpeechVoice = voice.lowercased().hasPrefix("en") ? .english : .mandarin
            do {
                let path = try await services.callCenter.media.speech.cachedFile(for: text, voice: speech)
                return try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw APIError(.serviceUnavailable, code: "tts_unavailable", message: "text to speech failed: \(error)")
            }
        }
    }
}
