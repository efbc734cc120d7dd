// The day folder of recordings (`yyyy-MM-dd` in China time), formatted once a day rather
// than once a call: an ISO 8601 formatter costs more to build than the rest of a call's
// recording setup.

import Foundation
import Synchronization

/// Names the day a recording starts on, in the platform's time zone (Asia/Shanghai).
enum RecordingDay {
    private static let zone = TimeZone(identifier: "Asia/Shanghai") ?? .current
    private static let last = Mutex<(day: Int64, text: String)?>(nil)

    /// `yyyy-MM-dd` of `date` in China time.
    static func folderName(for date: Date) -> String {
        let local = date.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: date))
        let day = Int64((local / 86_400).rounded(.down))
        if let cached = last.withLock({ $0 }), cached.day == day { return cached.text }
        let text = ISO8601DateFormatter.string(from: date, timeZone: zone, formatOptions: [.withFullDate])
        last.withLock { $0 = (day, text) }
        return text
    }
}
