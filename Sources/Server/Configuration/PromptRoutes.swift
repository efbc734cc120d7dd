// A tenant's voice prompts: created as text to speech or uploaded as WAV, each change a new
// version with the content lifecycle, published for the next call.

import CallCenter
import Crypto
import Foundation
import Hummingbird
import Media
import NIOCore
import NIOFoundationCompat
import Store

/// `/api/v1/config/prompts...`.
struct PromptRoutes {
    let services: ServerServices

    /// The largest WAV upload.
    static let audioLimit = 8 * 1024 * 1024

    /// Text to speech.
    struct Speech: Codable, Sendable {
        var text: String
        var voice: String?
    }

    /// A new prompt, optionally with its first (spoken) version.
    struct Input: Decodable {
        var name: String
        var description: String?
        var tts: Speech?
    }

    struct VersionInput: Decodable {
        var version: Int?
    }

    struct VersionOutput: Encodable, Sendable {
        var id: String
        var version: Int
        var status: String
        var kind: String
        var tts: Speech?
        var durationMilliseconds: Int?
        var createdAt: Date
        var submittedAt: Date?
        var reviewedBy: String?
        var reviewedAt: Date?
        /// The reviewer's comment (why it was rejected, or a note with an approval).
        var reviewComment: String?

        init(_ version: PromptVersion) {
            id = version.id.rawValue
            self.version = version.version
            status = version.status.rawValue
            createdAt = version.history.createdAt
            submittedAt = version.history.submittedAt
            reviewedBy = version.history.reviewedBy
            reviewedAt = version.history.reviewedAt
            reviewComment = version.history.reviewComment
            switch version.source {
            case .tts(let text, let voice):
                kind = "tts"
                tts = Speech(text: text, voice: voice)
            case .audio(_, _, let duration):
                kind = "audio"
                durationMilliseconds = duration
            }
        }
    }

    struct Output: Encodable, Sendable {
        var id, name, description: String
        var publishedVersion: Int?
        var versions: [VersionOutput]
        var createdAt, updatedAt: Date
    }

    func register(on routes: APIRouteRecorder) {
        let prompts = services.store.prompts
        routes.add(.get, "/api/v1/config/prompts") { _, context in
            let tenant = try context.require(.readConfiguration).requireTenant()
            var items: [Output] = []
            for prompt in try await prompts.list(tenant) { items.append(try await output(prompt, tenant: tenant)) }
            return JSONResponse(ItemList(items: items))
        }
        routes.add(.post, "/api/v1/config/prompts") { request, context in
            let principal = try context.require(.configure)
            let tenant = try principal.requireTenant()
            let input = try await request.decodeJSON(as: Input.self, context: context)
            let prompt = try await prompts.create(tenant, PromptDefinition(name: input.name, description: input.description ?? ""))
            if let tts = input.tts {
                _ = try await prompts.addVersion(tenant, prompt.id, source: .tts(text: tts.text, voice: tts.voice ?? "zh"), createdBy: principal.name)
            }
            try await services.configurationChanged(context, by: principal, scope: .tenant(tenant), action: "prompt.create", kind: "prompt",
                                                    id: prompt.id.rawValue, detail: ["name": prompt.name])
            return JSONResponse(try await output(prompt, tenant: tenant), status: .created)
        }
        routes.add(.post, "/api/v1/config/prompts/tts-preview") { request, context in
            _ = try context.require(.readConfiguration).requireTenant()
            let speech = try await request.decodeJSON(as: Speech.self, context: context)
            let text = speech.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty, text.count <= 500 else { throw APIError.invalid("text", "must be 1 to 500 characters") }
            let voice: SpeechVoice = switch speech.voice ?? "zh" {
            case "zh", "cmn": .mandarin
            case "en": .english
            default: throw APIError.invalid("voice", "must be zh or en")
            }
            let path: String
            do {
                path = try await services.callCenter.media.speech.cachedFile(for: text, voice: voice)
            } catch {
                throw APIError(.serviceUnavailable, code: "tts_unavailable", message: "text to speech failed: \(error)")
            }
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            return Response(status: .ok, headers: [.contentType: "audio/wav"], body: .init(byteBuffer: ByteBuffer(data: bytes)))
        }
        routes.add(.get, "/api/v1/config/prompts/{id}") { _, context in
            let tenant = try context.require(.readConfiguration).requireTenant()
            let prompt = try await prompts.get(tenant, PromptID(rawValue: try context.pathParameter("id")))
            return JSONResponse(try await output(prompt, tenant: tenant))
        }
        routes.add(.delete, "/api/v1/config/prompts/{id}") { _, context in
            let principal = try context.require(.configure)
            let tenant = try principal.requireTenant()
            let id = PromptID(rawValue: try context.pathParameter("id"))
            try await prompts.delete(tenant, id)
            try await services.configurationChanged(context, by: principal, scope: .tenant(tenant), action: "prompt.delete", kind: "prompt", id: id.rawValue)
            return NoContent()
        }
        routes.add(.put, "/api/v1/config/prompts/{id}/audio") { request, context in
            let principal = try context.require(.configure)
            let tenant = try principal.requireTenant()
            let id = PromptID(rawValue: try context.pathParameter("id"))
            _ = try await prompts.get(tenant, id)
            let mediaType = request.headers[.contentType]?.lowercased() ?? ""
            guard mediaType.hasPrefix("audio/") || mediaType.hasPrefix("application/octet-stream") else {
                throw APIError(.unsupportedMediaType, code: "unsupported_media_type", message: "send the prompt as audio/wav", field: "Content-Type")
            }
            let bytes = Data(buffer: try await request.body.collect(upTo: Self.audioLimit))
            let duration = try Self.wavDurationMilliseconds(bytes)
            let sha256 = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
            let code = try await services.store.tenants.get(tenant).code
            let relative = "prompts/\(code)/\(sha256).wav"
            let file = URL(fileURLWithPath: services.dataDirectory).appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try bytes.write(to: file, options: .atomic)
            let version = try await prompts.addVersion(
                tenant, id, source: .audio(path: relative, sha256: sha256, durationMilliseconds: duration), createdBy: principal.name)
            return JSONResponse(VersionOutput(version), status: .created)
        }
        routes.add(.post, "/api/v1/config/prompts/{id}/publish") { request, context in
            let principal = try context.require(.configure)
            let tenant = try principal.requireTenant()
            let prompt = try await prompts.get(tenant, PromptID(rawValue: try context.pathParameter("id")))
            let version = try await pick(request, context, of: prompt, tenant: tenant)
            let published = try await ContentLifecycleStep.run("prompt '\(prompt.name)'", version: version.version) {
                try await prompts.publish(tenant, version.id, by: principal.name)
            }
            try await services.configurationChanged(context, by: principal, scope: .tenant(tenant), action: "prompt.publish", kind: "prompt",
                                                    id: prompt.id.rawValue, detail: ["version": "\(published.version)"])
            return JSONResponse(VersionOutput(published))
        }
        routes.add(.post, "/api/v1/config/prompts/{id}/submit") { request, context in
            let principal = try context.require(.configure)
            let tenant = try principal.requireTenant()
            let prompt = try await prompts.get(tenant, PromptID(rawValue: try context.pathParameter("id")))
            let version = try await pick(request, context, of: prompt, tenant: tenant)
            let submitted = try await ContentLifecycleStep.run("prompt '\(prompt.name)'", version: version.version) {
                try await prompts.submit(tenant, version.id, by: principal.name)
            }
            try await services.auditContentStep(context, by: principal, tenant: tenant, action: "prompt.submit", kind: "prompt_version",
                                                versionID: version.id.rawValue, detail: ["prompt": prompt.name, "version": "\(version.version)"])
            return JSONResponse(VersionOutput(submitted))
        }
    }

