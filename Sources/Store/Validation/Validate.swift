// Field checks shared by every repository and by provisioning, each returning the reason a
// value is refused (or nil), so messages read the same everywhere.
import Foundation

enum Validate {
    /// `demo`, `acme-cn`: lowercase letters, digits, `-` and `_`, starting with a letter or digit.
    static func code(_ value: String) -> String? {
        let allowed = value.utf8.allSatisfy { isLowerAlnum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
        guard !value.isEmpty, value.utf8.count <= 63, allowed, isLowerAlnum(value.utf8.first!) else {
            return "must be 1-63 lowercase letters, digits, '-' or '_', starting with a letter or digit"
        }
        return nil
    }

    /// A required display text of at most `limit` characters.
    static func name(_ value: String, limit: Int = 200) -> String? {
        if value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return "must not be empty" }
        if value.count > limit { return "must be at most \(limit) characters" }
        return nil
    }

    /// An IANA time zone known to this system.
    static func timeZone(_ value: String) -> String? {
        guard !value.isEmpty, value.contains("/") || value == "UTC", TimeZone(identifier: value) != nil else {
            return "is not a known IANA time zone (e.g. Asia/Shanghai, UTC)"
        }
        return nil
    }

    /// A DNS name: labels of letters, digits and `-`, separated by dots.
    static func domain(_ value: String) -> String? {
        let labels = value.split(separator: ".", omittingEmptySubsequences: false)
        let valid = !value.isEmpty && value.utf8.count <= 253 && labels.allSatisfy { label in
            !label.isEmpty && label.utf8.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.utf8.allSatisfy { isLowerAlnum($0 | 0x20) || $0 == UInt8(ascii: "-") }
        }
        return valid ? nil : "is not a valid domain name (letters, digits, '-' and dots)"
    }

    /// A calendar date `YYYY-MM-DD` that exists.
    static func date(_ value: String) -> String? {
        let parts = value.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1
        else { return "must be a date written YYYY-MM-DD" }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days ? nil : "is not a day of that month"
    }

    /// A phone number: digits, optionally one leading `+`, 3 to 20 digits.
    static func phoneNumber(_ value: String) -> String? {
        let digits = value.hasPrefix("+") ? value.dropFirst() : Substring(value)
        guard (3...20).contains(digits.count), digits.utf8.allSatisfy(isDigit) else {
            return "must be 3-20 digits, optionally after a '+'"
        }
        return nil
    }

    /// A SIP extension: 2 to 10 digits (feature codes start with '*', so they never clash).
    static func extensionNumber(_ value: String) -> String? {
        guard (2...10).contains(value.utf8.count), value.utf8.allSatisfy(isDigit) else {
            return "must be 2-10 digits"
        }
        return nil
    }

    /// A work number (工号): 1-32 letters, digits, '-' or '_'.
    static func workNumber(_ value: String) -> String? {
        guard (1...32).contains(value.utf8.count),
              value.utf8.allSatisfy({ isLowerAlnum($0 | 0x20) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") })
        else { return "must be 1-32 letters, digits, '-' or '_'" }
        return nil
    }

    /// An integer within `range`.
    static func within(_ value: Int, _ range: ClosedRange<Int>) -> String? {
        range.contains(value) ? nil : "must be between \(range.lowerBound) and \(range.upperBound)"
    }

    /// An absolute http(s) URL.
    static func httpURL(_ value: String) -> String? {
        guard let url = URL(string: value), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty
        else { return "must be an absolute http:// or https:// URL" }
        return nil
    }

    /// Values that occur more than once, in first-seen order.
    static func duplicates<T: Hashable>(_ values: [T]) -> [T] {
        var seen: Set<T> = []
        var reported: Set<T> = []
        var result: [T] = []
        for value in values where !seen.insert(value).inserted && reported.insert(value).inserted {
            result.append(value)
        }
        return result
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (48...57).contains(byte) }
    private static func isLowerAlnum(_ byte: UInt8) -> Bool { isDigit(byte) || (97...122).contains(byte) }
}
