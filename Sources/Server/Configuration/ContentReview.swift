// What the flow, prompt and reviewer routes share about the content lifecycle (draft ->
// submitted -> approved -> published, or rejected with a comment): the decision body, the
// 409 a refused step answers with, and the audit entry of each step.

import Foundation
import HTTPTypes
import Store

/// A reviewer's decision body: a comment, required to reject.
struct ReviewDecisionInput: Decodable {
    var comment: String?
}

/// A step of the content lifecycle run from a route.
enum ContentLifecycleStep {
    /// Runs a lifecycle step of version `number` of `what` (`flow 'main'`), answering a
    /// refusal with 409: code `approval_required` when the platform's approval switch is
    /// what stops a publish, else `invalid_transition`; the message names the version, its
    /// status and why; `field` is `version`.
    static func run<T: Sendable>(_ what: String, version number: Int, _ step: () async throws -> T) async throws -> T {
        do {
            return try await step()
        } catch StoreError.invalidTransition(_, let from, let to, let reason) {
            let approval = to == ContentStatus.published.rawValue
                && [ContentStatus.draft, .submitted, .superseded].map(\.rawValue).contains(from)
            throw APIError(.conflict, code: approval ? "approval_required" : "invalid_transition",
                           message: "version \(number) of \(what) is \(from): \(reason)", field: "version")
        }
    }
}

extension ServerServices {
    /// Records a lifecycle step in the tenant's audit log: who (the principal), when (now),
    /// which version, and the comment when there is one.
    func auditContentStep(
        _ context: KefuRequestContext, by principal: Principal, tenant: TenantID, action: String, kind: String, versionID: String,
        detail: [String: String]
    ) async throws {
        try await store.auditLog.record(.tenant(tenant), AuditEntry(
            occurredAt: now(), actor: principal.auditActor, action: action, objectKind: kind, objectID: versionID,
            sourceAddress: context.remoteAddress, detail: detail))
    }
}
