// Identifier types of the IVR module: each id is its own type so a queue name can never be
// passed where a node id is expected. All are tenant-local: the store scopes them by tenant.

/// A string-backed identifier that encodes as a bare JSON/YAML string.
public protocol StringIdentifier: RawRepresentable, Hashable, Comparable, Codable, Sendable,
    CustomStringConvertible, ExpressibleByStringLiteral where RawValue == String {
    init(rawValue: String)
}

extension StringIdentifier {
    public init(_ rawValue: String) { self.init(rawValue: rawValue) }
    public init(stringLiteral value: String) { self.init(rawValue: value) }
    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// The id of an IVR flow within its tenant (e.g. `demo-main`).
public struct FlowID: StringIdentifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// The id of a node inside one flow (e.g. `welcome`, `main-menu`).
public struct NodeID: StringIdentifier, CodingKeyRepresentable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var codingKey: any CodingKey { FlowCodingKey(rawValue) }
    public init?<T: CodingKey>(codingKey: T) { self.rawValue = codingKey.stringValue }
}

/// The id of an uploaded WAV prompt (欢迎词 and other recordings) in the tenant's prompt library.
public struct PromptID: StringIdentifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// The tenant-local name of an ACD queue (技能组/队列), e.g. `service` or `complaints`.
public struct QueueName: StringIdentifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// The id of one inbound rule inside a rule set; traces and validation errors name it.
public struct RuleID: StringIdentifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// An agent's work number (工号), the number announced to callers and keyed on the switchboard.
public struct WorkNumber: StringIdentifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// A language of service as a BCP 47 primary tag: `zh`, `en`, ...
public struct Language: StringIdentifier, CodingKeyRepresentable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Mandarin Chinese, the default language of service.
    public static let chinese = Language("zh")
    /// English.
    public static let english = Language("en")
    public var codingKey: any CodingKey { FlowCodingKey(rawValue) }
    public init?<T: CodingKey>(codingKey: T) { self.rawValue = codingKey.stringValue }
}

/// A customer tier (客户等级) as the tenant names it; `vip` and `standard` are predefined.
public struct CustomerTier: StringIdentifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    /// A caller with no known tier.
    public static let standard = CustomerTier("standard")
    /// A VIP caller (大客户), routed with priority and greeted by the agent's name.
    public static let vip = CustomerTier("vip")
}

/// A coding key made from any string; used where keys are data (menus, variable maps).
public struct FlowCodingKey: CodingKey, Sendable {
    public var stringValue: String
    public var intValue: Int?
    public init(_ string: String) { self.stringValue = string; self.intValue = nil }
    public init?(stringValue: String) { self.init(stringValue) }
    public init?(intValue: Int) { self.stringValue = String(intValue); self.intValue = intValue }
}
