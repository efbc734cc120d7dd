// Bridging, hold and mixing on loopback: two or three test peers stream G.711 at Kefu legs
// and the tests listen to what each peer receives and to the recording.

import Foundation
import NIOCore
import NIOPosix
import Testing
@testable import Media

@Suite struct MediaBridgeTests {
    let group = MultiThreadedEventLoopGroup.singleton

    @Test("a bridge relays every packet both ways with payload intact, and the stereo recording holds each side on its channel at full length")
    func bridgeAndRecording() async throws {
        try await withEngine { engine in
            let caller = try await TestRTPPeer.make(group: group)
            let agent = try await TestRTPPeer.make(group: group)
            defer { Task { await caller.close(); await agent.close() } }
            let a = try await engine.openLeg(LegOptions(remote: caller.remote))
            let b = try await engine.openLeg(LegOptions(remote: agent.remote), near: a)
            let directory = Fixtures.temporaryDirectory("bridge")
            defer { Fixtures.remove(directory) }
            let path = directory + "/call.wav"
            let started = ContinuousClock.now
            let recording = try await engine.startRecording(.stereo(caller: a, agent: b), to: path)
            _ = try await engine.bridge(a, b)
            let callerSpeech = Array(try Fixtures.clip("speech-en.wav").samples.prefix(150 * 160))
            let agentSpeech = Array(try Fixtures.clip("speech-zh.wav").samples.dropFirst(8000).prefix(150 * 160))
            async let fromCaller: Void = caller.stream(callerSpeech, law: .aLaw, payloadType: 8, to: SocketAddress(ipAddress: "127.0.0.1", port: a.localPort))
            async let fromAgent: Void = agent.stream(agentSpeech, law: .aLaw, payloadType: 8, to: SocketAddress(ipAddress: "127.0.0.1", port: b.localPort), firstSequence: 60000, firstTimestamp: 4_000_000_000)
            _ = try await (fromCaller, fromAgent)
            #expect(try await agent.waitUntil { $0.count >= 150 })
            #expect(try await caller.waitUntil { $0.count >= 150 })
            // Let the recording run past the last packet's playout delay.
            _ = try await agent.waitUntil(timeoutMilliseconds: 200) { _ in false }
            let summary = try await recording.stop()
            let elapsed = (ContinuousClock.now - started).components
            let elapsedMilliseconds = Double(elapsed.seconds) * 1000 + Double(elapsed.attoseconds) / 1e15

            for (peer, sent) in [(agent, callerSpeech), (caller, agentSpeech)] {
                let packets = peer.packets
                #expect(packets.count == 150)
                let expected = (0..<150).map { G711.encode(.aLaw, Array(sent[$0 * 160..<($0 + 1) * 160])) }
                #expect(packets.map(\.payload) == expected)
                #expect(Set(packets.map(\.header.ssrc)).count == 1)
                let sequences = packets.map(\.header.sequenceNumber)
                #expect(zip(sequences, sequences.dropFirst()).allSatisfy { $1 == $0 &+ 1 })
            }

            for leg in [a, b] {
                let statistics = try #require(await leg.statistics())
                #expect(statistics.packetsReceived == 150 && statistics.packetsSent == 150)
                #expect(statistics.packetsLost == 0 && statistics.packetsDropped == 0)
                #expect(statistics.bytesReceived == 150 * 160)
            }

            let file = try WAVReader.read(path: path)
            #expect(file.format == .telephonyStereo)
            #expect(file.frameCount == summary.frames * 160)
            let onDisk = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
            #expect(summary.fileBytes == onDisk)
            // The recording lasts as long as the call was recorded (within the stop latency).
            let ratio = Double(summary.durationMilliseconds) / elapsedMilliseconds
            #expect(ratio > 0.9 && ratio <= 1.02)
            #expect(matchingFrames(of: G711.decode(.aLaw, G711.encode(.aLaw, callerSpeech)), in: file.channel(0)) >= 140)
            #expect(matchingFrames(of: G711.decode(.aLaw, G711.encode(.aLaw, agentSpeech)), in: file.channel(1)) >= 140)
            await a.release()
            await b.release()
        }
    }

