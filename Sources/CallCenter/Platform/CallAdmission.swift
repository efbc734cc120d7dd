// Overload control in front of the call path: beyond the configured concurrency or call
// rate, of the node or of one tenant, new INVITEs get 503 with Retry-After at once, and
// calls already accepted keep their quality.

import Foundation
import SIP
import SIPStack
import Synchronization

/// The admission limits of a node, and of each tenant on it.
public struct CallAdmissionLimits: Sendable {
    /// Calls in progress (all tenants) beyond which new INVITEs are refused; 0: no limit.
    public var maxConcurrentCalls: Int
    /// New INVITEs per second beyond which new ones are refused (burst of one second); 0: no limit.
    public var maxCallsPerSecond: Int
    /// Calls in progress of one tenant beyond which its new INVITEs are refused; 0: no limit.
    public var maxConcurrentCallsPerTenant: Int
    /// New INVITEs per second of one tenant beyond which its new ones are refused; 0: no limit.
    public var maxCallsPerSecondPerTenant: Int
    /// The Retry-After of a refusal, in seconds.
    public var retryAfterSeconds: UInt32

    /// Limits; zero means unlimited.
    public init(
        maxConcurrentCalls: Int = 0, maxCallsPerSecond: Int = 0, maxConcurrentCallsPerTenant: Int = 0,
        maxCallsPerSecondPerTenant: Int = 0, retryAfterSeconds: UInt32 = 5
    ) {
        self.maxConcurrentCalls = maxConcurrentCalls
        self.maxCallsPerSecond = maxCallsPerSecond
        self.maxConcurrentCallsPerTenant = maxConcurrentCallsPerTenant
        self.maxCallsPerSecondPerTenant = maxCallsPerSecondPerTenant
        self.retryAfterSeconds = retryAfterSeconds
    }
}

/// One tenant's own admission limits (from its quota); nil takes the node's per-tenant default.
public struct TenantCallLimits: Sendable, Hashable {
    /// The tenant's calls in progress beyond which its new INVITEs are refused.
    public var maxConcurrentCalls: Int?
    /// The tenant's new INVITEs per second beyond which its new ones are refused.
    public var maxCallsPerSecond: Int?

    /// Limits; nil fields fall back to ``CallAdmissionLimits``' per-tenant values.
    public init(maxConcurrentCalls: Int? = nil, maxCallsPerSecond: Int? = nil) {
        self.maxConcurrentCalls = maxConcurrentCalls
        self.maxCallsPerSecond = maxCallsPerSecond
    }
}

/// Counts calls in progress and new calls per second, for the node and per tenant; the SIP
/// stack asks it about every new INVITE before allocating anything.
///
/// A tenant is known by ``tenantOf`` (the dialled access number's tenant, or the calling
/// phone's SIP domain); INVITEs it cannot place count against the node's limits only.
public final class CallAdmission: AdmissionControl {
    /// A token bucket (one second of burst) and a count of calls in progress.
    private struct Counter {
        var active = 0
        var tokens: Double
        var refilledAt: ContinuousClock.Instant

        /// Whether a call may start at `now` under `maxActive` and `rate` (takes no token).
        mutating func allows(at now: ContinuousClock.Instant, maxActive: Int, rate: Int) -> Bool {
            if maxActive > 0, active >= maxActive { return false }
            guard rate > 0 else { return true }
            let elapsed = now - refilledAt
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            tokens = min(Double(rate), tokens + seconds * Double(rate))
            refilledAt = now
            return tokens >= 1
        }
    }

    private struct State {
        var node: Counter
        var tenants: [String: Counter] = [:]
        var refused = 0
    }

    /// The limits in force.
    public let limits: CallAdmissionLimits
    /// The tenant an INVITE is for, if known.
    public let tenantOf: @Sendable (SIPRequest) -> String?
    /// A tenant's own limits (its quota), read at each INVITE so quota changes apply at once.
    public let tenantLimits: @Sendable (String) -> TenantCallLimits
    private let state: Mutex<State>

