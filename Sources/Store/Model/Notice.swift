// Notices (通知公告): short announcements a tenant's admins and supervisors publish to
// the agent desktop ("new tariff from Monday", "system maintenance at 22:00"), optionally
// pinned to the top and optionally expiring.
import Foundation

/// A notice (通知公告).
public struct NoticeID: StoreIdentifier { public let rawValue: String; public init(rawValue: String) { self.rawValue = rawValue } }

/// What an admin or supervisor writes for a notice.
public struct NoticeDefinition: Hashable, Sendable {
    /// The headline shown in the desktop's notice list.
    public var title: String
    /// The text (plain text; line breaks kept).
    public var body: String
    /// Whether the notice stays above the others.
    public var pinned: Bool
    /// When the notice stops being shown; `nil`: until it is deleted.
    public var expiresAt: Date?

    /// The longest title the store keeps.
    public static let maximumTitleLength = 100
    /// The longest body the store keeps.
    public static let maximumBodyLength = 4_000

    /// A notice; not pinned and never expiring unless told.
    public init(title: String, body: String, pinned: Bool = false, expiresAt: Date? = nil) {
        self.title = title
        self.body = body
        self.pinned = pinned
        self.expiresAt = expiresAt
    }
}

/// A stored notice.
@dynamicMemberLookup
public struct Notice: Hashable, Sendable, Identifiable {
    /// The identifier the store gave it.
    public var id: NoticeID
    /// The tenant whose desktops show it.
    public var tenantID: TenantID
    /// What was written.
    public var definition: NoticeDefinition
    /// Who published or last changed it (the user's name as the audit log shows it).
    public var author: String
    /// When it was published.
    public var createdAt: Date
    /// When it was last changed.
    public var updatedAt: Date

    public subscript<T>(dynamicMember keyPath: KeyPath<NoticeDefinition, T>) -> T { definition[keyPath: keyPath] }

    /// Whether desktops still show it at `time` (not yet expired).
    public func isCurrent(at time: Date) -> Bool {
        definition.expiresAt.map { $0 > time } ?? true
    }
}
