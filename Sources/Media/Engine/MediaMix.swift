// The call path's handle on a mix: a conference, or a supervisor listening, whispering or
// barging in on a caller and an agent.

import NIOCore
import Synchronization

/// A mix of three or more legs.
public final class MediaMix: Sendable {
    let core: MixCore
    private let members = Mutex<[MediaLeg]>([])

    init(core: MixCore) {
        self.core = core
    }

    /// The legs in the mix, in the order they were added.
    public var legs: [MediaLeg] { members.withLock { $0 } }

    /// Adds a leg with a role (a consulted party joining a conference, a supervisor).
    public func add(_ leg: MediaLeg, role: MixRole = .speaker) async {
        members.withLock { $0.append(leg) }
        let core = self.core
        let legCore = leg.core
        _ = try? await core.eventLoop.submit { core.add(legCore, role: role) }.get()
    }

    /// Removes a leg from the mix; it hears and sends nothing until bridged or played to.
    public func remove(_ leg: MediaLeg) async {
        let core = self.core
        let legCore = leg.core
        _ = try? await core.eventLoop.submit { core.remove(legCore) }.get()
    }

    /// Sets every participant's role, in the order the legs were added.
    public func setRoles(_ roles: [MixRole]) async throws(MediaError) {
        guard roles.count == legs.count else {
            throw .invalidParticipants("\(roles.count) roles for \(legs.count) legs")
        }
        let core = self.core
        _ = try? await core.eventLoop.submit { core.setRoles(roles) }.get()
    }

    /// For a mix made by `MediaEngine.supervise`: switches between listen, whisper and barge.
    public func setSupervisorMode(_ mode: SupervisorMode) async throws(MediaError) {
        try await setRoles(Self.roles(for: mode))
    }

    static func roles(for mode: SupervisorMode) -> [MixRole] {
        switch mode {
        case .listen: [.speaker, .speaker, .listener]
        case .whisper: [.speaker, .speaker, .whisperer(target: 1)]
        case .barge: [.speaker, .speaker, .speaker]
        }
    }

    /// Ends the mix; the legs fall silent until bridged or played to.
    public func end() async {
        let core = self.core
        _ = try? await core.eventLoop.submit { core.end() }.get()
    }
}

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
