// A tenant's access numbers (接入号) with their inbound rules, and the "what would happen
// to this call" tester that runs the number's live rules on a call described by the admin.

import CallCenter
import Foundation
import Hummingbird
import IVR
import Store

/// `/api/v1/config/numbers...` and `POST /api/v1/config/rule-trace`.
struct NumberRoutes {
    let services: ServerServices

    /// A number as the API writes it; on update, missing fields keep their value.
    struct Input: Decodable {
        var number: String?
        var purpose: String?
        var carrier: String?
        var inbound: Bool?
        var outbound: Bool?
        /// The store id of the flow the number runs; "" for none.
        var flowId: String?
        /// The inbound rule set (IVR's JSON document); `{}` for none.
        var rules: RawJSON?
    }

    struct Output: Encodable, Sendable {
        var id, number, purpose, carrier: String
        var inbound, outbound: Bool
        var flowId: String?
        var rules: RawJSON
        var createdAt, updatedAt: Date

        init(_ number: AccessNumber) {
            id = number.id.rawValue
            self.number = number.number
            purpose = number.purpose
            carrier = number.carrier
            inbound = number.inbound
            outbound = number.outbound
            flowId = number.flowID?.rawValue
            rules = RawJSON(number.rules)
            createdAt = number.createdAt
            updatedAt = number.updatedAt
        }
    }

    /// The call to trace.
    struct TraceRequest: Decodable {
        /// The dialled access number.
        var number: String
        var caller: String
        /// When the call happens (default now).
        var at: Date?
        /// The percentage-split draw, 0..<1 (default 0).
        var draw: Double?
        /// Digits keyed after a password challenge.
        var password: String?
    }

    func register(on routes: APIRouteRecorder) {
        routes.add(.get, "/api/v1/config/numbers") { _, context in
            let tenant = try context.require(.readConfiguration).requireTenant()
            return JSONResponse(ItemList(items: try await services.store.accessNumbers.list(tenant).map(Output.init)))
        }
        routes.add(.post, "/api/v1/config/numbers") { request, context in
            let principal = try context.require(.configure)
            let tenant = try principal.requireTenant()
            var definition = AccessNumberDefinition(number: "")
            let input = try await request.decodeJSON(as: Input.self, context: context)
            guard input.number != nil else { throw APIError.invalid("number", "is required") }
            try await apply(input, to: &definition, tenant: tenant)
            let number = try await services.store.accessNumbers.create(tenant, definition)
            try await services.configurationChanged(context, by: principal, scope: .tenant(tenant), action: "number.create", kind: "number",
                                                    id: number.id.rawValue, detail: ["number": number.number])
            return JSONResponse(Output(number), status: .created)
        }
        routes.add(.get, "/api/v1/config/numbers/{id}") { _, context in
            let tenant = try context.require(.readConfiguration).requireTenant()
            return JSONResponse(Output(try await services.store.accessNumbers.get(tenant, AccessNumberID(rawValue: try context.pathParameter("id")))))
        }
        routes.add(.put, "/api/v1/config/numbers/{id}") { request, context in
            let principal = try context.require(.configure)
            let tenant = try principal.requireTenant()
            let id = AccessNumberID(rawValue: try context.pathParameter("id"))
            var definition = try await services.store.accessNumbers.get(tenant, id).definition
            try await apply(try await request.decodeJSON(as: Input.self, context: context), to: &definition, tenant: tenant)
            let number = try await services.store.accessNumbers.update(tenant, id, definition)
            try await services.configurationChanged(context, by: principal, scope: .tenant(tenant), action: "number.update", kind: "number",
                                                    id: id.rawValue, detail: ["number": number.number])
            return JSONResponse(Output(number))
        }
        routes.add(.delete, "/api/v1/config/numbers/{id}") { _, context in
            let principal = try context.require(.configure)
            let tenant = try principal.requireTenant()
            let id = AccessNumberID(rawValue: try context.pathParameter("id"))
            try await services.store.accessNumbers.delete(tenant, id)
            try await services.configurationChanged(context, by: principal, scope: .tenant(tenant), action: "number.delete", kind: "number", id: id.rawValue)
            return NoContent()
        }
        routes.add(.post, "/api/v1/config/rule-trace") { request, context in
            let tenant = try context.require(.readConfiguration).requireTenant()
            let input = try await request.decodeJSON(as: TraceRequest.self, context: context)
            let runtime = try services.runtime(tenant)
            guard let route = runtime.numbers[input.number] else {
                throw APIError.invalid("number", "'\(input.number)' is not one of your access numbers")
            }
            guard !input.caller.isEmpty, input.caller.count <= 32 else { throw APIError.invalid("caller", "must be a phone number") }
            let draw = input.draw ?? 0
            guard (0..<1).contains(draw) else { throw APIError.invalid("draw", "must be at least 0 and below 1") }
            return JSONResponse(RuleCheck.trace(route: route, calendar: runtime.calendar, caller: input.caller,
                                                at: input.at ?? services.now(), draw: draw, password: input.password))
        }
    }

    /// Applies `input`, checking the flow reference and the rule set against the tenant's
    /// queues and flows (400 naming the rule and field).
    private func apply(_ input: Input, to definition: inout AccessNumberDefinition, tenant: TenantID) async throws {
        if let number = input.number { definition.number = number }
        if let purpose = input.purpose { definition.purpose = purpose }
        if let carrier = input.carrier { definition.carrier = carrier }
        if let inbound = input.inbound { definition.inbound = inbound }
        if let outbound = input.outbound { definition.outbound = outbound }
        if let flowId = input.flowId {
            if flowId.isEmpty {
                definition.flowID = nil
            } else {
                guard (try? await services.store.flows.get(tenant, FlowID(rawValue: flowId))) != nil else {
                    throw APIError.invalid("flow_id", "no flow '\(flowId)' in your tenant")
                }
                definition.flowID = FlowID(rawValue: flowId)
            }
        }
        guard let rules = input.rules?.value else { return }
        if rules == .emptyObject || rules == .null {
            definition.rules = .emptyObject
            return
        }
        let runtime = try services.runtime(tenant)
        let problems = RuleCheck.problems(Data(rules.canonicalText.utf8), queues: Set(runtime.queuesByName.keys),
                                          flows: Set(runtime.flows.keys.map(\.rawValue)))
        if let first = problems.first {
            let field = "rules" + (first.rule.map { ".\($0)" } ?? "") + (first.field == "rules" ? "" : "." + first.field)
            throw APIError.invalid(field, problems.map { ($0.rule.map { "rule '\($0)' " } ?? "") + "\($0.field): \($0.message)" }.joined(separator: "; "))
        }
        definition.rules = rules
    }
}
