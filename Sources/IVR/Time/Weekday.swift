// Days of the week, ISO 8601 numbering (Monday = 1).

/// A day of the week; encodes as `mon` ... `sun` (full English names decode too).
public enum Weekday: Int, CaseIterable, Comparable, Codable, Sendable, CustomStringConvertible {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    /// The three-letter name used in rule and flow files.
    public var shortName: String {
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][rawValue - 1]
    }

    /// Saturday and Sunday.
    public var isWeekend: Bool { self == .saturday || self == .sunday }

    /// The day before this one.
    public var previous: Weekday { Weekday(rawValue: rawValue == 1 ? 7 : rawValue - 1)! }

    /// Parses `mon`/`monday` (any case).
    public init?(name: String) {
        let lowered = name.lowercased()
        guard let day = Weekday.allCases.first(where: { lowered == $0.shortName || lowered == "\($0)" }) else {
            return nil
        }
        self = day
    }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let name = try container.decode(String.self)
        guard let day = Weekday(name: name) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(name)' is not a weekday (use mon, tue, wed, thu, fri, sat, sun)")
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(shortName)
    }

    public var description: String { shortName }
}