    @Test("the recording keeps time through lost packets and a second without packets: each gap is silence of its length")
    func recordingThroughLossAndSilence() async throws {
        try await withEngine { engine in
            let caller = try await TestRTPPeer.make(group: group)
            let agent = try await TestRTPPeer.make(group: group)
            defer { Task { await caller.close(); await agent.close() } }
            let a = try await engine.openLeg(LegOptions(remote: caller.remote))
            let b = try await engine.openLeg(LegOptions(remote: agent.remote), near: a)
            let directory = Fixtures.temporaryDirectory("gaps")
            defer { Fixtures.remove(directory) }
            let path = directory + "/gaps.wav"
            let recording = try await engine.startRecording(.stereo(caller: a, agent: b), to: path)
            _ = try await engine.bridge(a, b)
            // 150 frames of tone; frames 10-12 are lost, frames 50-99 are never sent (a second
            // of silence suppression or hold), the timestamps run on as a real phone's do.
            let lost: Set<Int> = [10, 11, 12]
            let silent = Set(50..<100)
            try await caller.stream(Signal.tone(800, milliseconds: 3000), law: .aLaw, payloadType: 8, to: SocketAddress(ipAddress: "127.0.0.1", port: a.localPort), skip: lost.union(silent))
            _ = try await caller.waitUntil(timeoutMilliseconds: 200) { _ in false }
            _ = try await recording.stop()
            let left = try WAVReader.read(path: path).channel(0)
            let loud = stride(from: 0, to: left.count - 159, by: 160).map { Signal.level(Array(left[$0..<$0 + 160])) > -30 }
            let first = try #require(loud.firstIndex(of: true))
            // Frame k of the stream lands at recording frame first + k (the jitter buffer places by
            // timestamp); a late packet on a loaded machine may be missing, never misplaced.
            var present = 0
            for k in 0..<150 where first + k < loud.count {
                if lost.contains(k) || silent.contains(k) {
                    #expect(!loud[first + k], "frame \(k) should be silent")
                } else if loud[first + k] {
                    present += 1
                }
            }
            #expect(present >= 90)
            #expect(loud.count >= first + 150)
            await a.release()
            await b.release()
        }
    }

    @Test("a PCMA caller bridged to a PCMU agent is transcoded: the agent hears the caller's audio")
    func transcodingBridge() async throws {
        try await withEngine { engine in
            let caller = try await TestRTPPeer.make(group: group)
            let agent = try await TestRTPPeer.make(group: group)
            defer { Task { await caller.close(); await agent.close() } }
            let a = try await engine.openLeg(LegOptions(remote: caller.remote, payloads: RTPPayloadMap(audio: .pcma)))
            let b = try await engine.openLeg(LegOptions(remote: agent.remote, payloads: RTPPayloadMap(audio: .pcmu)), near: a)
            _ = try await engine.bridge(a, b)
            let speech = Array(try Fixtures.clip("speech-en.wav").samples.prefix(50 * 160))
            try await caller.stream(speech, law: .aLaw, payloadType: 8, to: SocketAddress(ipAddress: "127.0.0.1", port: a.localPort))
            #expect(try await agent.waitUntil { $0.count >= 50 })
            #expect(agent.packets.allSatisfy { $0.header.payloadType == 0 })
            let heard = agent.packets.samples(.muLaw)
            let noise = zip(speech, heard).map { Int16(clamping: Int($0) - Int($1)) }
            #expect(Signal.level(speech) - Signal.level(noise) > 25)
            await a.release()
            await b.release()
        }
    }

    @Test("hold stops both directions and plays music to the held caller; unhold resumes relaying on the same continuous stream")
    func holdAndUnhold() async throws {
        try await withEngine { engine in
            let caller = try await TestRTPPeer.make(group: group)
            let agent = try await TestRTPPeer.make(group: group)
            defer { Task { await caller.close(); await agent.close() } }
            let a = try await engine.openLeg(LegOptions(remote: caller.remote))
            let b = try await engine.openLeg(LegOptions(remote: agent.remote), near: a)
            let bridge = try await engine.bridge(a, b)
            let stop = StopFlag()
            let callerTone = Signal.tone(500, milliseconds: 20_000)
            let agentTone = Signal.tone(1000, milliseconds: 20_000)
            let streams = Task {
                async let x: Void = caller.stream(callerTone, law: .aLaw, payloadType: 8, to: SocketAddress(ipAddress: "127.0.0.1", port: a.localPort), stop: stop)
                async let y: Void = agent.stream(agentTone, law: .aLaw, payloadType: 8, to: SocketAddress(ipAddress: "127.0.0.1", port: b.localPort), stop: stop)
                _ = try await (x, y)
            }
            defer { stop.set() }
            #expect(try await caller.waitUntil { $0.count >= 25 })
            #expect(Signal.share(of: 1000, in: caller.packets.suffix(10).samples(.aLaw)) > 0.9)

            try await bridge.hold(a, music: .clip(AudioClip(samples: Signal.tone(1500, milliseconds: 400))))
            let callerAtHold = caller.packets.count
            let agentAtHold = agent.packets.count
            #expect(try await caller.waitUntil { $0.count >= callerAtHold + 40 })
            let heldAudio = Array(caller.packets[(callerAtHold + 5)...]).samples(.aLaw)
            #expect(Signal.share(of: 1500, in: heldAudio) > 0.9)
            #expect(Signal.share(of: 1000, in: heldAudio) < 0.01)
            #expect(agent.packets.count <= agentAtHold + 3)

            await bridge.unhold()
            let callerAtUnhold = caller.packets.count
            #expect(try await caller.waitUntil { $0.count >= callerAtUnhold + 30 })
            #expect(try await agent.waitUntil { $0.count >= agentAtHold + 20 })
            #expect(Signal.share(of: 1000, in: caller.packets.suffix(10).samples(.aLaw)) > 0.9)
            #expect(Signal.share(of: 500, in: agent.packets.suffix(10).samples(.aLaw)) > 0.9)
            stop.set()
            try await streams.value

            // What the caller received across relay, music and relay again is one stream.
            let packets = caller.packets
            #expect(Set(packets.map(\.header.ssrc)).count == 1)
            let sequences = packets.map(\.header.sequenceNumber)
            #expect(zip(sequences, sequences.dropFirst()).allSatisfy { $1 == $0 &+ 1 })
            let timestamps = packets.map(\.header.timestamp)
            #expect(zip(timestamps, timestamps.dropFirst()).allSatisfy { Int32(bitPattern: $1 &- $0) > 0 })
            await a.release()
            await b.release()
        }
    }

