// Where call recordings go and how a finished one becomes the CDR's recording row: shared by
// customer calls, click-to-dial calls and extension calls.

import Foundation
import Media

extension CallPathContext {
    /// A new recording file of `callID`: `recordings/<tenant>/<kind>/<yyyy-MM-dd>/<call>-<time>.wav`
    /// below the data directory (the folders are made).
    func recordingPath(tenant: TenantRuntime, kind: String, callID: String) -> String {
        let day = RecordingDay.folderName(for: Date())
        let folder = (settings.dataDirectory as NSString).appendingPathComponent("recordings/\(tenant.record.code)/\(kind)/\(day)")
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return (folder as NSString).appendingPathComponent("\(CustomerCall.safeName(callID))-\(Int(Date().timeIntervalSince1970)).wav")
    }

    /// `path` relative to the data directory, as the store keeps file references.
    func relativeToData(_ path: String) -> String {
        let base = (settings.dataDirectory as NSString).standardizingPath + "/"
        let full = (path as NSString).standardizingPath
        return full.hasPrefix(base) ? String(full.dropFirst(base.count)) : full
    }

    /// Stops `recording` and describes its file for the CDR (nil when nothing was written).
    func finish(_ recording: MediaRecording, startedAt: Date) async -> CallSummary.RecordingFile? {
        guard let result = try? await recording.stop() else { return nil }
        let size = (try? FileManager.default.attributesOfItem(atPath: result.path)[.size] as? Int) ?? 0
        return (relativeToData(result.path), result.durationMilliseconds, size, startedAt)
    }
}
