// Helpers shared by the IVR tests: dates, instants in China time, repository files.
import Foundation
import IVR

enum Fixture {
    /// The instant of a local date and time in China (UTC+8).
    static func china(_ date: String, _ hour: Int, _ minute: Int = 0) -> UnixTime {
        TenantTimeZone.china.instant(for: LocalDateTime(date: CivilDate(date)!, hour: hour, minute: minute)!)
    }

    /// A local date-time from `YYYY-MM-DD` and a time.
    static func local(_ date: String, _ hour: Int, _ minute: Int = 0) -> LocalDateTime {
        LocalDateTime(date: CivilDate(date)!, hour: hour, minute: minute)!
    }

    /// The repository root, found from this file's path.
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The text of a file in the repository.
    static func repositoryFile(_ path: String) throws -> Data {
        try Data(contentsOf: repositoryRoot.appendingPathComponent(path))
    }

    /// China's 2025 holiday calendar (国务院办公厅 notice), with make-up working days.
    static let china2025: HolidayCalendar = {
        let json = """
        {"name": "CN 2025",
         "holidays": [
           {"name": "元旦", "date": "2025-01-01"},
           {"name": "春节", "from": "2025-01-28", "through": "2025-02-04"},
           {"name": "清明节", "from": "2025-04-04", "through": "2025-04-06"},
           {"name": "劳动节", "from": "2025-05-01", "through": "2025-05-05"},
           {"name": "端午节", "from": "2025-05-31", "through": "2025-06-02"},
           {"name": "国庆节", "from": "2025-10-01", "through": "2025-10-08"}],
         "makeUpWorkdays": ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]}
        """
        return try! JSONDecoder().decode(HolidayCalendar.self, from: Data(json.utf8))
    }()

    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }
}
