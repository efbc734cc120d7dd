// A tenant's IVR flows: create, save drafts (each save a new version), validate with
// problems named by node and field, publish (refused while the flow has problems), and the
// dry run with typed digits that shows the path a caller would take.

import CallCenter
import Foundation
import Hummingbird
import Store

/// `/api/v1/config/flows...`.
struct FlowRoutes {
    let services: ServerServices

    /// A new flow: its name, and optionally its first draft.
    struct CreateInput: Decodable {
        var name: String
        var description: String?
        var document: RawJSON?
    }

    /// A rename.
    struct UpdateInput: Decodable {
        var name: String?
        var description: String?
    }

    /// A draft to save.
    struct DraftInput: Decodable {
        var document: RawJSON
    }

    /// Which version to validate or publish (default: the newest); or a document to check.
    struct VersionInput: Decodable {
        var version: Int?
        var document: RawJSON?
    }

    /// A dry run: which version (default newest) and the keys the caller types, one entry
    /// per time the flow asks ("" for silence).
    struct DryRunInput: Decodable {
        var version: Int?
        var digits: [String]?
        var caller: String?
        var called: String?
        var at: Date?
    }

    struct VersionOutput: Encodable, Sendable {
        var id: String
        var version: Int
        var status: String
        var createdBy: String?
        var createdAt: Date
        var submittedAt: Date?
        var reviewedBy: String?
        var reviewedAt: Date?
        /// The reviewer's comment (why it was rejected, or a note with an approval).
        var reviewComment: String?
        var publishedAt: Date?
        var document: RawJSON?

        init(_ version: FlowVersion, withDocument: Bool) {
            id = version.id.rawValue
            self.version = version.version
            status = version.status.rawValue
            createdBy = version.history.createdBy
            createdAt = version.history.createdAt
            submittedAt = version.history.submittedAt
            reviewedBy = version.history.reviewedBy
            reviewedAt = version.history.reviewedAt
            reviewComment = version.history.reviewComment
            publishedAt = version.history.publishedAt
            document = withDocument ? RawJSON(version.document) : nil
        }
    }

    struct Output: Encodable, Sendable {
        var id, name, description: String
        var publishedVersion: Int?
        var versions: [VersionOutput]?
        var createdAt, updatedAt: Date
    }

    struct Validation: Encodable, Sendable {
        var valid: Bool
        var version: Int?
        var problems: [ConfigurationProblem]
    }

