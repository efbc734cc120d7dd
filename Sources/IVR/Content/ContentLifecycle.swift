// The life of versioned IVR content (flows and prompts): draft → submitted → approved →
// published, rejected with a comment, rollback to an earlier version. A pure value: the
// store persists it, the API drives it, times and people are passed in.

/// Where one version of a flow or prompt stands.
public enum ContentStatus: String, Hashable, Sendable, Codable {
    /// Being edited; the only status whose content may change.
    case draft
    /// Waiting for the platform's reviewer (IVR content audit).
    case submitted
    /// Approved by a reviewer; may be published.
    case approved
    /// Refused by a reviewer, with a comment; can be reopened as a draft.
    case rejected
    /// Live: calls use it. At most one version is published.
    case published
    /// Was published, replaced by another version; rollback can bring it back.
    case retired
}

/// Who did something (an admin or reviewer's user id).
public struct ContentActor: StringIdentifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// One version's record.
public struct ContentVersion: Hashable, Sendable, Codable {
    public var number: Int
    public var status: ContentStatus
    /// The version it was copied from (rollback-as-draft, edit of a published version).
    public var basedOn: Int?
    public var author: ContentActor
    public var createdAt: UnixTime
    /// True once a reviewer approved it (kept after publishing and retiring).
    public var wasApproved: Bool
    /// The reviewer's last comment (the reason when rejected).
    public var reviewComment: String?
    public var reviewer: ContentActor?
}

/// One change, for the audit log.
public struct ContentHistoryEntry: Hashable, Sendable, Codable, CustomStringConvertible {
    public var version: Int
    public var from: ContentStatus?
    public var to: ContentStatus
    public var actor: ContentActor
    public var at: UnixTime
    public var comment: String?
    public var description: String {
        "v\(version): \(from?.rawValue ?? "new") → \(to.rawValue) by \(actor)" + (comment.map { " (\($0))" } ?? "")
    }
}

/// A lifecycle command that is not allowed, with the reason.
public enum ContentLifecycleError: Error, Hashable, Sendable, CustomStringConvertible {
    case unknownVersion(Int)
    case wrongStatus(version: Int, status: ContentStatus, action: String)
    case approvalRequired(version: Int)
    case commentRequired
    case reviewerIsAuthor(version: Int)
    case notEarlierPublished(version: Int)

    public var description: String {
        switch self {
        case .unknownVersion(let v): return "there is no version \(v)"
        case .wrongStatus(let v, let status, let action): return "version \(v) is \(status.rawValue); it cannot be \(action)"
        case .approvalRequired(let v): return "version \(v) needs a reviewer's approval before it can be published (the platform requires approval)"
        case .commentRequired: return "a rejection needs a comment saying what to change"
        case .reviewerIsAuthor(let v): return "the author of version \(v) cannot review it"
        case .notEarlierPublished(let v): return "version \(v) was never published; only earlier published versions can be rolled back to"
        }
    }
}

/// The versions of one flow or prompt of a tenant.
public struct ContentLifecycle: Hashable, Sendable, Codable {
    public private(set) var versions: [ContentVersion] = []
    public private(set) var history: [ContentHistoryEntry] = []

    public init() {}

    /// The version calls use now.
    public var published: ContentVersion? { versions.first { $0.status == .published } }

    /// Versions waiting for review (the reviewer's queue).
    public var submitted: [ContentVersion] { versions.filter { $0.status == .submitted } }

    /// The record of `number`.
    public func version(_ number: Int) -> ContentVersion? { versions.first { $0.number == number } }

    /// True when version `number`'s content may be edited (drafts only).
    public func canEdit(_ number: Int) -> Bool { version(number)?.status == .draft }

    /// Creates a new draft (optionally a copy of an earlier version); returns its number.
    @discardableResult
    public mutating func createDraft(by author: ContentActor, at time: UnixTime, basedOn: Int? = nil) throws(ContentLifecycleError) -> Int {
        if let basedOn, version(basedOn) == nil { throw .unknownVersion(basedOn) }
        let number = (versions.map(\.number).max() ?? 0) + 1
        versions.append(ContentVersion(number: number, status: .draft, basedOn: basedOn, author: author, createdAt: time,
                                       wasApproved: false, reviewComment: nil, reviewer: nil))
        history.append(ContentHistoryEntry(version: number, from: nil, to: .draft, actor: author, at: time,
                                           comment: basedOn.map { "copy of v\($0)" }))
        return number
    }

