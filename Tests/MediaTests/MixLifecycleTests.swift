// A mix that ends while its participants' audio is still on the way: a supervisor leaving a
// call, a conference closing. What was already queued for the mix must be dropped, and the
// process (every tenant's calls) must go on.

import Foundation
import NIOCore
import NIOPosix
import Testing
@testable import Media

@Suite struct MixLifecycleTests {
    let group = MultiThreadedEventLoopGroup.singleton

    @Test("audio and a role change that reach a mix after it ended are dropped, and the legs bridge afterwards")
    func lateArrivalsAfterEnd() async throws {
        try await withEngine { engine in
            let callerPeer = try await TestRTPPeer.make(group: group)
            let agentPeer = try await TestRTPPeer.make(group: group)
            let supervisorPeer = try await TestRTPPeer.make(group: group)
            defer { Task { await callerPeer.close(); await agentPeer.close(); await supervisorPeer.close() } }
            let caller = try await engine.openLeg(LegOptions(remote: callerPeer.remote))
            let agent = try await engine.openLeg(LegOptions(remote: agentPeer.remote), near: caller)
            let supervisor = try await engine.openLeg(LegOptions(remote: supervisorPeer.remote))
            let mix = try await engine.supervise(caller: caller, agent: agent, supervisor: supervisor, mode: .listen)
            await mix.end()

            // What a participant's loop hands the mix after the end: a packet's audio, a tap's end.
            let core = mix.core
            let frame = [Int16](repeating: 1000, count: 160)
            try await core.eventLoop.submit {
                frame.withUnsafeBufferPointer { core.tapReceived(0, ssrc: 1, timestamp: 160, samples: $0) }
                core.tapEnded(2)
            }.get()
            try await mix.setSupervisorMode(.barge)

            let bridge = try await engine.bridge(caller, agent)
            agentPeer.clear()
            let stop = StopFlag()
            defer { stop.set() }
            let target = try SocketAddress(ipAddress: "127.0.0.1", port: caller.localPort)
            let stream = Task { try await callerPeer.stream(Signal.tone(700, milliseconds: 5_000), law: .aLaw, payloadType: 8, to: target, stop: stop) }
            #expect(try await agentPeer.waitUntil { $0.count >= 25 }, "after the mix ended, the bridged agent hears the caller")
            #expect(Signal.share(of: 700, in: agentPeer.packets.samples(.aLaw)) > 0.5, "what the agent hears is the caller's tone")
            stop.set()
            try await stream.value
            await bridge.unbridge()
            for leg in [caller, agent, supervisor] { await leg.release() }
        }
    }

    @Test("supervisor mixes across event loops end and start again while all three parties stream, without losing the call")
    func endWhileStreaming() async throws {
        try await withEngine { engine in
            let peers = [try await TestRTPPeer.make(group: group), try await TestRTPPeer.make(group: group), try await TestRTPPeer.make(group: group)]
            defer { Task { for peer in peers { await peer.close() } } }
            let caller = try await engine.openLeg(LegOptions(remote: peers[0].remote))
            let agent = try await engine.openLeg(LegOptions(remote: peers[1].remote), near: caller)
            let supervisor = try await engine.openLeg(LegOptions(remote: peers[2].remote))
            let stop = StopFlag()
            defer { stop.set() }
            let streams = Task {
                try await withThrowingTaskGroup(of: Void.self) { tasks in
                    for (peer, leg) in zip(peers, [caller, agent, supervisor]) {
                        let target = try SocketAddress(ipAddress: "127.0.0.1", port: leg.localPort)
                        tasks.addTask { try await peer.stream(Signal.tone(900, milliseconds: 30_000), law: .aLaw, payloadType: 8, to: target, stop: stop) }
                    }
                    try await tasks.waitForAll()
                }
            }
            for round in 0..<25 {
                let mix = try await engine.supervise(caller: caller, agent: agent, supervisor: supervisor, mode: round % 2 == 0 ? .listen : .barge)
                try await Task.sleep(for: .milliseconds(round % 5 * 10))
                await mix.end()
                try await mix.setSupervisorMode(.whisper)
            }
            let last = try await engine.supervise(caller: caller, agent: agent, supervisor: supervisor, mode: .listen)
            peers[2].clear()
            #expect(try await peers[2].waitUntil { $0.count >= 25 }, "the supervisor still hears the call after 25 ended mixes")
            #expect(Signal.share(of: 900, in: peers[2].packets.samples(.aLaw)) > 0.5, "and hears the parties' tone")
            await last.end()
            stop.set()
            try await streams.value
            for leg in [caller, agent, supervisor] { await leg.release() }
        }
    }
}
