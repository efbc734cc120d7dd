// Time as the ACD sees it: instants and durations in whole milliseconds.
//
// The engine never reads a clock. Every command carries an `ACDInstant`, so the owner maps
// its own clock (ContinuousClock, a mock clock, a simulation's event time) onto this value.

/// A point in time, in milliseconds since an epoch the owner of the engine chooses.
///
/// Only differences between instants matter to the engine; the epoch can be the Unix epoch,
/// process start or the start of a simulation.
public struct ACDInstant: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Milliseconds since the owner's epoch.
    public var milliseconds: Int64

    /// Creates an instant `milliseconds` after the epoch.
    public init(milliseconds: Int64) {
        self.milliseconds = milliseconds
    }

    /// The epoch itself.
    public static let zero = ACDInstant(milliseconds: 0)

    /// An instant `seconds` after the epoch (fractions are rounded to the millisecond).
    public static func seconds(_ seconds: Double) -> ACDInstant {
        ACDInstant(milliseconds: Int64((seconds * 1000).rounded()))
    }

    public static func < (lhs: ACDInstant, rhs: ACDInstant) -> Bool {
        lhs.milliseconds < rhs.milliseconds
    }

    public static func + (lhs: ACDInstant, rhs: ACDDuration) -> ACDInstant {
        ACDInstant(milliseconds: lhs.milliseconds &+ rhs.milliseconds)
    }

    public static func - (lhs: ACDInstant, rhs: ACDDuration) -> ACDInstant {
        ACDInstant(milliseconds: lhs.milliseconds &- rhs.milliseconds)
    }

    /// The time from `rhs` to `lhs`.
    public static func - (lhs: ACDInstant, rhs: ACDInstant) -> ACDDuration {
        ACDDuration(milliseconds: lhs.milliseconds &- rhs.milliseconds)
    }

    public var description: String {
        "t+\(ACDDuration(milliseconds: milliseconds))"
    }

    public init(from decoder: any Decoder) throws {
        self.milliseconds = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(milliseconds)
    }
}

/// A length of time in milliseconds.
///
/// In configuration files a duration is written as a number of seconds (`"wrapUpTime": 15`,
/// `"offerTimeout": 7.5`), which is what a tenant admin edits.
public struct ACDDuration: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The length in milliseconds (negative when an instant precedes another).
    public var milliseconds: Int64

    /// Creates a duration of `milliseconds`.
    public init(milliseconds: Int64) {
        self.milliseconds = milliseconds
    }

    /// No time at all.
    public static let zero = ACDDuration(milliseconds: 0)

    /// A duration of `milliseconds`.
    public static func milliseconds(_ milliseconds: Int64) -> ACDDuration {
        ACDDuration(milliseconds: milliseconds)
    }

    /// A duration of `seconds` (fractions are rounded to the millisecond).
    public static func seconds(_ seconds: Double) -> ACDDuration {
        ACDDuration(milliseconds: Int64((seconds * 1000).rounded()))
    }

    /// A duration of whole `seconds`.
    public static func seconds(_ seconds: Int) -> ACDDuration {
        ACDDuration(milliseconds: Int64(seconds) * 1000)
    }

    /// A duration of whole `minutes`.
    public static func minutes(_ minutes: Int) -> ACDDuration {
        ACDDuration(milliseconds: Int64(minutes) * 60_000)
    }

    /// A duration of whole `hours`.
    public static func hours(_ hours: Int) -> ACDDuration {
        ACDDuration(milliseconds: Int64(hours) * 3_600_000)
    }

    /// The duration in seconds, as a floating-point number.
    public var seconds: Double {
        Double(milliseconds) / 1000
    }

    public static func < (lhs: ACDDuration, rhs: ACDDuration) -> Bool {
        lhs.milliseconds < rhs.milliseconds
    }

    public static func + (lhs: ACDDuration, rhs: ACDDuration) -> ACDDuration {
        ACDDuration(milliseconds: lhs.milliseconds &+ rhs.milliseconds)
    }

    public static func - (lhs: ACDDuration, rhs: ACDDuration) -> ACDDuration {
        ACDDuration(milliseconds: lhs.milliseconds &- rhs.milliseconds)
    }

    public static func * (lhs: ACDDuration, rhs: Int) -> ACDDuration {
        ACDDuration(milliseconds: lhs.milliseconds &* Int64(rhs))
    }

    /// A readable length: `850ms`, `94s`, `12m05s`, `2h00m`.
    public var description: String {
        let ms = milliseconds
        if ms < 0 { return "-" + ACDDuration(milliseconds: -ms).description }
        if ms < 1000 { return "\(ms)ms" }
        let totalSeconds = ms / 1000
        if totalSeconds < 60 {
            let tenths = (ms % 1000) / 100
            return tenths == 0 ? "\(totalSeconds)s" : "\(totalSeconds).\(tenths)s"
        }
        let minutes = totalSeconds / 60
        let seconds = totalSeconds % 60
        if minutes < 60 { return "\(minutes)m" + (seconds < 10 ? "0" : "") + "\(seconds)s" }
        let remainder = minutes % 60
        return "\(minutes / 60)h" + (remainder < 10 ? "0" : "") + "\(remainder)m"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let seconds = try container.decode(Double.self)
        guard seconds.isFinite, abs(seconds) < 1e12 else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "a duration must be a finite number of seconds")
        }
        self.milliseconds = Int64((seconds * 1000).rounded())
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if milliseconds % 1000 == 0 {
            try container.encode(milliseconds / 1000)
        } else {
            try container.encode(Double(milliseconds) / 1000)
        }
    }
}
