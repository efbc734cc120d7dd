// A caller, an agent and a supervisor on loopback for the mixing tests: a test peer and an
// engine leg each, and their tones streamed at the legs.

import NIOCore
import NIOPosix
@testable import Media

/// Three parties of a supervised call. The agent's leg is on the caller's event loop, the
/// supervisor's on whichever loop the engine picks, so mixes cross event loops.
struct ThreeParties {
    let callerPeer: TestRTPPeer
    let agentPeer: TestRTPPeer
    let supervisorPeer: TestRTPPeer
    let caller: MediaLeg
    let agent: MediaLeg
    let supervisor: MediaLeg

    /// The peers, in the order caller, agent, supervisor.
    var peers: [TestRTPPeer] { [callerPeer, agentPeer, supervisorPeer] }
    /// The legs, in the order caller, agent, supervisor.
    var legs: [MediaLeg] { [caller, agent, supervisor] }

    /// Opens the three peers and their legs on `engine`.
    static func open(_ engine: MediaEngine, group: any EventLoopGroup) async throws -> ThreeParties {
        let callerPeer = try await TestRTPPeer.make(group: group)
        let agentPeer = try await TestRTPPeer.make(group: group)
        let supervisorPeer = try await TestRTPPeer.make(group: group)
        let caller = try await engine.openLeg(LegOptions(remote: callerPeer.remote))
        let agent = try await engine.openLeg(LegOptions(remote: agentPeer.remote), near: caller)
        let supervisor = try await engine.openLeg(LegOptions(remote: supervisorPeer.remote))
        return ThreeParties(callerPeer: callerPeer, agentPeer: agentPeer, supervisorPeer: supervisorPeer, caller: caller, agent: agent, supervisor: supervisor)
    }

    /// Each peer streams a tone (caller, agent, supervisor) at its leg for up to 30 s, until
    /// `stop` is set.
    func streamTones(_ frequencies: [Double], stop: StopFlag) -> Task<Void, any Error> {
        let pairs = Array(zip(peers, legs))
        return Task {
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                for ((peer, leg), frequency) in zip(pairs, frequencies) {
                    let target = try SocketAddress(ipAddress: "127.0.0.1", port: leg.localPort)
                    tasks.addTask { try await peer.stream(Signal.tone(frequency, milliseconds: 30_000), law: .aLaw, payloadType: 8, to: target, stop: stop) }
                }
                try await tasks.waitForAll()
            }
        }
    }

    /// Releases the legs.
    func release() async {
        for leg in legs { await leg.release() }
    }

    /// Closes the peers.
    func close() async {
        for peer in peers { await peer.close() }
    }
}
