// One versioned step of the schema. The list of steps is the schema's whole history.

/// A numbered, named change to the schema, written in SQL that SQLite and PostgreSQL
/// both accept.
///
/// Rules every migration follows so that upgrading never loses data: it only adds tables,
/// columns (nullable or with a default) and indexes; it never drops or rewrites stored
/// data; it runs in one transaction, so it applies completely or not at all.
public struct Migration: Sendable {
    /// The schema version this migration brings the database to (1, 2, …, no gaps).
    public let version: Int
    /// A short name, recorded in `schema_migrations`.
    public let name: String
    /// The statements, in order, for the given database (identical for both today; the
    /// parameter exists for the day a statement must differ).
    let statements: @Sendable (DatabaseKind) -> [String]

    init(version: Int, name: String, statements: @escaping @Sendable (DatabaseKind) -> [String]) {
        self.version = version
        self.name = name
        self.statements = statements
    }

    init(version: Int, name: String, sql: [String]) {
        self.init(version: version, name: name, statements: { _ in sql })
    }
}

extension Migration {
    /// Every migration, oldest first. Add new ones at the end; never edit a released one.
    public static let all: [Migration] = [
        .coreSchema,
        .organizationAndOperations,
        .voicemailAndCallbacks,
        .callNotes,
        .noticesAndDeskSettings,
        .tenantCallLimits,
        .queueSurvey,
    ]

    /// The newest schema version this build knows.
    public static var latestVersion: Int { all.last?.version ?? 0 }
}