    /// Submits a draft for review.
    public mutating func submit(_ number: Int, by actor: ContentActor, at time: UnixTime) throws(ContentLifecycleError) {
        try move(number, from: [.draft], to: .submitted, action: "submitted", by: actor, at: time)
    }

    /// Takes a submitted or rejected version back to draft for editing.
    public mutating func reopen(_ number: Int, by actor: ContentActor, at time: UnixTime) throws(ContentLifecycleError) {
        try move(number, from: [.submitted, .rejected], to: .draft, action: "reopened", by: actor, at: time)
    }

    /// A reviewer approves a submitted version (not their own).
    public mutating func approve(_ number: Int, by reviewer: ContentActor, at time: UnixTime, comment: String? = nil) throws(ContentLifecycleError) {
        guard let index = versions.firstIndex(where: { $0.number == number }) else { throw .unknownVersion(number) }
        if versions[index].author == reviewer { throw .reviewerIsAuthor(version: number) }
        try move(number, from: [.submitted], to: .approved, action: "approved", by: reviewer, at: time, comment: comment)
        versions[index].wasApproved = true
        versions[index].reviewer = reviewer
        versions[index].reviewComment = comment
    }

    /// A reviewer rejects a submitted version, saying why.
    public mutating func reject(_ number: Int, by reviewer: ContentActor, at time: UnixTime, comment: String) throws(ContentLifecycleError) {
        guard let index = versions.firstIndex(where: { $0.number == number }) else { throw .unknownVersion(number) }
        if comment.trimmingSpaces.isEmpty { throw .commentRequired }
        if versions[index].author == reviewer { throw .reviewerIsAuthor(version: number) }
        try move(number, from: [.submitted], to: .rejected, action: "rejected", by: reviewer, at: time, comment: comment)
        versions[index].reviewer = reviewer
        versions[index].reviewComment = comment
    }

    /// Publishes an approved version, or a draft when the platform does not require approval;
    /// the previously published version retires.
    public mutating func publish(_ number: Int, by actor: ContentActor, at time: UnixTime, approvalRequired: Bool) throws(ContentLifecycleError) {
        guard let current = version(number) else { throw .unknownVersion(number) }
        switch current.status {
        case .approved: break
        case .draft, .submitted:
            if approvalRequired { throw .approvalRequired(version: number) }
            guard current.status == .draft else { throw .wrongStatus(version: number, status: current.status, action: "published before review ends") }
        default: throw .wrongStatus(version: number, status: current.status, action: "published")
        }
        retirePublished(by: actor, at: time)
        try move(number, from: [.approved, .draft], to: .published, action: "published", by: actor, at: time)
    }

    /// Publishes an earlier version again (an emergency rollback). When approval is required
    /// the version must have been approved once.
    public mutating func rollback(to number: Int, by actor: ContentActor, at time: UnixTime, approvalRequired: Bool) throws(ContentLifecycleError) {
        guard let target = version(number) else { throw .unknownVersion(number) }
        guard target.status == .retired else {
            if target.status == .published { throw .wrongStatus(version: number, status: .published, action: "rolled back to") }
            throw .notEarlierPublished(version: number)
        }
        if approvalRequired && !target.wasApproved { throw .approvalRequired(version: number) }
        retirePublished(by: actor, at: time)
        try move(number, from: [.retired], to: .published, action: "rolled back to", by: actor, at: time, comment: "rollback")
    }

    private mutating func retirePublished(by actor: ContentActor, at time: UnixTime) {
        guard let index = versions.firstIndex(where: { $0.status == .published }) else { return }
        versions[index].status = .retired
        history.append(ContentHistoryEntry(version: versions[index].number, from: .published, to: .retired, actor: actor, at: time, comment: nil))
    }

    private mutating func move(_ number: Int, from allowed: Set<ContentStatus>, to status: ContentStatus, action: String,
                               by actor: ContentActor, at time: UnixTime, comment: String? = nil) throws(ContentLifecycleError) {
        guard let index = versions.firstIndex(where: { $0.number == number }) else { throw .unknownVersion(number) }
        let old = versions[index].status
        guard allowed.contains(old) else { throw .wrongStatus(version: number, status: old, action: action) }
        versions[index].status = status
        history.append(ContentHistoryEntry(version: number, from: old, to: status, actor: actor, at: time, comment: comment))
    }
}
