// Turns an instant into the tenant's wall-clock time.
//
// Decision: the IVR takes the instant as a value (it never reads the clock) and converts it
// itself, so every caller agrees on what "20:00 on a Saturday" means. A fixed UTC offset
// (China has one: +08:00) is pure arithmetic; an IANA zone name (`Europe/London`, for
// tenants abroad with daylight saving) asks Foundation's `TimeZone`, which is pure
// computation over the zone rules for a given instant.

import Foundation

/// A tenant's time zone: a fixed offset (`+08:00`) or an IANA name (`Asia/Shanghai`).
/// Encodes as that string.
public struct TenantTimeZone: Hashable, Codable, Sendable, CustomStringConvertible {
    private enum Storage: Hashable, Sendable {
        case fixed(seconds: Int)
        case named(TimeZone)
    }

    private let storage: Storage

    /// China Standard Time, UTC+8, the default for tenants.
    public static let china = TenantTimeZone(offsetSeconds: 8 * 3600)
    /// UTC.
    public static let utc = TenantTimeZone(offsetSeconds: 0)

    /// A fixed offset east of UTC, in seconds (-14 h ... +14 h).
    public init(offsetSeconds: Int) {
        precondition(abs(offsetSeconds) <= 14 * 3600, "UTC offset out of range")
        storage = .fixed(seconds: offsetSeconds)
    }

    /// Parses `+08:00`, `-05:30`, `UTC`, `UTC+8` or an IANA name; nil when unknown.
    public init?(_ text: String) {
        if text == "UTC" || text == "Z" { storage = .fixed(seconds: 0); return }
        var rest = Substring(text)
        if rest.hasPrefix("UTC") { rest = rest.dropFirst(3) }
        if let sign = rest.first, sign == "+" || sign == "-" {
            let parts = rest.dropFirst().split(separator: ":", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), let h = Int(parts[0]), (0...14).contains(h),
                  parts.count == 1 || (parts[1].count == 2 && Int(parts[1]).map { (0..<60).contains($0) } == true)
            else { return nil }
            let m = parts.count == 2 ? Int(parts[1])! : 0
            let seconds = (h * 3600 + m * 60) * (sign == "-" ? -1 : 1)
            guard abs(seconds) <= 14 * 3600 else { return nil }
            storage = .fixed(seconds: seconds)
            return
        }
        guard let zone = TimeZone(identifier: text) else { return nil }
        storage = .named(zone)
    }

    /// Seconds east of UTC in force at `instant`.
    public func offsetSeconds(at instant: UnixTime) -> Int {
        switch storage {
        case .fixed(let seconds): return seconds
        case .named(let zone): return zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant.secondsSince1970)))
        }
    }

    /// The tenant's wall-clock date and time at `instant`.
    public func localDateTime(at instant: UnixTime) -> LocalDateTime {
        let local = instant.secondsSince1970 + Int64(offsetSeconds(at: instant))
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        return LocalDateTime(date: CivilDate(daysSince1970: Int(days)), secondsOfDay: Int(local - days * 86_400))
    }

    /// The instant at which the tenant's clock shows `local` (for "what if" questions).
    /// In a daylight-saving gap or overlap the result is one of the nearby instants.
    public func instant(for local: LocalDateTime) -> UnixTime {
        let asUTC = Int64(local.date.daysSince1970) * 86_400 + Int64(local.secondsOfDay)
        let guess = UnixTime(secondsSince1970: asUTC - Int64(offsetSeconds(at: UnixTime(secondsSince1970: asUTC))))
        return UnixTime(secondsSince1970: asUTC - Int64(offsetSeconds(at: guess)))
    }

    public var description: String {
        switch storage {
        case .named(let zone): return zone.identifier
        case .fixed(let seconds):
            let sign = seconds < 0 ? "-" : "+"
            let h = abs(seconds) / 3600, m = abs(seconds) / 60 % 60
            return "\(sign)\(h < 10 ? "0" : "")\(h):\(m < 10 ? "0" : "")\(m)"
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let zone = TenantTimeZone(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a time zone (use +08:00 or an IANA name such as Asia/Shanghai)")
        }
        self = zone
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
