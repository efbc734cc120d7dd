// A tenant's desk settings (CRM URL template, disposition codes), one row per tenant that
// changed them; tenants without a row get the defaults.
import Foundation
import SQLKit

/// The desk settings of a tenant.
public struct DeskSettingsRepository: Sendable {
    let context: DatabaseContext

    /// The tenant's settings (the defaults when it never set any).
    public func get(_ tenant: TenantID) async throws -> DeskSettings {
        try await context.read("reading desk settings") { db in
            try await TenantRows.requireTenant(tenant, on: db)
            guard let row = try await db.select().column("*").from("tenant_desk_settings")
                .where("tenant_id", .equal, SQLBind(tenant.rawValue)).first()
            else { return DeskSettings() }
            return try Self.settings(row)
        }
    }

    /// Replaces the tenant's settings after checking each field.
    @discardableResult
    public func save(_ tenant: TenantID, _ settings: DeskSettings) async throws -> DeskSettings {
        try Self.validate(settings)
        let codes = try settings.customDispositionCodes.map { String(decoding: try Self.encoder.encode($0), as: UTF8.self) }
        return try await context.write("saving desk settings") { db in
            try await TenantRows.requireTenant(tenant, on: db)
            try await db.delete(from: "tenant_desk_settings").where("tenant_id", .equal, SQLBind(tenant.rawValue)).run()
            try await db.insert(into: "tenant_desk_settings")
                .columns("tenant_id", "crm_url_template", "disposition_codes", "updated_at")
                .values(SQLBind(tenant.rawValue), bindOrNull(settings.crmURLTemplate), bindOrNull(codes), SQLBind(context.nowMilliseconds))
                .run()
            return settings
        }
    }

    static func validate(_ settings: DeskSettings) throws {
        var issues = IssueCollector()
        if let template = settings.crmURLTemplate, let reason = templateProblem(template) {
            issues.add("crm_url_template", template, reason)
        }
        if let codes = settings.customDispositionCodes {
            if codes.isEmpty || codes.count > DeskSettings.maximumDispositionCodes {
                issues.add("disposition_codes", nil, "must hold 1 to \(DeskSettings.maximumDispositionCodes) codes")
            }
            for (index, code) in codes.enumerated() {
                let field = "disposition_codes[\(index)]"
                if let reason = Validate.code(code.code) { issues.add("\(field).code", code.code, reason) }
                if let reason = Validate.name(code.nameZh, limit: 32) { issues.add("\(field).name_zh", code.nameZh, reason) }
                if let reason = Validate.name(code.nameEn, limit: 32) { issues.add("\(field).name_en", code.nameEn, reason) }
            }
            for duplicate in Validate.duplicates(codes.map(\.code)) {
                let index = codes.lastIndex { $0.code == duplicate }!
                issues.add("disposition_codes[\(index)].code", duplicate, "repeats a code listed before it")
            }
        }
        try issues.throwIfAny()
    }

    /// Why a CRM URL template is refused, or `nil`. Either an absolute http(s) URL whose scheme
    /// and host come before any variable (so caller data can never choose the host), or a path
    /// on kefu's own site (`/demo-crm/?phone={caller}`) whose variables come after its `?` or
    /// `#` (so caller data can never choose the page); with only known variables.
    static func templateProblem(_ template: String) -> String? {
        if template.count > DeskSettings.maximumTemplateLength {
            return "must be at most \(DeskSettings.maximumTemplateLength) characters"
        }
        var filled = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            filled += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { return "has a '{' without its '}'" }
            let name = String(rest[rest.index(after: open)..<close])
            guard DeskSettings.crmVariables.contains(name) else {
                return "uses the unknown variable {\(name)}; the variables are " + DeskSettings.crmVariables.map { "{\($0)}" }.joined(separator: " ")
            }
            filled += "x"
            rest = rest[rest.index(after: close)...]
        }
        filled += rest
        let prefix = template.prefix { $0 != "{" }
        if template.hasPrefix("/") && !template.hasPrefix("//") {
            guard URL(string: "http://kefu.invalid" + filled) != nil else { return "must be a valid URL path" }
            guard !template.contains("{") || prefix.contains(where: { "?#".contains($0) })
            else { return "must put its variables after the '?' of a path on kefu's site (/demo-crm/?phone={caller})" }
            return nil
        }
        if let reason = Validate.httpURL(filled) { return reason + ", or a path on kefu's site starting with /" }
        guard let schemeEnd = prefix.range(of: "://"),
              prefix[schemeEnd.upperBound...].contains(where: { "/?#".contains($0) })
        else { return "must name the scheme and host before any variable (https://crm.example.cn/...{caller})" }
        return nil
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    private static func settings(_ row: any SQLRow) throws -> DeskSettings {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let codes = try row.optionalString("disposition_codes").map { try decoder.decode([DispositionCode].self, from: Data($0.utf8)) }
        return DeskSettings(crmURLTemplate: try row.optionalString("crm_url_template"), customDispositionCodes: codes)
    }
}
