// Where recordings are written under the data directory, and the relative paths the store
// keeps for them. A folder is created at most once a minute (so one removed by hand comes
// back), and the data directory's own path is worked out once: per call, `createDirectory`
// with intermediates and `standardizingPath` (which resolves symbolic links) cost several
// system calls each.

import Foundation
import Synchronization

/// The recording folders of one call center.
final class RecordingFolders: Sendable {
    /// The data directory as given, with one trailing slash.
    private let base: String
    /// The data directory with `..`, `.` and symbolic links resolved, with one trailing slash.
    private let resolvedBase: String
    /// Folders created, with when.
    private let created = Mutex<[String: ContinuousClock.Instant]>([:])

    init(dataDirectory: String) {
        base = dataDirectory.hasSuffix("/") ? dataDirectory : dataDirectory + "/"
        resolvedBase = (dataDirectory as NSString).standardizingPath + "/"
    }

    /// `<data>/recordings/<tenant>/<kind>/<name>`, its folder created if missing.
    func path(tenantCode: String, kind: String, name: String) -> String {
        let folder = base + "recordings/\(tenantCode)/\(kind)"
        let now = ContinuousClock.now
        let fresh = created.withLock { $0[folder].map { now - $0 < .seconds(60) } ?? false }
        if !fresh {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            created.withLock { folders in
                if folders.count > 10_000 { folders.removeAll() }
                folders[folder] = now
            }
        }
        return folder + "/" + name
    }

    /// `path` relative to the data directory, as the store keeps file references; a path
    /// outside it stays as it is.
    func relative(_ path: String) -> String {
        if path.hasPrefix(base) { return String(path.dropFirst(base.count)) }
        let full = (path as NSString).standardizingPath
        return full.hasPrefix(resolvedBase) ? String(full.dropFirst(resolvedBase.count)) : full
    }
}
