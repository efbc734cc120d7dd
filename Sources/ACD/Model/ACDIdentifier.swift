// Identifiers of everything the ACD routes: distinct types, never bare strings.

/// What every string identifier in the ACD shares: a raw string, equality, ordering, a
/// literal form for tests and a JSON form that is just the string.
public protocol ACDIdentifier: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    CodingKeyRepresentable, ExpressibleByStringLiteral, CustomStringConvertible
where RawValue == String {
    /// Wraps a raw identifier.
    init(_ rawValue: String)
}

extension ACDIdentifier {
    public init(rawValue: String) { self.init(rawValue) }
    public init(stringLiteral value: String) { self.init(value) }
    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public var codingKey: any CodingKey { ACDCodingKey(stringValue: rawValue) }
    public init?<T: CodingKey>(codingKey: T) { self.init(codingKey.stringValue) }
}

/// A coding key carrying an identifier, so dictionaries keyed by identifiers encode as
/// JSON objects.
struct ACDCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// A tenant: one enterprise hosted on the platform. Each tenant has its own `ACDEngine`.
public struct TenantID: ACDIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// A queue (skill group, 技能组) within one tenant.
public struct QueueID: ACDIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// An agent (座席) within one tenant, usually the work number.
public struct AgentID: ACDIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// A routing task: one call, chat, email, SMS or callback waiting for an agent. The call path
/// usually uses its call id.
public struct TaskID: ACDIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// A skill (e.g. `billing`, `english`) that agents have at a level from 1 to 10.
public struct SkillID: ACDIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// A team (班组); the ACD only uses it for "at most N agents of a team in this state".
public struct TeamID: ACDIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// A customer key used for sticky routing, such as the caller's asserted number.
public struct CustomerID: ACDIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// A not-ready reason (示忙原因), such as rest (小休), meeting or training.
public struct NotReadyReasonID: ACDIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// Set by the engine when an agent let an offer ring out or rejected it (RONA).
    public static let noAnswer = NotReadyReasonID("no-answer")
    /// An agent chose "not ready" without giving a reason.
    public static let unspecified = NotReadyReasonID("not-ready")
}

/// One offer of a task to one agent. Accept and reject commands name the offer, so a late
/// answer to an offer the engine already withdrew can never be mistaken for a newer one.
public struct OfferID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The engine's sequence number for the offer.
    public let rawValue: UInt64

    /// Wraps a sequence number.
    public init(_ rawValue: UInt64) { self.rawValue = rawValue }

    public static func < (lhs: OfferID, rhs: OfferID) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { "offer \(rawValue)" }

    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(UInt64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
