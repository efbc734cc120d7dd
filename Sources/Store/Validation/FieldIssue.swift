// One problem with one input field: the unit every validation error in the store is made of.

/// A problem with one field of the input: which field, which value, and why it was refused.
///
/// `field` is a path a person can follow in the document they wrote, for example
/// `tenants[0].agents[2].skills[1].skill` in a provisioning file or `time_zone` in an API
/// request; `value` is the offending value as text (never a password).
public struct FieldIssue: Hashable, Sendable, CustomStringConvertible {
    /// The path of the field, dot-separated with `[index]` for list elements.
    public var field: String
    /// The offending value as written, or `nil` when the field is missing or secret.
    public var value: String?
    /// Why the value was refused, phrased so a person knows what to change.
    public var reason: String

    /// Creates an issue for `field` holding `value`.
    public init(field: String, value: String?, reason: String) {
        self.field = field
        self.value = value
        self.reason = reason
    }

    /// The same issue with `prefix` put in front of its field path.
    public func prefixed(_ prefix: String) -> FieldIssue {
        guard !prefix.isEmpty else { return self }
        let joined = field.isEmpty ? prefix : (field.hasPrefix("[") ? prefix + field : prefix + "." + field)
        return FieldIssue(field: joined, value: value, reason: reason)
    }

    /// `field: 'value': reason`, one line.
    public var description: String {
        let subject = field.isEmpty ? "" : "\(field): "
        if let value {
            return "\(subject)'\(value)': \(reason)"
        }
        return subject + reason
    }
}

/// Collects field issues while a document or request is checked, so that every problem is
/// reported at once instead of only the first.
struct IssueCollector {
    private(set) var issues: [FieldIssue] = []

    var isEmpty: Bool { issues.isEmpty }

    mutating func add(_ field: String, _ value: String?, _ reason: String) {
        issues.append(FieldIssue(field: field, value: value, reason: reason))
    }

    mutating func add(contentsOf other: [FieldIssue], prefix: String = "") {
        issues.append(contentsOf: other.map { $0.prefixed(prefix) })
    }

    /// Throws ``StoreError/invalidInput(_:)`` with everything collected, if anything was.
    func throwIfAny() throws(StoreError) {
        if !issues.isEmpty { throw StoreError.invalidInput(issues) }
    }

    /// Checks every item of a batch with `validate`; throws the issues of all bad items at
    /// once, each field prefixed with its item's index (`[1].ended_at`).
    static func validateEach<Item>(_ items: [Item], _ validate: (Item) throws -> Void) throws {
        var collector = IssueCollector()
        for (index, item) in items.enumerated() {
            do { try validate(item) } catch let error as StoreError {
                collector.add(contentsOf: error.issues, prefix: "[\(index)]")
            }
        }
        try collector.throwIfAny()
    }
}
