// The identity of a stream audience: subscribers with equal keys see the same events with
// the same masking, so they share one admission check and one encoding of each event.

import Store

/// An ``EventAudience`` without its call memory: what it is, not what it has seen.
struct AudienceKey: Hashable, Sendable {
    /// The tenant.
    let tenantID: String
    /// The agent, for one agent's own work.
    let agentID: String?
    /// Whether the audience sees the whole tenant.
    let wholeTenant: Bool
    /// A scoped supervisor's agents.
    let scopeAgents: Set<String>?
    /// Whether a scoped supervisor sees calls waiting for an agent.
    let seesWaitingCalls: Bool
    /// How customer numbers are masked (`nil`: in full).
    let masking: MaskingPolicy?
}
