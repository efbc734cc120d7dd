// Recordings (录音): metadata of the WAV files the media engine writes.
import Foundation

/// A call's recording; the file lives under the data directory.
public struct Recording: Hashable, Sendable, Identifiable {
    /// The identifier the store gave it.
    public var id: RecordingID
    /// The platform call id the recording belongs to.
    public var callID: String
    /// Path of the file inside the data directory (`recordings/<tenant>/<yyyy-mm-dd>/<id>.wav`).
    public var path: String
    /// `wav` for now.
    public var format: String
    /// 2 when caller and agent are on separate channels.
    public var channels: Int
    public var sampleRate: Int
    public var durationMilliseconds: Int
    public var sizeBytes: Int
    public var startedAt: Date
    /// When the row was written (set by the store).
    public var createdAt: Date

    /// Creates a value from its parts (defaults as documented on each property).
    public init(
        id: RecordingID = .generate(), callID: String, path: String, format: String = "wav", channels: Int = 2,
        sampleRate: Int = 8_000, durationMilliseconds: Int, sizeBytes: Int, startedAt: Date,
        createdAt: Date = Date(timeIntervalSince1970: 0)
    ) {
        self.id = id
        self.callID = callID
        self.path = path
        self.format = format
        self.channels = channels
        self.sampleRate = sampleRate
        self.durationMilliseconds = durationMilliseconds
        self.sizeBytes = sizeBytes
        self.startedAt = startedAt
        self.createdAt = createdAt
    }
}
