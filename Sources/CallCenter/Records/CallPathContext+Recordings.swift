// Where call recordings go and how a finished one becomes the CDR's recording row: shared by
// customer calls, click-to-dial calls and extension calls.

import Foundation
import Media

extension CallPathContext {
    /// A new recording file of `callID`: `recordings/<tenant>/<kind>/<yyyy-MM-dd>/<call>-<time>.wav`
    /// below the data directory (the folders are made).
    func recordingPath(tenant: TenantRuntime, kind: String, callID: String) -> String {
        let now = Date()
        return recordingFolders.path(
            tenantCode: tenant.record.code, kind: "\(kind)/\(RecordingDay.folderName(for: now))",
            name: "\(CustomerCall.safeName(callID))-\(Int(now.timeIntervalSince1970)).wav")
    }

    /// `path` relative to the data directory, as the store keeps file references.
    func relativeToData(_ path: String) -> String {
        recordingFolders.relative(path)
    }

    /// Stops `recording` and describes its file for the CDR (nil when nothing was written).
    func finish(_ recording: MediaRecording, startedAt: Date) async -> CallSummary.RecordingFile? {
        guard let result = try? await recording.stop() else { return nil }
        return (relativeToData(result.path), result.durationMilliseconds, result.fileBytes, startedAt)
    }
}
