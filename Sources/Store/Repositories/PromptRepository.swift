// Prompts of a tenant (TTS text or WAV files), their versions, review and publishing.
import Foundation
import SQLKit

/// A tenant's prompts. The store keeps metadata; WAV files live under the data directory
/// (the caller writes them and passes their path and checksum).
public struct PromptRepository: Sendable {
    let context: DatabaseContext
    private var content: VersionedContent { .prompts }

    /// Creates a prompt without versions.
    public func create(_ tenant: TenantID, _ definition: PromptDefinition, id: PromptID = .generate()) async throws -> Prompt {
        try Self.validate(definition)
        return try await context.write("creating prompt \(definition.name)") { db in
            try await TenantRows.requireTenant(tenant, on: db)
            try await checkNameFree(tenant, definition.name, excluding: nil, on: db)
            let now = context.nowMilliseconds
            try await db.insert(into: "prompts")
                .columns("id", "tenant_id", "name", "description", "published_version_id", "created_at", "updated_at")
                .values(SQLBind(id.rawValue), SQLBind(tenant.rawValue), SQLBind(definition.name),
                        SQLBind(definition.description), SQLLiteral.null, SQLBind(now), SQLBind(now))
                .run()
            return try await fetch(tenant, id, on: db)
        }
    }

    /// Renames or re-describes a prompt.
    public func update(_ tenant: TenantID, _ id: PromptID, _ definition: PromptDefinition) async throws -> Prompt {
        try Self.validate(definition)
        return try await context.write("updating prompt \(id)") { db in
            _ = try await fetch(tenant, id, on: db)
            try await checkNameFree(tenant, definition.name, excluding: id, on: db)
            try await db.update("prompts").set("name", to: SQLBind(definition.name))
                .set("description", to: SQLBind(definition.description))
                .set("updated_at", to: SQLBind(context.nowMilliseconds))
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue)).run()
            return try await fetch(tenant, id, on: db)
        }
    }

    /// The prompt, or ``StoreError/notFound(kind:key:)``.
    public func get(_ tenant: TenantID, _ id: PromptID) async throws -> Prompt {
        try await context.read("reading prompt \(id)") { db in try await fetch(tenant, id, on: db) }
    }

    /// The prompt with this name, if any.
    public func find(_ tenant: TenantID, name: String) async throws -> Prompt? {
        try await list(tenant).first { $0.name == name }
    }

    /// Every prompt of the tenant, by name.
    public func list(_ tenant: TenantID) async throws -> [Prompt] {
        try await context.read("listing prompts") { db in
            try await db.select().column("*").from("prompts").where("tenant_id", .equal, SQLBind(tenant.rawValue))
                .orderBy("name").all().map(Self.prompt)
        }
    }

    /// Deletes a prompt and its versions; refused while a queue plays it as music on hold or
    /// a mailbox greets with it.
    public func delete(_ tenant: TenantID, _ id: PromptID) async throws {
        try await context.write("deleting prompt \(id)") { db in
            let queues = try await db.select().column("name").from("queues")
                .where("tenant_id", .equal, SQLBind(tenant.rawValue))
                .where("music_on_hold_prompt_id", .equal, SQLBind(id.rawValue))
                .all().map { try $0.string("name") }
            if !queues.isEmpty {
                throw StoreError.invalid("prompt", id.rawValue, "queues \(queues.joined(separator: ", ")) play this prompt on hold; change them first")
            }
            let mailboxes = try await db.select().column("name").from("mailboxes")
                .where("tenant_id", .equal, SQLBind(tenant.rawValue))
                .where("greeting_prompt_id", .equal, SQLBind(id.rawValue))
                .all().map { try $0.string("name") }
            if !mailboxes.isEmpty {
                throw StoreError.invalid("prompt", id.rawValue, "mailboxes \(mailboxes.joined(separator: ", ")) greet callers with this prompt; change them first")
            }
            try await TenantRows.delete("prompts", tenant, id: id.rawValue, kind: "prompt", on: db)
        }
    }

    // MARK: Versions

    /// Adds a draft version.
    public func addVersion(_ tenant: TenantID, _ prompt: PromptID, source: PromptSource, createdBy: String?) async throws -> PromptVersion {
        try Self.validate(source)
        return try await context.write("adding a version to prompt \(prompt)") { db in
            _ = try await fetch(tenant, prompt, on: db)
            try await content.takeTurn(tenant, parent: prompt.rawValue, context: context, on: db)
            let id = PromptVersionID.generate()
            var ttsText: String?, ttsVoice: String?, path: String?, sha256: String?, duration: Int?
            let kind: String
            switch source {
            case .tts(let text, let voice):
                kind = "tts"; ttsText = text; ttsVoice = voice
            case .audio(let audioPath, let checksum, let milliseconds):
                kind = "audio"; path = audioPath; sha256 = checksum; duration = milliseconds
            }
            try await db.insert(into: "prompt_versions")
                .columns("id", "tenant_id", "prompt_id", "version", "status", "source_kind", "tts_text", "tts_voice",
                         "audio_path", "audio_sha256", "duration_ms", "created_by", "created_at")
                .values(SQLBind(id.rawValue), SQLBind(tenant.rawValue), SQLBind(prompt.rawValue),
                        SQLBind(try await content.nextVersion(tenant, parent: prompt.rawValue, on: db)),
                        SQLBind(ContentStatus.draft.rawValue), SQLBind(kind), bindOrNull(ttsText), bindOrNull(ttsVoice),
                        bindOrNull(path), bindOrNull(sha256), bindOrNull(duration), bindOrNull(createdBy),
                        SQLBind(context.nowMilliseconds))
                .run()
            return try await version(tenant, id, on: db)
        }
    }

    /// Every version of a prompt, newest first.
    public func versions(_ tenant: TenantID, _ prompt: PromptID) async throws -> [PromptVersion] {
        try await context.read("listing versions of prompt \(prompt)") { db in
            try await db.select().column("*").from("prompt_versions")
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("prompt_id", .equal, SQLBind(prompt.rawValue))
                .orderBy("version", .descending).all().map(Self.version)
        }
    }

    /// One version, or ``StoreError/notFound(kind:key:)``.
    public func version(_ tenant: TenantID, _ id: PromptVersionID) async throws -> PromptVersion {
        try await context.read("reading prompt version \(id)") { db in try await version(tenant, id, on: db) }
    }

    /// The version played now, if the prompt has a published one.
    public func publishedVersion(_ tenant: TenantID, _ prompt: PromptID) async throws -> PromptVersion? {
        try await versions(tenant, prompt).first { $0.status == .published }
    }

    /// Sends a draft to the platform's reviewers.
    public func submit(_ tenant: TenantID, _ id: PromptVersionID, by actor: String?) async throws -> PromptVersion {
        try await transition(.submit, tenant, id, actor: actor, comment: nil)
    }

    /// A reviewer accepts a submitted version.
    public func approve(_ tenant: TenantID, _ id: PromptVersionID, by reviewer: String, comment: String? = nil) async throws -> PromptVersion {
        try await transition(.approve, tenant, id, actor: reviewer, comment: comment)
    }

    /// A reviewer refuses a version with a comment.
    public func reject(_ tenant: TenantID, _ id: PromptVersionID, by reviewer: String, comment: String) async throws -> PromptVersion {
        try await transition(.reject, tenant, id, actor: reviewer, comment: comment)
    }

    /// Makes this version the one played, superseding the previous one (one transaction).
    public func publish(_ tenant: TenantID, _ id: PromptVersionID, by actor: String?) async throws -> PromptVersion {
        try await transition(.publish, tenant, id, actor: actor, comment: nil)
    }

    /// Versions of every tenant waiting for review, oldest first (platform level).
    public func submittedForReview() async throws -> [PromptVersion] {
        try await context.read("listing prompt versions to review") { db in
            try await db.select().column("*").from("prompt_versions")
                .where("status", .equal, SQLBind(ContentStatus.submitted.rawValue))
                .orderBy("submitted_at").all().map(Self.version)
        }
    }

    /// A version of any tenant, by its id alone, once it entered review (submitted or
    /// later): what a platform reviewer reads. Drafts stay private to their tenant and are
    /// ``StoreError/notFound(kind:key:)`` like a missing id.
    public func versionForReview(_ id: PromptVersionID) async throws -> PromptVersion {
        try await context.read("reading prompt version \(id) for review") { db in
            guard let row = try await db.select().column("*").from("prompt_versions")
                .where("id", .equal, SQLBind(id.rawValue))
                .where("status", .notEqual, SQLBind(ContentStatus.draft.rawValue)).first()
            else { throw StoreError.notFound(kind: "prompt version", key: id.rawValue) }
            return try Self.version(row)
        }
    }

    private func transition(_ action: ContentAction, _ tenant: TenantID, _ id: PromptVersionID, actor: String?, comment: String?) async throws -> PromptVersion {
        try await context.write("\(action.rawValue) prompt version \(id)") { db in
            try await content.apply(action, tenant: tenant, id: id.rawValue, actor: actor, comment: comment, context: context, on: db)
            return try await version(tenant, id, on: db)
        }
    }

    // MARK: Internals

    static func validate(_ definition: PromptDefinition) throws {
        if let reason = Validate.name(definition.name, limit: 100) { throw StoreError.invalid("name", definition.name, reason) }
    }

    static func validate(_ source: PromptSource) throws {
        var issues = IssueCollector()
        switch source {
        case .tts(let text, let voice):
            if let reason = Validate.name(text, limit: 2_000) { issues.add("tts", text, reason) }
            if voice.isEmpty { issues.add("voice", voice, "must name a TTS voice (e.g. zh, en)") }
        case .audio(let path, let sha256, let duration):
            if path.isEmpty || path.hasPrefix("/") || path.split(separator: "/").contains("..") {
                issues.add("file", path, "must be a path inside the data directory")
            }
            if !DigestHA1.isHex(sha256, length: 64) { issues.add("audio_sha256", sha256, "must be 64 hexadecimal digits") }
            if let duration, duration < 0 { issues.add("duration_ms", String(duration), "must not be negative") }
        }
        try issues.throwIfAny()
    }

    private func checkNameFree(_ tenant: TenantID, _ name: String, excluding: PromptID?, on db: any SQLDatabase) async throws {
        if try await TenantRows.holder("prompts", tenant, column: "name", value: name, excluding: excluding?.rawValue, on: db) != nil {
            throw StoreError.invalid("name", name, "the tenant already has a prompt with this name")
        }
    }

    func fetch(_ tenant: TenantID, _ id: PromptID, on db: any SQLDatabase) async throws -> Prompt {
        guard let row = try await db.select().column("*").from("prompts")
            .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue)).first()
        else { throw StoreError.notFound(kind: "prompt", key: id.rawValue) }
        return try Self.prompt(row)
    }

    func version(_ tenant: TenantID, _ id: PromptVersionID, on db: any SQLDatabase) async throws -> PromptVersion {
        guard let row = try await db.select().column("*").from("prompt_versions")
            .where("tenant_id", .equal, SQLBind(tenant.rawValue)).where("id", .equal, SQLBind(id.rawValue)).first()
        else { throw StoreError.notFound(kind: "prompt version", key: id.rawValue) }
        return try Self.version(row)
    }

    static func prompt(_ row: any SQLRow) throws -> Prompt {
        Prompt(id: try row.id("id"), tenantID: try row.id("tenant_id"),
               definition: PromptDefinition(name: try row.string("name"), description: try row.string("description")),
               publishedVersionID: try row.optionalID("published_version_id"),
               createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }

    static func version(_ row: any SQLRow) throws -> PromptVersion {
        let source: PromptSource
        if try row.string("source_kind") == "tts" {
            source = .tts(text: try row.optionalString("tts_text") ?? "", voice: try row.optionalString("tts_voice") ?? "")
        } else {
            source = .audio(path: try row.optionalString("audio_path") ?? "", sha256: try row.optionalString("audio_sha256") ?? "",
                            durationMilliseconds: try row.optionalInt("duration_ms"))
        }
        return PromptVersion(
            id: try row.id("id"), tenantID: try row.id("tenant_id"), promptID: try row.id("prompt_id"),
            version: try row.int("version"), status: ContentStatus(rawValue: try row.string("status")) ?? .draft,
            source: source, history: try VersionedContent.history(row))
    }
}
