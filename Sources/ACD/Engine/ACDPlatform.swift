// One node's ACD: an engine per tenant, and one deadline for all of them.
import HeapModule

/// The engines of every tenant pinned to this node. Tenants never share state: each has its
/// own `ACDEngine`, and a command can only reach the engine of the tenant it names.
///
/// The owner calls `handle(_:tenant:at:)` for commands and `tick(at:)` at `nextDeadline`.
public struct ACDPlatform: Sendable {
    /// The engines by tenant.
    public private(set) var engines: [TenantID: ACDEngine] = [:]
    private var deadlines = Heap<TenantDeadline>()
    private var scheduled: [TenantID: Int64] = [:]

    /// An empty node.
    public init() {}

    /// Adds (or replaces) a tenant's engine.
    public mutating func addTenant(_ configuration: ACDTenantConfiguration, randomSeed: UInt64 = 0,
                                   at now: ACDInstant = .zero) throws(ACDConfigurationError)
    {
        engines[configuration.tenant] = try ACDEngine(configuration: configuration, randomSeed: randomSeed, start: now)
        reschedule(configuration.tenant)
    }

    /// Removes a tenant's engine and everything in it.
    public mutating func removeTenant(_ tenant: TenantID) {
        engines[tenant] = nil
        scheduled[tenant] = nil
    }

    /// Handles a command for one tenant. An unknown tenant gets a `rejected` effect.
    public mutating func handle(_ command: ACDCommand, tenant: TenantID, at now: ACDInstant) -> [ACDEffect] {
        guard engines[tenant] != nil else {
            return [.rejected(ACDCommandRejection(command: command.name,
                                                  error: .unknownTenant(tenant)))]
        }
        let effects = engines[tenant]!.handle(command, at: now)
        reschedule(tenant)
        return effects
    }

    /// Fires the deadlines of every tenant due by `now`.
    public mutating func tick(at now: ACDInstant) -> [(tenant: TenantID, effects: [ACDEffect])] {
        var results: [(tenant: TenantID, effects: [ACDEffect])] = []
        while let top = deadlines.min, top.due <= now.milliseconds {
            deadlines.removeMin()
            guard scheduled[top.tenant] == top.due, engines[top.tenant] != nil else { continue }
            scheduled[top.tenant] = nil
            let effects = engines[top.tenant]!.handle(.tick, at: now)
            reschedule(top.tenant)
            if !effects.isEmpty { results.append((top.tenant, effects)) }
        }
        return results
    }

    /// The earliest deadline of any tenant.
    public var nextDeadline: ACDInstant? {
        scheduled.values.min().map { ACDInstant(milliseconds: $0) }
    }

    private mutating func reschedule(_ tenant: TenantID) {
        guard let due = engines[tenant]?.nextDeadline?.milliseconds else {
            scheduled[tenant] = nil
            return
        }
        if scheduled[tenant] != due {
            scheduled[tenant] = due
            deadlines.insert(TenantDeadline(due: due, tenant: tenant))
        }
    }
}

private struct TenantDeadline: Comparable, Sendable {
    var due: Int64
    var tenant: TenantID

    static func < (lhs: TenantDeadline, rhs: TenantDeadline) -> Bool {
        lhs.due != rhs.due ? lhs.due < rhs.due : lhs.tenant < rhs.tenant
    }
}
