// Typed column reads shared by every repository: times in milliseconds, booleans stored
// as integers on SQLite, identifiers as their types.
import Foundation
import SQLKit

extension SQLRow {
    func string(_ column: String) throws -> String {
        try decode(column: column, as: String.self)
    }

    func optionalString(_ column: String) throws -> String? {
        try decodeNil(column: column) ? nil : try decode(column: column, as: String.self)
    }

    func int(_ column: String) throws -> Int {
        Int(try decode(column: column, as: Int64.self))
    }

    func optionalInt(_ column: String) throws -> Int? {
        try decodeNil(column: column) ? nil : Int(try decode(column: column, as: Int64.self))
    }

    func bool(_ column: String) throws -> Bool {
        try decode(column: column, as: Bool.self)
    }

    func date(_ column: String) throws -> Date {
        Date(millisecondsSince1970: try decode(column: column, as: Int64.self))
    }

    func optionalDate(_ column: String) throws -> Date? {
        try decodeNil(column: column) ? nil : try date(column)
    }

    func id<ID: StoreIdentifier>(_ column: String, as type: ID.Type = ID.self) throws -> ID {
        ID(rawValue: try string(column))
    }

    func optionalID<ID: StoreIdentifier>(_ column: String, as type: ID.Type = ID.self) throws -> ID? {
        try optionalString(column).map(ID.init(rawValue:))
    }
}

/// A bind for an optional value that is `NULL` when absent (PostgreSQL then infers the
/// column's type instead of being told "text").
func bindOrNull<T: Encodable & Sendable>(_ value: T?) -> any SQLExpression {
    if let value { return SQLBind(value) }
    return SQLLiteral.null
}

extension Optional where Wrapped == Date {
    /// The milliseconds to store, or `nil`.
    var milliseconds: Int64? { self?.millisecondsSince1970 }
}
