// Reads the full caller-area table an operator supplies as CSV, reporting every bad line.

/// One problem in an area CSV file, with its 1-based line (and column when known).
public struct AreaCSVProblem: Hashable, Sendable, CustomStringConvertible {
    /// The 1-based line.
    public var line: Int
    /// The 1-based field, when one field is at fault.
    public var column: Int?
    /// What is wrong.
    public var message: String
    public var description: String {
        "line \(line)" + (column.map { ", column \($0)" } ?? "") + ": \(message)"
    }
}

/// The area CSV could not be imported; `problems` lists every bad line (at most `limit`).
public struct AreaCSVError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The problems, in line order.
    public var problems: [AreaCSVProblem]
    /// True when more problems existed than were kept.
    public var truncated: Bool
    public var description: String {
        problems.map(\.description).joined(separator: "\n") + (truncated ? "\n(more problems not shown)" : "")
    }
}

extension AreaTable {
    /// The most problems an import reports before it stops listing them.
    public static let csvProblemLimit = 100

    /// Parses `prefix,province,city` lines (UTF-8 text; an optional header line starting
    /// with `prefix`; `#` comments and blank lines skipped; fields may be double-quoted).
    /// Prefixes are 3 to 11 digits in national form. A prefix listed twice with different
    /// areas is an error; listed twice with the same area, it is accepted once.
    public static func parseCSV(_ text: String) throws(AreaCSVError) -> AreaTable {
        var table = AreaTable()
        var seen: [String: (line: Int, area: Area)] = [:]
        var problems: [AreaCSVProblem] = []
        var truncated = false
        func report(_ line: Int, _ column: Int?, _ message: String) {
            if problems.count < csvProblemLimit { problems.append(AreaCSVProblem(line: line, column: column, message: message)) } else { truncated = true }
        }
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        // "\r\n" is one Character in Swift, so split on every kind of line end.
        for (offset, line) in body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let lineNumber = offset + 1
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if lineNumber == 1 && trimmed.lowercased().hasPrefix("prefix") { continue }
            let fields: [String]
            switch splitCSVLine(line) {
            case .success(let parsed): fields = parsed
            case .failure(let failure):
                report(lineNumber, failure.column, failure.message)
                continue
            }
            guard fields.count == 3 else {
                report(lineNumber, nil, "expected 3 fields (prefix,province,city), found \(fields.count)")
                continue
            }
            let prefix = fields[0].trimmingSpaces, province = fields[1].trimmingSpaces, city = fields[2].trimmingSpaces
            var bad = false
            if let problem = NumberList.prefixProblem(prefix) {
                report(lineNumber, 1, problem); bad = true
            } else if !(3...11).contains(prefix.count) {
                report(lineNumber, 1, "prefix '\(prefix)' has \(prefix.count) digits; use 3 to 11 (area code or mobile block)"); bad = true
            }
            if province.isEmpty { report(lineNumber, 2, "province is empty"); bad = true }
            if city.isEmpty { report(lineNumber, 3, "city is empty"); bad = true }
            if bad { continue }
            let area = Area(province: province, city: city)
            if let earlier = seen[prefix] {
                if earlier.area != area {
                    report(lineNumber, 1, "prefix \(prefix) is already \(earlier.area) on line \(earlier.line), here \(area)")
                }
                continue
            }
            seen[prefix] = (lineNumber, area)
            table.insert(prefix: prefix, area: area)
        }
        guard problems.isEmpty else { throw AreaCSVError(problems: problems, truncated: truncated) }
        return table
    }

    private struct FieldFailure: Error {
        var column: Int
        var message: String
    }

    /// Splits one CSV line (RFC 4180 quoting, no line breaks inside fields).
    private static func splitCSVLine(_ line: Substring) -> Result<[String], FieldFailure> {
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var fieldStartedQuoted = false
        var characters = line.makeIterator()
        var pending: Character? = characters.next()
        while let character = pending {
            pending = characters.next()
            if inQuotes {
                if character == "\"" {
                    if pending == "\"" { field.append("\""); pending = characters.next() } else { inQuotes = false }
                } else {
                    field.append(character)
                }
            } else if character == "," {
                fields.append(field); field = ""; fieldStartedQuoted = false
            } else if fieldStartedQuoted && character != " " && character != "\t" {
                return .failure(FieldFailure(column: fields.count + 1, message: "text after the closing '\"' of a quoted field"))
            } else if character == "\"" && field.trimmingSpaces.isEmpty && !fieldStartedQuoted {
                inQuotes = true; fieldStartedQuoted = true; field = ""
            } else if character == "\"" {
                return .failure(FieldFailure(column: fields.count + 1, message: "stray '\"' inside an unquoted field"))
            } else {
                field.append(character)
            }
        }
        if inQuotes { return .failure(FieldFailure(column: fields.count + 1, message: "quoted field is never closed")) }
        fields.append(field)
        return .success(fields)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
