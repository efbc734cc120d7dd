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
