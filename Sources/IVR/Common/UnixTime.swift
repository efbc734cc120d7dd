// An instant on the wall clock, passed in by whoever owns a clock: the IVR never reads one.

/// An instant as whole seconds since 1970-01-01T00:00:00Z.
///
/// The call path builds it from the time the INVITE arrived; tests and the dry run pick it.
public struct UnixTime: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// Seconds since the Unix epoch (UTC).
    public var secondsSince1970: Int64

    /// Creates an instant from seconds since the Unix epoch.
    public init(secondsSince1970: Int64) { self.secondsSince1970 = secondsSince1970 }

    /// The instant `seconds` later (earlier when negative).
    public func adding(seconds: Int64) -> UnixTime { UnixTime(secondsSince1970: secondsSince1970 + seconds) }

    public static func < (lhs: UnixTime, rhs: UnixTime) -> Bool { lhs.secondsSince1970 < rhs.secondsSince1970 }

    public init(from decoder: any Decoder) throws {
        secondsSince1970 = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(secondsSince1970)
    }

    public var description: String { "@\(secondsSince1970)" }
}
