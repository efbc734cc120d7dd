// Not-ready reasons a tenant offers its agents, with their limits.

/// What the engine does when an agent asks for a not-ready reason beyond its limits.
public enum LimitEnforcement: String, Hashable, Sendable, Codable {
    /// Allow it, and report the breach (`notReadyLimitBreached`) so the desktop and the
    /// supervisor are alerted.
    case alert
    /// Refuse the request (the agent stays as they were) and say which limit.
    case refuse
}

/// A not-ready reason (示忙原因) and its limits. Every limit is optional.
public struct NotReadyReasonConfiguration: Hashable, Sendable, Codable {
    /// The reason's identifier.
    public var id: NotReadyReasonID
    /// A name for people (e.g. 小休, "meeting").
    public var name: String
    /// Longest time in this state per episode (e.g. 10 minutes); a breach is reported when
    /// it passes.
    public var maximumDuration: ACDDuration?
    /// Most times per shift (e.g. 3); the shift starts at `countersReset`.
    public var maximumPerShift: Int?
    /// Most agents of one team in this reason at once (e.g. 1 for "signed out for a break").
    public var maximumPerTeam: Int?
    /// Alert or refuse when a count limit would be exceeded. Duration breaches are always
    /// alerts: the engine never changes an agent's state on its own for them.
    public var enforcement: LimitEnforcement

    /// Describes a reason with optional limits.
    public init(
        id: NotReadyReasonID,
        name: String? = nil,
        maximumDuration: ACDDuration? = nil,
        maximumPerShift: Int? = nil,
        maximumPerTeam: Int? = nil,
        enforcement: LimitEnforcement = .alert
    ) {
        self.id = id
        self.name = name ?? id.rawValue
        self.maximumDuration = maximumDuration
        self.maximumPerShift = maximumPerShift
        self.maximumPerTeam = maximumPerTeam
        self.enforcement = enforcement
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, maximumDuration, maximumPerShift, maximumPerTeam, enforcement
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(NotReadyReasonID.self, forKey: .id)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? id.rawValue
        maximumDuration = try c.decodeIfPresent(ACDDuration.self, forKey: .maximumDuration)
        maximumPerShift = try c.decodeIfPresent(Int.self, forKey: .maximumPerShift)
        maximumPerTeam = try c.decodeIfPresent(Int.self, forKey: .maximumPerTeam)
        enforcement = try c.decodeIfPresent(LimitEnforcement.self, forKey: .enforcement) ?? .alert
    }
}
