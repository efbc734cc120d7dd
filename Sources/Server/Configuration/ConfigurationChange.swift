// What every configuration route shares: the audit entry of a change, the call center's
// reload so the change takes effect on the next call, parsing of enum fields, and the
// answers of list and delete routes.

import CallCenter
import Foundation
import Hummingbird
import Store

extension ServerServices {
    /// Records the change in the audit log of `scope`, then reloads the call center's
    /// directory from the store, so the next call sees the change.
    func configurationChanged(
        _ context: KefuRequestContext, by principal: Principal, scope: DataScope, action: String, kind: String, id: String,
        detail: [String: String] = [:]
    ) async throws {
        try await store.auditLog.record(scope, AuditEntry(
            occurredAt: now(), actor: principal.auditActor, action: action, objectKind: kind, objectID: id,
            sourceAddress: context.remoteAddress, detail: detail))
        try await callCenter.reload()
    }

    /// The tenant's live configuration (prepared flows, rules, calendar), or 404.
    func runtime(_ tenant: TenantID) throws -> TenantRuntime {
        guard let runtime = callCenter.directory.tenant(id: tenant.rawValue) else { throw APIError.notFound("tenant", tenant.rawValue) }
        return runtime
    }
}

/// `{"items": [...]}`.
struct ItemList<Item: Encodable & Sendable>: Encodable, Sendable {
    var items: [Item]
}

/// 204 for a deletion.
struct NoContent: ResponseGenerator {
    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: .noContent)
    }
}

/// Parses a raw-value enum field; 400 naming the field and the allowed values.
func enumField<E: RawRepresentable & CaseIterable>(_ value: String, _ field: String, as type: E.Type) throws -> E where E.RawValue == String {
    guard let parsed = E(rawValue: value) else {
        throw APIError.invalid(field, "'\(value)' is not one of \(E.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return parsed
}

/// Rejects a number outside `range`, naming the field.
func checkRange(_ value: Int?, _ field: String, _ range: ClosedRange<Int>) throws {
    if let value, !range.contains(value) {
        throw APIError.invalid(field, "must be between \(range.lowerBound) and \(range.upperBound)")
    }
}
