// What a flow knows about the call when it starts.

/// The call a flow runs for: numbers, tier and priority from the inbound decision, the
/// caller's area, and any extra variables (e.g. from a CRM lookup done before the flow).
public struct CallContext: Hashable, Sendable, Codable {
    public var caller: PhoneNumber
    public var called: PhoneNumber
    public var tier: CustomerTier
    public var priority: Int
    public var area: Area?
    public var variables: [String: String]

    public init(caller: PhoneNumber, called: PhoneNumber, tier: CustomerTier = .standard, priority: Int = 0,
                area: Area? = nil, variables: [String: String] = [:]) {
        self.caller = caller
        self.called = called
        self.tier = tier
        self.priority = priority
        self.area = area
        self.variables = variables
    }

    /// The context an inbound decision implies for a call.
    public init(call: InboundCall, decision: InboundDecision) {
        self.init(caller: call.caller, called: call.called, tier: decision.tier, priority: decision.priority, area: decision.area)
    }
}