    /// Admission with `limits`; `tenantOf` places an INVITE with its tenant for the per-tenant
    /// limits, which `tenantLimits` may set per tenant (the node's defaults otherwise).
    public init(
        limits: CallAdmissionLimits, tenantOf: @escaping @Sendable (SIPRequest) -> String? = { _ in nil },
        tenantLimits: @escaping @Sendable (String) -> TenantCallLimits = { _ in TenantCallLimits() }
    ) {
        self.limits = limits
        self.tenantOf = tenantOf
        self.tenantLimits = tenantLimits
        self.state = Mutex(State(node: Counter(tokens: Double(limits.maxCallsPerSecond), refilledAt: .now)))
    }

    /// The per-tenant limits in force for `tenant`: its own, else the node's defaults.
    func effectiveLimits(tenant: String) -> (concurrent: Int, rate: Int) {
        let own = tenantLimits(tenant)
        return (own.maxConcurrentCalls ?? limits.maxConcurrentCallsPerTenant, own.maxCallsPerSecond ?? limits.maxCallsPerSecondPerTenant)
    }

    public func admit(_ invite: SIPRequest, from source: SIPDestination) -> AdmissionDecision {
        admit(at: .now, tenant: tenantOf(invite)) ? .accept : .overloaded(retryAfter: limits.retryAfterSeconds)
    }

    /// Whether a new call (of `tenant`, when known) may start at `now`; takes a rate token of
    /// the node and of the tenant when it may.
    func admit(at now: ContinuousClock.Instant, tenant: String? = nil) -> Bool {
        let tenantLimits = tenant.map(effectiveLimits) ?? (concurrent: 0, rate: 0)
        return state.withLock { state in
            guard state.node.allows(at: now, maxActive: limits.maxConcurrentCalls, rate: limits.maxCallsPerSecond) else {
                state.refused += 1
                return false
            }
            if let tenant, tenantLimits.concurrent > 0 || tenantLimits.rate > 0 {
                var counter = state.tenants[tenant] ?? Counter(tokens: Double(tenantLimits.rate), refilledAt: now)
                let allowed = counter.allows(at: now, maxActive: tenantLimits.concurrent, rate: tenantLimits.rate)
                if allowed, tenantLimits.rate > 0 { counter.tokens -= 1 }
                state.tenants[tenant] = counter
                guard allowed else {
                    state.refused += 1
                    return false
                }
            }
            if limits.maxCallsPerSecond > 0 { state.node.tokens -= 1 }
            return true
        }
    }

    /// A call (of `tenant`, when known) entered the call path.
    func callStarted(tenant: String? = nil) {
        state.withLock { state in
            state.node.active += 1
            if let tenant, state.tenants[tenant] != nil { state.tenants[tenant]?.active += 1 }
        }
    }

    /// A call (of `tenant`, when known) left the call path.
    func callEnded(tenant: String? = nil) {
        state.withLock { state in
            state.node.active = max(0, state.node.active - 1)
            if let tenant, let active = state.tenants[tenant]?.active { state.tenants[tenant]?.active = max(0, active - 1) }
        }
    }

    /// A call for `invite` entered the call path.
    func callStarted(_ invite: SIPRequest) { callStarted(tenant: tenantOf(invite)) }

    /// The call for `invite` left the call path.
    func callEnded(_ invite: SIPRequest) { callEnded(tenant: tenantOf(invite)) }

    /// Calls in progress.
    public var activeCalls: Int { state.withLock { $0.node.active } }

    /// Calls in progress of `tenant` (0 when per-tenant limits are off).
    public func activeCalls(tenant: String) -> Int { state.withLock { $0.tenants[tenant]?.active ?? 0 } }

    /// INVITEs refused so far.
    public var refusedCalls: Int { state.withLock { $0.refused } }
}
