// The errors every store operation throws: typed, with messages a person can act on.

/// Why a store operation failed.
///
/// `description` is safe to show to the user who made the request (it names fields and
/// values, never another tenant's data or a secret); the underlying database error, when
/// there is one, is kept in `debugDescription` for logs.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The input was refused; every problem found is listed.
    case invalidInput([FieldIssue])
    /// No object of this kind with this key exists for the caller's tenant.
    case notFound(kind: String, key: String)
    /// A lifecycle step that the object's current state does not allow, e.g. publishing a
    /// rejected flow version.
    case invalidTransition(kind: String, from: String, to: String, reason: String)
    /// The database holds a schema version newer than this build knows; running would risk
    /// data, so nothing is done.
    case schemaTooNew(found: Int, known: Int)
    /// The database URL or path cannot be used.
    case invalidConfiguration(String)
    /// The database failed in a way the store does not map to a user error.
    case database(operation: String, underlying: String)

    /// A single-field input error.
    public static func invalid(_ field: String, _ value: String?, _ reason: String) -> StoreError {
        .invalidInput([FieldIssue(field: field, value: value, reason: reason)])
    }

    /// The issues of an ``invalidInput(_:)`` error, empty for other errors.
    public var issues: [FieldIssue] {
        if case .invalidInput(let issues) = self { return issues }
        return []
    }

    public var description: String {
        switch self {
        case .invalidInput(let issues):
            let lines = issues.map { "  - \($0)" }.joined(separator: "\n")
            return "invalid input (\(issues.count) problem\(issues.count == 1 ? "" : "s")):\n\(lines)"
        case .notFound(let kind, let key):
            return "no \(kind) '\(key)'"
        case .invalidTransition(let kind, let from, let to, let reason):
            return "cannot move \(kind) from \(from) to \(to): \(reason)"
        case .schemaTooNew(let found, let known):
            return "the database schema is at version \(found) but this build of kefu only knows up to \(known); upgrade kefu instead of running an older build on this database"
        case .invalidConfiguration(let message):
            return "invalid database configuration: \(message)"
        case .database(let operation, _):
            return "database error while \(operation)"
        }
    }

    public var debugDescription: String {
        if case .database(let operation, let underlying) = self {
            return "database error while \(operation): \(underlying)"
        }
        return description
    }
}
