// Lists of caller numbers for blacklists, whitelists and VIP lists: exact numbers and prefixes.

/// Exact numbers and number prefixes, matched against the caller's national form.
public struct NumberList: Hashable, Codable, Sendable {
    /// Numbers that match exactly (normalised to national form when matched).
    public var numbers: [PhoneNumber]
    /// Digit prefixes, e.g. `170` for a whole number block or `0571` for a city's landlines.
    public var prefixes: [String]

    /// A list of exact numbers and prefixes.
    public init(numbers: [PhoneNumber] = [], prefixes: [String] = []) {
        self.numbers = numbers
        self.prefixes = prefixes
    }

    /// True when neither numbers nor prefixes are listed.
    public var isEmpty: Bool { numbers.isEmpty && prefixes.isEmpty }

    /// How `nationalNumber` matched, or nil.
    public func match(_ nationalNumber: String) -> NumberMatch? {
        for number in numbers where number.nationalForm == nationalNumber { return .exact(nationalNumber) }
        var best: String?
        for prefix in prefixes where nationalNumber.hasPrefix(prefix) && prefix.count > (best?.count ?? -1) {
            best = prefix
        }
        return best.map(NumberMatch.prefix)
    }

    private enum CodingKeys: String, CodingKey { case numbers, prefixes }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        numbers = try container.decodeIfPresent([PhoneNumber].self, forKey: .numbers) ?? []
        prefixes = try container.decodeIfPresent([String].self, forKey: .prefixes) ?? []
    }

    /// Problems with the entries: malformed numbers and prefixes, duplicates, and exact
    /// numbers already covered by a prefix of the same list. `field` prefixes each message.
    func problems(field: String) -> [(field: String, message: String)] {
        var problems: [(String, String)] = []
        var seenNumbers: [String: Int] = [:]
        for (index, number) in numbers.enumerated() {
            let national = number.nationalForm
            if !number.isWellFormed || national.isEmpty {
                problems.append(("\(field)numbers[\(index)]", "'\(number)' is not a phone number"))
            } else if let first = seenNumbers[national] {
                problems.append(("\(field)numbers[\(index)]", "\(national) is listed twice (also numbers[\(first)])"))
            } else {
                seenNumbers[national] = index
                if let prefix = prefixes.first(where: { national.hasPrefix($0) && $0.isAllASCIIDigits }) {
                    problems.append(("\(field)numbers[\(index)]", "\(national) is already covered by prefix \(prefix)"))
                }
            }
        }
        var seenPrefixes: [String: Int] = [:]
        for (index, prefix) in prefixes.enumerated() {
            if let problem = NumberList.prefixProblem(prefix) {
                problems.append(("\(field)prefixes[\(index)]", problem))
            } else if let first = seenPrefixes[prefix] {
                problems.append(("\(field)prefixes[\(index)]", "prefix \(prefix) is listed twice (also prefixes[\(first)])"))
            } else {
                seenPrefixes[prefix] = index
                if let shorter = prefixes.first(where: { $0 != prefix && prefix.hasPrefix($0) && $0.isAllASCIIDigits }) {
                    problems.append(("\(field)prefixes[\(index)]", "prefix \(prefix) is already covered by prefix \(shorter)"))
                }
            }
        }
        return problems
    }

    /// Why `prefix` is not a usable digit prefix, or nil.
    static func prefixProblem(_ prefix: String) -> String? {
        if prefix.isEmpty { return "a prefix cannot be empty (it would match every caller)" }
        if let bad = prefix.firstIndex(where: { !$0.isASCIIDigitCharacter }) {
            return "prefix '\(prefix)' has '\(prefix[bad])' at position \(prefix.distance(from: prefix.startIndex, to: bad) + 1); prefixes are digits only, in national form (no +86)"
        }
        if prefix.count > 20 { return "prefix '\(prefix)' is longer than 20 digits" }
        return nil
    }

    /// True when some number could match both lists.
    func overlaps(_ other: NumberList) -> String? {
        let mine = numbers.map(\.nationalForm), theirs = other.numbers.map(\.nationalForm)
        if let common = mine.first(where: theirs.contains) { return common }
        for number in mine { if let p = other.prefixes.first(where: { number.hasPrefix($0) }) { return "\(number) (prefix \(p))" } }
        for number in theirs { if let p = prefixes.first(where: { number.hasPrefix($0) }) { return "\(number) (prefix \(p))" } }
        for p in prefixes { if let q = other.prefixes.first(where: { p.hasPrefix($0) || $0.hasPrefix(p) }) { return "prefix \(p.count >= q.count ? p : q)" } }
        return nil
    }
}

/// How a number matched a list.
public enum NumberMatch: Hashable, Sendable, CustomStringConvertible {
    case exact(String)
    case prefix(String)
    public var description: String {
        switch self {
        case .exact(let number): return "listed number \(number)"
        case .prefix(let prefix): return "listed prefix \(prefix)"
        }
    }
}