    /// The version a submit or publish names in its body (`{"version": n}`), else the newest.
    private func pick(_ request: Request, _ context: KefuRequestContext, of prompt: StoredPrompt, tenant: TenantID) async throws -> PromptVersion {
        let number = request.headers[.contentLength] == "0" || request.headers[.contentLength] == nil
            ? nil : try await request.decodeJSON(as: VersionInput.self, context: context).version
        let versions = try await services.store.prompts.versions(tenant, prompt.id)
        guard let version = number.map({ n in versions.first { $0.version == n } }) ?? versions.max(by: { $0.version < $1.version }) else {
            throw APIError.invalid("version", number.map { "the prompt has no version \($0)" } ?? "the prompt has no version yet")
        }
        return version
    }

    private func output(_ prompt: StoredPrompt, tenant: TenantID) async throws -> Output {
        let versions = try await services.store.prompts.versions(tenant, prompt.id).sorted { $0.version > $1.version }
        return Output(id: prompt.id.rawValue, name: prompt.name, description: prompt.description,
                      publishedVersion: versions.first { $0.id == prompt.publishedVersionID }?.version,
                      versions: versions.map(VersionOutput.init), createdAt: prompt.createdAt, updatedAt: prompt.updatedAt)
    }

    /// The length of a RIFF/WAVE file from its `fmt ` and `data` chunks; 400 when it is not one.
    static func wavDurationMilliseconds(_ bytes: Data) throws -> Int {
        let data = [UInt8](bytes)
        func le32(_ at: Int) -> Int { Int(data[at]) | Int(data[at + 1]) << 8 | Int(data[at + 2]) << 16 | Int(data[at + 3]) << 24 }
        guard data.count >= 12, data[0..<4].elementsEqual("RIFF".utf8), data[8..<12].elementsEqual("WAVE".utf8) else {
            throw APIError.invalid("body", "is not a WAV file (RIFF/WAVE header missing)")
        }
        var offset = 12
        var byteRate: Int?
        while offset + 8 <= data.count {
            let size = le32(offset + 4)
            let kind = String(decoding: data[offset..<offset + 4], as: UTF8.self)
            if kind == "fmt ", offset + 20 <= data.count {
                byteRate = le32(offset + 16)
            } else if kind == "data" {
                guard let byteRate, byteRate > 0 else { throw APIError.invalid("body", "the WAV file's fmt chunk is missing or says 0 bytes per second") }
                return min(size, data.count - offset - 8) * 1_000 / byteRate
            }
            offset += 8 + size + (size % 2)
        }
        throw APIError.invalid("body", "the WAV file has no data chunk")
    }
}
