// The call path's handle on a recording, and which legs go into which channel.

import NIOCore

/// Which legs go into which channel of a recording.
public struct RecordingLayout: Sendable {
    /// For each channel, the legs whose received audio is summed into it.
    public var channels: [[MediaLeg]]

    /// Creates a layout.
    public init(channels: [[MediaLeg]]) {
        self.channels = channels
    }

    /// A two-party call: caller left, agent right.
    public static func stereo(caller: MediaLeg, agent: MediaLeg) -> RecordingLayout {
        RecordingLayout(channels: [[caller], [agent]])
    }

    /// A conference: the caller left, every other party right.
    public static func conference(caller: MediaLeg, others: [MediaLeg]) -> RecordingLayout {
        RecordingLayout(channels: [[caller], others])
    }

    /// Everyone in one channel.
    public static func mono(_ legs: [MediaLeg]) -> RecordingLayout {
        RecordingLayout(channels: [legs])
    }
}

/// A recording in progress.
public final class MediaRecording: Sendable {
    let core: RecorderCore
    /// The WAV file being written.
    public let path: String

    init(core: RecorderCore) {
        self.core = core
        self.path = core.path
    }

    /// Records `legs` on `channel` from now on instead of the legs there before (after a
    /// transfer, the new agent takes the agent's channel).
    public func setChannel(_ channel: Int, to legs: [MediaLeg]) async {
        let core = self.core
        let cores = legs.map(\.core)
        _ = try? await core.eventLoop.submit { core.setChannel(channel, to: cores) }.get()
    }

    /// Stops recording and closes the file.
    public func stop() async throws(MediaError) -> RecordingSummary {
        let core = self.core
        let promise = core.eventLoop.makePromise(of: RecordingSummary.self)
        core.eventLoop.execute { core.stop(promise: promise) }
        do {
            return try await promise.futureResult.get()
        } catch let error as MediaError {
            throw error
        } catch {
            throw .recordingFailed(path: path, reason: "\(error)")
        }
    }
}