    func register(on routes: APIRouteRecorder) {
        routes.add(.get, "/api/v1/config/flows") { _, context in
            let tenant = try context.require(.readConfiguration).requireTenant()
            var items: [Output] = []
            for flow in try await services.store.flows.list(tenant) { items.append(try await output(flow, tenant: tenant, withVersions: false)) }
            return JSONResponse(ItemList(items: items))
        }
        routes.add(.post, "/api/v1/config/flows") { request, context in
            let principal = try context.require(.configure)
            let tenant = try principal.requireTenant()
            let input = try await request.decodeJSON(as: CreateInput.self, context: context)
            let flow = try await services.store.flows.create(tenant, FlowDefinition(name: input.name, description: input.description ?? ""))
            if let document = input.document {
                _ = try await services.store.flows.addVersion(tenant, flow.id, document: document.value, createdBy: principal.name)
            }
            try await services.configurationChanged(context, by: principal, scope: .tenant(tenant), action: "flow.create", kind: "flow",
                                                    id: flow.id.rawValue, detail: ["name": flow.name])
            return JSONResponse(try await output(flow, tenant: tenant, withVersions: true), status: .created)
        }
        routes.add(.get, "/api/v1/config/flows/{id}") { _, context in
            let tenant = try context.require(.readConfiguration).requireTenant()
            let flow = try await services.store.flows.get(tenant, FlowID(rawValue: try context.pathParameter("id")))
            return JSONResponse(try await output(flow, tenant: tenant, withVersions: true))
        }
        routes.add(.put, "/api/v1/config/flows/{id}") { request, context in
            let principal = try context.require(.configure)
            let tenant = try principal.requireTenant()
            let id = FlowID(rawValue: try context.pathParameter("id"))
            var definition = try await services.store.flows.get(tenant, id).definition
            let input = try await request.decodeJSON(as: UpdateInput.self, context: context)
            if let name = input.name { definition.name = name }
            if let description = input.description { definition.description = description }
            let flow = try await services.store.flows.update(tenant, id, definition)
            try await services.configurationChanged(context, by: principal, scope: .tenant(tenant), action: "flow.update", kind: "flow", id: id.rawValue)
            return JSONResponse(try await output(flow, tenant: tenant, withVersions: true))
        }
        routes.add(.delete, "/api/v1/config/flows/{id}") { _, context in
            let principal = try context.require(.configure)
            let tenant = try principal.requireTenant()
            let id = FlowID(rawValue: try context.pathParameter("id"))
            try await services.store.flows.delete(tenant, id)
            try await services.configurationChanged(context, by: principal, scope: .tenant(tenant), action: "flow.delete", kind: "flow", id: id.rawValue)
            return NoContent()
        }
        routes.add(.post, "/api/v1/config/flows/{id}/versions") { request, context in
            let principal = try context.require(.configure)
            let tenant = try principal.requireTenant()
            let id = FlowID(rawValue: try context.pathParameter("id"))
            _ = try await services.store.flows.get(tenant, id)
            let input = try await request.decodeJSON(as: DraftInput.self, context: context)
            let version = try await services.store.flows.addVersion(tenant, id, document: input.document.value, createdBy: principal.name)
            return JSONResponse(VersionOutput(version, withDocument: true), status: .created)
        }
        routes.add(.post, "/api/v1/config/flows/{id}/validate") { request, context in
            let tenant = try context.require(.readConfiguration).requireTenant()
            let id = FlowID(rawValue: try context.pathParameter("id"))
            _ = try await services.store.flows.get(tenant, id)
            let input = try await optionalBody(request, context)
            if let document = input.document {
                return JSONResponse(validation(document.data, version: nil, tenant: tenant))
            }
            let version = try await pick(input.version, of: id, tenant: tenant)
            return JSONResponse(validation(RawJSON(version.document).data, version: version.version, tenant: tenant))
        }
        routes.add(.post, "/api/v1/config/flows/{id}/publish") { request, context in
            let principal = try context.require(.configure)
            let tenant = try principal.requireTenant()
            let id = FlowID(rawValue: try context.pathParameter("id"))
            let flow = try await services.store.flows.get(tenant, id)
            let version = try await pick(try await optionalBody(request, context).version, of: id, tenant: tenant)
            let checked = validation(RawJSON(version.document).data, version: version.version, tenant: tenant)
            guard checked.valid else { return JSONResponse(checked, status: .unprocessableContent) }
            let published = try await ContentLifecycleStep.run("flow '\(flow.name)'", version: version.version) {
                try await services.store.flows.publish(tenant, version.id, by: principal.name)
            }
            try await services.configurationChanged(context, by: principal, scope: .tenant(tenant), action: "flow.publish", kind: "flow",
                                                    id: id.rawValue, detail: ["version": "\(published.version)"])
            return JSONResponse(Validation(valid: true, version: published.version, problems: []))
        }
        routes.add(.post, "/api/v1/config/flows/{id}/submit") { request, context in
            let principal = try context.require(.configure)
            let tenant = try principal.requireTenant()
            let id = FlowID(rawValue: try context.pathParameter("id"))
            let flow = try await services.store.flows.get(tenant, id)
            let version = try await pick(try await optionalBody(request, context).version, of: id, tenant: tenant)
            let checked = validation(RawJSON(version.document).data, version: version.version, tenant: tenant)
            guard checked.valid else { return try JSONResponse(checked, status: .unprocessableContent).response(from: request, context: context) }
            let submitted = try await ContentLifecycleStep.run("flow '\(flow.name)'", version: version.version) {
                try await services.store.flows.submit(tenant, version.id, by: principal.name)
            }
            try await services.auditContentStep(context, by: principal, tenant: tenant, action: "flow.submit", kind: "flow_version",
                                                versionID: version.id.rawValue, detail: ["flow": flow.name, "version": "\(version.version)"])
            return try JSONResponse(VersionOutput(submitted, withDocument: false)).response(from: request, context: context)
        }
        routes.add(.post, "/api/v1/config/flows/{id}/dry-run") { request, context in
            let tenant = try context.require(.readConfiguration).requireTenant()
            let id = FlowID(rawValue: try context.pathParameter("id"))
            _ = try await services.store.flows.get(tenant, id)
            let input = try await request.decodeJSON(as: DryRunInput.self, context: context)
            let version = try await pick(input.version, of: id, tenant: tenant)
            let runtime = try services.runtime(tenant)
            let checked = FlowCheck.check(RawJSON(version.document).data, queues: Set(runtime.queuesByName.keys))
            guard let flow = checked.flow else {
                let first = checked.problems.first
                throw APIError(.unprocessableContent, code: "invalid_flow",
                               message: "version \(version.version) has problems; validate it: " + (first.map { "\($0.node.map { "node '\($0)' " } ?? "")\($0.field): \($0.message)" } ?? ""),
                               field: "version")
            }
            let digits = input.digits ?? []
            guard digits.count <= 100 else { throw APIError.invalid("digits", "at most 100 entries") }
            return JSONResponse(try FlowCheck.dryRun(
                flow, calendar: runtime.calendar, caller: input.caller ?? "13800138000", called: input.called ?? "4000000000",
                at: input.at ?? services.now(), digits: digits))
        }
    }

    private func optionalBody(_ request: Request, _ context: KefuRequestContext) async throws -> VersionInput {
        if request.headers[.contentLength] == "0" || (request.headers[.contentLength] == nil && request.headers[.transferEncoding] == nil) {
            return VersionInput()
        }
        return try await request.decodeJSON(as: VersionInput.self, context: context)
    }

    private func validation(_ document: Data, version: Int?, tenant: TenantID) -> Validation {
        let queues = Set((services.callCenter.directory.tenant(id: tenant.rawValue)?.queuesByName.keys).map(Array.init) ?? [])
        let problems = FlowCheck.check(document, queues: queues).problems
        return Validation(valid: problems.isEmpty, version: version, problems: problems)
    }

    /// The numbered version of flow `id`, or its newest.
    private func pick(_ number: Int?, of id: FlowID, tenant: TenantID) async throws -> FlowVersion {
        let versions = try await services.store.flows.versions(tenant, id)
        if let number {
            guard let version = versions.first(where: { $0.version == number }) else {
                throw APIError.invalid("version", "flow '\(id)' has no version \(number)")
            }
            return version
        }
        guard let newest = versions.max(by: { $0.version < $1.version }) else {
            throw APIError.invalid("version", "the flow has no version yet; save a draft first")
        }
        return newest
    }

    private func output(_ flow: Flow, tenant: TenantID, withVersions: Bool) async throws -> Output {
        let versions = try await services.store.flows.versions(tenant, flow.id).sorted { $0.version > $1.version }
        return Output(
            id: flow.id.rawValue, name: flow.name, description: flow.description,
            publishedVersion: versions.first { $0.id == flow.publishedVersionID }?.version,
            versions: withVersions ? versions.enumerated().map { VersionOutput($1, withDocument: $0 == 0) } : nil,
            createdAt: flow.createdAt, updatedAt: flow.updatedAt)
    }
}
