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
            let parties = try await ThreeParties.open(engine, group: group)
            defer { Task { await parties.close() } }
            let (caller, agent, callerPeer, agentPeer) = (parties.caller, parties.agent, parties.callerPeer, parties.agentPeer)
            let mix = try await engine.supervise(caller: caller, agent: agent, supervisor: parties.supervisor, mode: .listen)
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
            await parties.release()
        }
    }

    @Test("supervisor mixes across event loops end and start again while all three parties stream, without losing the call")
    func endWhileStreaming() async throws {
        try await withEngine { engine in
            let parties = try await ThreeParties.open(engine, group: group)
            defer { Task { await parties.close() } }
            let (caller, agent, supervisor, peers) = (parties.caller, parties.agent, parties.supervisor, parties.peers)
            let stop = StopFlag()
            defer { stop.set() }
            let streams = parties.streamTones([900, 900, 900], stop: stop)
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
            await parties.release()
        }
    }
}
