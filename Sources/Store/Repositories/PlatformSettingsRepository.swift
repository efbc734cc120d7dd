// Platform-wide switches a platform operator sets, such as "content approval required".
import Foundation
import SQLKit

/// Settings of the whole platform (not of a tenant).
public struct PlatformSettingsRepository: Sendable {
    let context: DatabaseContext

    static let approvalRequiredKey = "content_approval_required"

    /// Whether flow and prompt versions must be approved by a platform reviewer before a
    /// tenant can publish them (off until an operator turns it on).
    public func approvalRequired() async throws -> Bool {
        try await context.read("reading platform settings") { db in try await Self.approvalRequired(on: db) }
    }

    /// Turns the approval requirement on or off.
    public func setApprovalRequired(_ required: Bool) async throws {
        try await set(Self.approvalRequiredKey, to: required ? "true" : "false")
    }

    /// A setting's value, if set.
    public func value(_ key: String) async throws -> String? {
        try await context.read("reading platform setting \(key)") { db in try await Self.value(key, on: db) }
    }

    /// Sets a setting.
    public func set(_ key: String, to value: String) async throws {
        try await context.write("writing platform setting \(key)") { db in
            try await db.delete(from: "platform_settings").where("key", .equal, SQLBind(key)).run()
            try await db.insert(into: "platform_settings").columns("key", "value", "updated_at")
                .values(SQLBind(key), SQLBind(value), SQLBind(context.nowMilliseconds)).run()
        }
    }

    static func approvalRequired(on db: any SQLDatabase) async throws -> Bool {
        try await value(approvalRequiredKey, on: db) == "true"
    }

    static func value(_ key: String, on db: any SQLDatabase) async throws -> String? {
        try await db.select().column("value").from("platform_settings").where("key", .equal, SQLBind(key))
            .first().map { try $0.string("value") }
    }
}
