// A tenant (虚拟中心): one enterprise's call center on the platform, with its time zone,
// calendar, quotas and data policies.
import Foundation

/// What a platform operator configures for a tenant.
public struct TenantDefinition: Hashable, Sendable {
    /// A short, unique, URL-safe code (`demo`, `acme`), used by provisioning and logins.
    public var code: String
    /// The enterprise's name as shown in consoles.
    public var name: String
    /// IANA time zone of the tenant's business hours and reports (`Asia/Shanghai`).
    public var timeZone: String
    /// The tenant's SIP domain; also the digest realm of its agents' extensions.
    public var sipDomain: String
    /// Seat and IVR-port limits.
    public var quotas: TenantQuotas
    /// How customer numbers are shown to agents.
    public var maskingPolicy: MaskingPolicy
    /// How long records (CDRs, recordings, state history) are kept, in days.
    public var retentionDays: Int
    /// Whether the tenant takes calls.
    public var status: TenantStatus
    /// Holidays and make-up working days (调休), sorted by date.
    public var calendar: [CalendarDay]

    /// Creates a value from its parts (defaults as documented on each property).
    public init(
        code: String, name: String, timeZone: String, sipDomain: String,
        quotas: TenantQuotas = TenantQuotas(), maskingPolicy: MaskingPolicy = .middle,
        retentionDays: Int = 365, status: TenantStatus = .active, calendar: [CalendarDay] = []
    ) {
        self.code = code
        self.name = name
        self.timeZone = timeZone
        self.sipDomain = sipDomain
        self.quotas = quotas
        self.maskingPolicy = maskingPolicy
        self.retentionDays = retentionDays
        self.status = status
        self.calendar = calendar
    }
}

/// A stored tenant.
@dynamicMemberLookup
public struct Tenant: Hashable, Sendable, Identifiable {
    /// The identifier the store gave it.
    public var id: TenantID
    /// What was configured.
    public var definition: TenantDefinition
    /// When it was created.
    public var createdAt: Date
    /// When it was last changed.
    public var updatedAt: Date

    public subscript<T>(dynamicMember keyPath: KeyPath<TenantDefinition, T>) -> T {
        definition[keyPath: keyPath]
    }
}

/// Limits a platform operator sets per tenant.
public struct TenantQuotas: Hashable, Sendable {
    /// Agents that may be signed in at once.
    public var seats: Int
    /// Calls that may be in IVR at once.
    public var ivrPorts: Int
    /// The tenant's calls in progress beyond which its new INVITEs get 503 (overload
    /// control); nil: the platform's per-tenant default.
    public var maxConcurrentCalls: Int?
    /// The tenant's new calls per second beyond which its new INVITEs get 503; nil: the
    /// platform's per-tenant default.
    public var maxCallsPerSecond: Int?

    /// Creates a value from its parts (defaults as documented on each property).
    public init(seats: Int = 10, ivrPorts: Int = 10, maxConcurrentCalls: Int? = nil, maxCallsPerSecond: Int? = nil) {
        self.seats = seats
        self.ivrPorts = ivrPorts
        self.maxConcurrentCalls = maxConcurrentCalls
        self.maxCallsPerSecond = maxCallsPerSecond
    }
}

/// Whether a tenant is in service.
public enum TenantStatus: String, Hashable, Sendable, CaseIterable {
    case active
    case suspended
}

/// One special day in a tenant's calendar.
public struct CalendarDay: Hashable, Sendable, Comparable {
    /// What the day is.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// A public holiday: not a working day even on a weekday.
        case holiday
        /// A make-up working day (调休): a working day even on a weekend.
        case workday
    }

    /// The date, `YYYY-MM-DD`, in the tenant's time zone.
    public var date: String
    /// What kind it is.
    public var kind: Kind
    /// The holiday's name (国庆节), shown in consoles and greetings.
    public var name: String

    /// Creates a value from its parts (defaults as documented on each property).
    public init(date: String, kind: Kind, name: String) {
        self.date = date
        self.kind = kind
        self.name = name
    }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool { lhs.date < rhs.date }
}

/// How a tenant's customer numbers are shown to agents (a tenant's privacy policy).
public enum MaskingPolicy: String, Hashable, Sendable, CaseIterable {
    /// Shown in full.
    case none
    /// The middle digits hidden: `138****8000`.
    case middle
    /// Only the last four digits shown: `*******8000`.
    case lastFour = "last_four"
    /// Hidden entirely.
    case full

    /// `number` as an agent under this policy may see it. A value without digits names no
    /// number (`anonymous` for a hidden caller) and is shown as it is.
    public func mask(_ number: String) -> String {
        let characters = Array(number)
        guard characters.contains(where: \.isNumber) else { return number }
        switch self {
        case .none:
            return number
        case .full:
            return String(repeating: "*", count: characters.count)
        case .lastFour:
            guard characters.count > 4 else { return String(repeating: "*", count: characters.count) }
            return String(repeating: "*", count: characters.count - 4) + String(characters.suffix(4))
        case .middle:
            guard characters.count >= 7 else {
                return characters.count > 4 ? MaskingPolicy.lastFour.mask(number) : String(repeating: "*", count: characters.count)
            }
            let keepFront = characters.count >= 11 ? 3 : 2
            let hidden = characters.count - keepFront - 4
            return String(characters.prefix(keepFront)) + String(repeating: "*", count: hidden) + String(characters.suffix(4))
        }
    }
}
