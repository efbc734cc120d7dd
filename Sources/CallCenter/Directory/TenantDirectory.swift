// Every tenant's prepared configuration, swapped whole on reload, read lock-free-ish by
// every call.

import SIP
import Synchronization

/// The call path's view of all tenants: access numbers, agents, queues, flows.
public final class TenantDirectory: Sendable {
    private struct Snapshot: Sendable {
        var tenants: [String: TenantRuntime] = [:]
        var numbers: [String: String] = [:]
        var realms: [String: String] = [:]
    }

    private let snapshot = Mutex(Snapshot())

    /// An empty directory.
    public init() {}

    /// Replaces everything with `tenants`.
    public func replace(with tenants: [TenantRuntime]) {
        var next = Snapshot()
        for tenant in tenants {
            next.tenants[tenant.id] = tenant
            next.realms[tenant.record.sipDomain.lowercased()] = tenant.id
            for number in tenant.numbers.keys { next.numbers[number] = tenant.id }
        }
        snapshot.withLock { $0 = next }
    }

    /// Every tenant.
    public var tenants: [TenantRuntime] { snapshot.withLock { Array($0.tenants.values) } }

    /// The tenant with this id.
    public func tenant(id: String) -> TenantRuntime? { snapshot.withLock { $0.tenants[id] } }

    /// The tenant whose SIP domain is `realm`.
    public func tenant(realm: String) -> TenantRuntime? {
        snapshot.withLock { state in state.realms[realm.lowercased()].flatMap { state.tenants[$0] } }
    }

    /// The tenant and route of a dialled access number. Tries the number as dialled, then
    /// without a `+86`/`0086` country prefix.
    public func route(dialled: String) -> (TenantRuntime, NumberRoute)? {
        snapshot.withLock { state in
            for candidate in Self.candidates(dialled) {
                if let id = state.numbers[candidate], let tenant = state.tenants[id], let route = tenant.numbers[candidate] {
                    return (tenant, route)
                }
            }
            return nil
        }
    }

    private static func candidates(_ dialled: String) -> [String] {
        var list = [dialled]
        for prefix in ["+86", "0086"] where dialled.hasPrefix(prefix) { list.append(String(dialled.dropFirst(prefix.count))) }
        return list
    }

    /// The id of the tenant a new INVITE is for: the dialled access number's, else the one
    /// whose SIP domain the caller (an agent's phone) is in.
    public func tenantID(for request: SIPRequest) -> String? {
        if let (tenant, _) = route(dialled: request.uri.user ?? "") { return tenant.id }
        guard let domain = (try? request.headers.from)?.uri.sipURI?.host else { return nil }
        return tenant(realm: domain)?.id
    }

    /// The tenant's own overload limits (its quota); empty for an unknown tenant.
    public func callLimits(tenant id: String) -> TenantCallLimits {
        tenant(id: id)?.record.callLimits ?? TenantCallLimits()
    }

    /// Whether a new INVITE needs digest authentication: calls to access numbers do not
    /// (callers and trunks), everything else (feature codes, extensions) does.
    public func requiresAuthentication(_ request: SIPRequest) -> Bool {
        route(dialled: request.uri.user ?? "") == nil
    }
}