    @Test("supervisor listen, whisper and barge, and a three-party conference, each deliver the right voices to each party")
    func mixModes() async throws {
        try await withEngine { engine in
            // The supervisor's leg on whatever loop: mixing across event loops must work too.
            let parties = try await ThreeParties.open(engine, group: group)
            defer { Task { await parties.close() } }
            let (caller, agent, supervisor) = (parties.caller, parties.agent, parties.supervisor)
            let stop = StopFlag()
            let voices = parties.peers
            let streams = parties.streamTones([500, 1000, 1500], stop: stop)
            defer { stop.set() }
            let mix = try await engine.supervise(caller: caller, agent: agent, supervisor: supervisor, mode: .listen)

            /// What each party hears now: the share of each voice's frequency.
            func heard() async throws -> [[Double]] {
                for peer in voices { peer.clear() }
                for peer in voices { #expect(try await peer.waitUntil { $0.count >= 10 }) }
                for peer in voices { peer.clear() }
                for peer in voices { #expect(try await peer.waitUntil { $0.count >= 25 }) }
                return voices.map { peer in
                    let samples = peer.packets.samples(.aLaw)
                    return [500.0, 1000, 1500].map { Signal.share(of: $0, in: samples) }
                }
            }
            func check(_ shares: [[Double]], expected: [[Bool]], _ mode: String) {
                for party in 0..<3 {
                    for voice in 0..<3 {
                        if expected[party][voice] {
                            #expect(shares[party][voice] > 0.2, "\(mode): party \(party) should hear voice \(voice)")
                        } else {
                            #expect(shares[party][voice] < 0.02, "\(mode): party \(party) should not hear voice \(voice)")
                        }
                    }
                }
            }
            check(try await heard(), expected: [[false, true, false], [true, false, false], [true, true, false]], "listen")
            try await mix.setSupervisorMode(.whisper)
            check(try await heard(), expected: [[false, true, false], [true, false, true], [true, true, false]], "whisper")
            try await mix.setSupervisorMode(.barge)
            check(try await heard(), expected: [[false, true, true], [true, false, true], [true, true, false]], "barge")
            await mix.end()

            // The same three as a conference, recorded: caller on the left, the others on the right.
            let directory = Fixtures.temporaryDirectory("conference")
            defer { Fixtures.remove(directory) }
            let path = directory + "/conference.wav"
            let conference = try await engine.mix([caller, agent, supervisor])
            let recording = try await engine.startRecording(.conference(caller: caller, others: [agent, supervisor]), to: path)
            check(try await heard(), expected: [[false, true, true], [true, false, true], [true, true, false]], "conference")
            let summary = try await recording.stop()
            await conference.end()
            stop.set()
            try await streams.value
            let file = try WAVReader.read(path: path)
            #expect(summary.frames > 25)
            let left = Array(file.channel(0).suffix(4000))
            let right = Array(file.channel(1).suffix(4000))
            #expect(Signal.share(of: 500, in: left) > 0.9)
            #expect(Signal.share(of: 1000, in: right) > 0.3 && Signal.share(of: 1500, in: right) > 0.3)
            #expect(Signal.share(of: 500, in: right) < 0.01)
            await parties.release()
        }
    }
}

/// How many of `expected`'s 160-sample frames appear in `channel` at one common offset.
func matchingFrames(of expected: [Int16], in channel: [Int16]) -> Int {
    let frames = expected.count / 160
    guard let firstLoud = (0..<frames).first(where: { Signal.level(Array(expected[$0 * 160..<($0 + 1) * 160])) > -50 }) else { return 0 }
    let probe = Array(expected[firstLoud * 160..<(firstLoud + 1) * 160])
    var best = 0
    for start in 0...(max(0, channel.count - 160)) where Array(channel[start..<start + 160]) == probe {
        let offset = start - firstLoud * 160
        var matches = 0
        for frame in 0..<frames {
            let begin = offset + frame * 160
            guard begin >= 0, begin + 160 <= channel.count else { continue }
            if Array(channel[begin..<begin + 160]) == Array(expected[frame * 160..<(frame + 1) * 160]) { matches += 1 }
        }
        best = max(best, matches)
    }
    return best
}

@Suite struct MediaBridgeControlTests {
    let group = MultiThreadedEventLoopGroup.singleton

    @Test("muting the agent silences the agent for the caller only; unmuting brings the agent back")
    func mute() async throws {
        try await withEngine { engine in
            let caller = try await TestRTPPeer.make(group: group)
            let agent = try await TestRTPPeer.make(group: group)
            defer { Task { await caller.close(); await agent.close() } }
            let a = try await engine.openLeg(LegOptions(remote: caller.remote))
            let b = try await engine.openLeg(LegOptions(remote: agent.remote), near: a)
            let bridge = try await engine.bridge(a, b)
            let stop = StopFlag()
            defer { stop.set() }
            let streams = Task {
                async let x: Void = caller.stream(Signal.tone(500, milliseconds: 20_000), law: .aLaw, payloadType: 8, to: SocketAddress(ipAddress: "127.0.0.1", port: a.localPort), stop: stop)
                async let y: Void = agent.stream(Signal.tone(1000, milliseconds: 20_000), law: .aLaw, payloadType: 8, to: SocketAddress(ipAddress: "127.0.0.1", port: b.localPort), stop: stop)
                _ = try await (x, y)
            }
            #expect(try await caller.waitUntil { $0.count >= 10 })
            try await bridge.mute(b, true)
            let callerAtMute = caller.packets.count
            let agentAtMute = agent.packets.count
            #expect(try await agent.waitUntil { $0.count >= agentAtMute + 25 })
            #expect(caller.packets.count <= callerAtMute + 3)
            try await bridge.mute(b, false)
            let callerAtUnmute = caller.packets.count
            #expect(try await caller.waitUntil { $0.count >= callerAtUnmute + 10 })
            #expect(Signal.share(of: 1000, in: caller.packets.suffix(5).samples(.aLaw)) > 0.9)
            stop.set()
            try await streams.value
            await a.release()
            await b.release()
        }
    }

    @Test("after a transfer the recording's agent channel follows the new agent, in one file")
    func recordingFollowsTransfer() async throws {
        try await withEngine { engine in
            let caller = try await TestRTPPeer.make(group: group)
            let first = try await TestRTPPeer.make(group: group)
            let second = try await TestRTPPeer.make(group: group)
            defer { Task { await caller.close(); await first.close(); await second.close() } }
            let a = try await engine.openLeg(LegOptions(remote: caller.remote))
            let b1 = try await engine.openLeg(LegOptions(remote: first.remote), near: a)
            let directory = Fixtures.temporaryDirectory("transfer")
            defer { Fixtures.remove(directory) }
            let path = directory + "/transfer.wav"
            let recording = try await engine.startRecording(.stereo(caller: a, agent: b1), to: path)
            let bridge = try await engine.bridge(a, b1)
            try await first.stream(Signal.tone(1000, milliseconds: 1000), law: .aLaw, payloadType: 8, to: SocketAddress(ipAddress: "127.0.0.1", port: b1.localPort))
            await bridge.unbridge()
            let b2 = try await engine.openLeg(LegOptions(remote: second.remote), near: a)
            _ = try await engine.bridge(a, b2)
            await recording.setChannel(1, to: [b2])
            await b1.release()
            try await second.stream(Signal.tone(1500, milliseconds: 1000), law: .aLaw, payloadType: 8, to: SocketAddress(ipAddress: "127.0.0.1", port: b2.localPort))
            _ = try await second.waitUntil(timeoutMilliseconds: 200) { _ in false }
            _ = try await recording.stop()
            let right = try WAVReader.read(path: path).channel(1)
            let frames = stride(from: 0, to: right.count - 159, by: 160).map { Array(right[$0..<$0 + 160]) }
            let firstAgent = frames.filter { Signal.share(of: 1000, in: $0) > 0.9 }.count
            let secondAgent = frames.filter { Signal.share(of: 1500, in: $0) > 0.9 }.count
            #expect(firstAgent >= 45 && secondAgent >= 45)
            #expect(frames.firstIndex { Signal.share(of: 1500, in: $0) > 0.9 }! > frames.lastIndex { Signal.share(of: 1000, in: $0) > 0.9 }!)
            await a.release()
            await b2.release()
        }
    }
}
