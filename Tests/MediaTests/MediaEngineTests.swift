// The engine on real UDP sockets on loopback, with test peers as the far ends: playback,
// digits both ways, RTP timeout, latching, recording crash safety and the port pool. Each test
// listens to what the peers received.
//
// Test plan (engine): prompt playback pacing and numbering, barge-in with type-ahead, RFC 4733
// and in-band digits in, RFC 4733 and in-band digits out, RTP timeout, symmetric latching,
// recording crash safety and a file that cannot be created, port exhaustion and return, ports
// held by another program (here); bridge payload integrity both ways, PCMA<->PCMU
// transcoding, stereo recording content and length, hold/unhold on one continuous stream,
// conference, listen, whisper, barge (MediaBridgeTests); service shutdown, RTCP answers,
// announcements over music on hold (MediaEngineServiceTests); RFC 4733 from SIPp's capture
// (SIPpDTMFTests). Not covered: RTCP with a real peer, IPv6.

import Foundation
import NIOCore
import NIOPosix
import Testing
@testable import Media

@Suite struct MediaEngineTests {
    let group = MultiThreadedEventLoopGroup.singleton

    @Test("a prompt plays as consecutive 20 ms packets of one stream that decode to the prompt")
    func playback() async throws {
        try await withEngine { engine in
            let peer = try await TestRTPPeer.make(group: group)
            defer { Task { await peer.close() } }
            let leg = try await engine.openLeg(LegOptions(remote: peer.remote, payloads: RTPPayloadMap(audio: .pcmu)))
            let clip = AudioClip(samples: Signal.tone(1000, milliseconds: 1000))
            let outcome = try await leg.play(.sequence([.clip(clip), .silence(milliseconds: 200)]))
            #expect(outcome == .finished)
            #expect(try await peer.waitUntil { $0.count >= 60 })
            let packets = peer.packets
            #expect(packets.count == 60)
            #expect(Set(packets.map(\.header.ssrc)).count == 1)
            #expect(packets.allSatisfy { $0.header.payloadType == 0 && $0.payload.count == 160 })
            for (previous, next) in zip(packets, packets.dropFirst()) {
                #expect(next.header.sequenceNumber == previous.header.sequenceNumber &+ 1)
                #expect(next.header.timestamp == previous.header.timestamp &+ 160)
            }
            #expect(packets.first?.header.marker == true)
            let audio = packets.samples(.muLaw)
            #expect(Signal.share(of: 1000, in: Array(audio[0..<8000])) > 0.95)
            #expect(Signal.level(Array(audio[8000...])) == -120)
            await leg.release()
        }
    }

    @Test("an A-law WAV file and a Mandarin TTS sentence play as prompts", arguments: ["file", "speech"])
    func fileAndSpeechPrompts(kind: String) async throws {
        try await withEngine { engine in
            let peer = try await TestRTPPeer.make(group: group)
            defer { Task { await peer.close() } }
            let leg = try await engine.openLeg(LegOptions(remote: peer.remote, payloads: RTPPayloadMap(audio: .pcma)))
            let prompt: Prompt = kind == "file" ? .file(path: Fixtures.path("speech-zh-alaw.wav")) : .speech(text: "请按一", voice: .mandarin)
            let expected = try await engine.resolve(prompt)
            guard case .clip(let clip) = expected else {
                Issue.record("a file or speech prompt resolves to one clip")
                return
            }
            #expect(try await leg.play(prompt) == .finished)
            let frames = (clip.samples.count + 159) / 160
            #expect(try await peer.waitUntil { $0.count >= frames })
            let heard = Array(peer.packets.samples(.aLaw).prefix(clip.samples.count))
            #expect(heard == G711.decode(.aLaw, G711.encode(.aLaw, clip.samples)))
            await leg.release()
        }
    }

    @Test("a digit stops a barge-in prompt, and it and the following digits are collected up to the terminator")
    func bargeInAndCollect() async throws {
        try await withEngine { engine in
            let peer = try await TestRTPPeer.make(group: group)
            defer { Task { await peer.close() } }
            let leg = try await engine.openLeg(LegOptions(remote: peer.remote))
            let digits = leg.digits()
            let playing = Task { try await leg.play(.loop(.clip(AudioClip(samples: Signal.tone(440, milliseconds: 500))), times: nil), bargeIn: true) }
            #expect(try await peer.waitUntil { $0.count >= 5 })
            let target = try SocketAddress(ipAddress: "127.0.0.1", port: leg.localPort)
            try await peer.sendEvent(.five, timestamp: 1000, firstSequence: 1, to: target)
            #expect(try await playing.value == .interrupted(by: .five))
            for (index, digit) in [DTMFDigit.one, .two, .pound].enumerated() {
                try await peer.sendEvent(digit, timestamp: UInt32(5000 + index * 2000), firstSequence: UInt16(20 + index * 10), to: target)
            }
            let result = await leg.collectDigits(DigitCollectionRequest(maxDigits: 6, terminators: [.pound]))
            #expect(result == DigitCollectionResult(digits: [.five, .one, .two], reason: .terminator(.pound)))
            var seen: [DTMFDigit] = []
            for await digit in digits {
                seen.append(digit.digit)
                #expect(digit.source == .rfc4733)
                if seen.count == 4 { break }
            }
            #expect(seen == [.five, .one, .two, .pound])
            await leg.release()
        }
    }

    @Test("digits collection times out with the digits so far")
    func collectTimeout() async throws {
        try await withEngine { engine in
            let leg = try await engine.openLeg(LegOptions())
            leg.receivedSIPInfoDigit(.seven)
            let result = await leg.collectDigits(DigitCollectionRequest(maxDigits: 4, firstDigitTimeoutMilliseconds: 300, interDigitTimeoutMilliseconds: 300))
            #expect(result == DigitCollectionResult(digits: [.seven], reason: .timeout))
            await leg.release()
        }
    }

    @Test("DTMF tones in the received audio are reported as digits when in-band detection is on")
    func inBandDigits() async throws {
        try await withEngine { engine in
            let peer = try await TestRTPPeer.make(group: group)
            defer { Task { await peer.close() } }
            let leg = try await engine.openLeg(LegOptions(remote: peer.remote, payloads: RTPPayloadMap(audio: .pcma, telephoneEvent: nil), detectsInBandDTMF: true))
            let digits = leg.digits()
            var audio = Signal.silence(milliseconds: 100)
            for digit in [DTMFDigit.one, .five, .nine, .pound] {
                audio += Signal.dtmf(digit, milliseconds: 120) + Signal.silence(milliseconds: 100)
            }
            let noisy = Signal.addNoise(audio, rms: 0.01, seed: 7)
            try await peer.stream(noisy, law: .aLaw, payloadType: 8, to: SocketAddress(ipAddress: "127.0.0.1", port: leg.localPort))
            var seen: [DTMFDigit] = []
            for await digit in digits {
                seen.append(digit.digit)
                #expect(digit.source == .inBand)
                if seen.count == 4 { break }
            }
            #expect(seen == [.one, .five, .nine, .pound])
            await leg.release()
        }
    }

    @Test("digits sent to a peer arrive as RFC 4733 events, or as tones when it has no telephone-event", arguments: [true, false])
    func sendDigits(events: Bool) async throws {
        try await withEngine { engine in
            let peer = try await TestRTPPeer.make(group: group)
            defer { Task { await peer.close() } }
            let payloads = RTPPayloadMap(audio: .pcma, telephoneEvent: events ? 101 : nil)
            let leg = try await engine.openLeg(LegOptions(remote: peer.remote, payloads: payloads))
            try await leg.sendDigits("42#")
            try await leg.sendDigits("7")
            if events {
                #expect(try await peer.waitUntil { $0.count >= 32 })
                var receiver = TelephoneEventReceiver()
                var digits: [DTMFDigit] = []
                for packet in peer.packets where packet.header.payloadType == 101 {
                    let event = try TelephoneEvent(parsing: ByteBuffer(bytes: packet.payload), at: 0, length: packet.payload.count)
                    digits += receiver.received(event, ssrc: packet.header.ssrc, timestamp: packet.header.timestamp, at: 0).map(\.digit)
                }
                #expect(digits == [.four, .two, .pound, .seven])
                let sequences = peer.packets.map(\.header.sequenceNumber)
                #expect(zip(sequences, sequences.dropFirst()).allSatisfy { $1 == $0 &+ 1 })
            } else {
                #expect(try await peer.waitUntil { $0.count >= 20 })
                var detector = DTMFDetector()
                let samples = peer.packets.samples(.aLaw) + Signal.silence(milliseconds: 100)
                #expect(detector.process(samples).map(\.digit) == [.four, .two, .pound, .seven])
            }
            await leg.release()
        }
    }

    @Test("a leg whose peer stops sending reports an RTP timeout, once")
    func rtpTimeout() async throws {
        try await withEngine { engine in
            let peer = try await TestRTPPeer.make(group: group)
            defer { Task { await peer.close() } }
            let leg = try await engine.openLeg(LegOptions(remote: peer.remote, rtpTimeoutMilliseconds: 1000))
            let events = leg.events()
            try await peer.stream(Signal.tone(700, milliseconds: 200), law: .aLaw, payloadType: 8, to: SocketAddress(ipAddress: "127.0.0.1", port: leg.localPort))
            let watchdog = Task {
                _ = try? await peer.waitUntil(timeoutMilliseconds: 8000) { _ in false }
                await leg.release()
            }
            var timeouts: [Int] = []
            var latched = false
            for await event in events {
                switch event {
                case .rtpTimeout(let milliseconds):
                    timeouts.append(milliseconds)
                    watchdog.cancel()
                    // Give a second chance to (wrongly) report again, then end.
                    _ = try? await peer.waitUntil(timeoutMilliseconds: 1500) { _ in false }
                    await leg.release()
                case .remoteLatched: latched = true
                default: break
                }
            }
            #expect(latched)
            #expect(timeouts.count == 1)
            #expect(timeouts.allSatisfy { $0 >= 1000 })
            let statistics = await leg.statistics()
            #expect(statistics == nil || statistics?.packetsReceived == 10)
        }
    }

    @Test("replies go where the peer's packets come from, not to the SDP address (symmetric RTP)")
    func latching() async throws {
        try await withEngine { engine in
            let sdpAddress = try await TestRTPPeer.make(group: group)
            let natAddress = try await TestRTPPeer.make(group: group)
            defer { Task { await sdpAddress.close(); await natAddress.close() } }
            let leg = try await engine.openLeg(LegOptions(remote: sdpAddress.remote))
            try await natAddress.stream(Signal.tone(700, milliseconds: 100), law: .aLaw, payloadType: 8, to: SocketAddress(ipAddress: "127.0.0.1", port: leg.localPort))
            try await leg.play(.clip(AudioClip(samples: Signal.tone(1000, milliseconds: 200))))
            #expect(try await natAddress.waitUntil { $0.count >= 10 })
            #expect(sdpAddress.packets.isEmpty)
            #expect(await leg.statistics()?.remoteAddress == "127.0.0.1:\(natAddress.port)")
            await leg.release()
        }
    }

    @Test("legs beyond the port range are refused with a clear error, and released legs give their ports back")
    func portsReturn() async throws {
        let base = EngineTestPorts.next()
        try await withEngine(ports: base...(base + 8)) { engine in
            var legs: [MediaLeg] = []
            for _ in 0..<4 { legs.append(try await engine.openLeg(LegOptions())) }
            #expect(Set(legs.map(\.localPort)).count == 4)
            #expect(legs.allSatisfy { $0.localPort % 2 == 0 })
            await #expect(throws: MediaError.self) { try await engine.openLeg(LegOptions()) }
            for leg in legs { await leg.release() }
            await legs[0].release()
            let probe = try await TestRTPPeer.make(group: group)
            defer { Task { await probe.close() } }
            #expect(try await probe.waitUntil { _ in engine.ports.available == 4 })
            for _ in 0..<4 { legs.append(try await engine.openLeg(LegOptions())) }
            #expect(engine.ports.available == 0)
        }
    }

    @Test("legs still open when another program holds a long run of the range's ports, on the ports after it")
    func portsHeldElsewhere() async throws {
        let base = EngineTestPorts.next()
        try await withEngine(ports: base...(base + 199)) { engine in
            // 30 pairs taken by "another program", more than any fixed number of retries.
            let held = try (base..<(base + 60)).map { try DatagramSocket.bind(SocketAddress(ipAddress: "127.0.0.1", port: $0)) }
            defer { held.forEach { close($0) } }
            var legs: [MediaLeg] = []
            for _ in 0..<10 { legs.append(try await engine.openLeg(LegOptions())) }
            #expect(legs.allSatisfy { $0.localPort >= base + 60 }, "\(legs.map(\.localPort))")
            #expect(Set(legs.map(\.localPort)).count == 10)
            for leg in legs { await leg.release() }
        }
    }

    @Test("a recording on disk is a valid WAV with the audio so far while the call goes on")
    func recordingSurvivesCrash() async throws {
        try await withEngine { engine in
            let peer = try await TestRTPPeer.make(group: group)
            defer { Task { await peer.close() } }
            let leg = try await engine.openLeg(LegOptions(remote: peer.remote))
            let directory = Fixtures.temporaryDirectory("crash")
            defer { Fixtures.remove(directory) }
            let path = directory + "/partial.wav"
            let recording = try await engine.startRecording(.mono([leg]), to: path)
            try await peer.stream(Signal.tone(700, milliseconds: 1600), law: .aLaw, payloadType: 8, to: SocketAddress(ipAddress: "127.0.0.1", port: leg.localPort))
            _ = try await peer.waitUntil(timeoutMilliseconds: 300) { _ in false }
            let partial = try WAVReader.read(path: path)
            #expect(partial.frameCount >= 8000)
            // The tone so far is in the file, whatever silence the clock appended after it
            // (on a loaded machine the read can come well after the stream ended): at least
            // 0.6 s of the 1.6 s sent, a crash losing at most the last second.
            let samples = partial.linearSamples
            let toneBlocks = stride(from: 0, to: samples.count - 159, by: 160).filter { start in
                Signal.share(of: 700, in: Array(samples[start..<(start + 160)])) > 0.9
            }.count
            #expect(toneBlocks >= 30, "only \(toneBlocks) blocks of 20 ms carry the tone")
            _ = try await recording.stop()
            await leg.release()
        }
    }

    @Test("a recording whose file cannot be created fails when it stops, naming the file, and the leg goes on")
    func recordingFileNotCreated() async throws {
        try await withEngine { engine in
            let leg = try await engine.openLeg(LegOptions())
            let directory = Fixtures.temporaryDirectory("missing")
            defer { Fixtures.remove(directory) }
            let path = directory + "/no-such-folder/call.wav"
            let recording = try await engine.startRecording(.mono([leg]), to: path)
            var failure: (any Error)?
            do { _ = try await recording.stop() } catch { failure = error }
            let error = try #require(failure, "a recording without a file stopped as if it had one")
            #expect("\(error)".contains(path), "\(error)")
            #expect(engine.activeLegCount == 1)
            await leg.release()
        }
    }

    @Test("opening a leg with a bad payload map or remote address fails with the field named")
    func badOptions() async throws {
        try await withEngine { engine in
            await #expect(throws: MediaError.self) {
                try await engine.openLeg(LegOptions(payloads: RTPPayloadMap(audio: AudioPayload(payloadType: 101, law: .aLaw), telephoneEvent: 101)))
            }
            await #expect(throws: MediaError.self) {
                try await engine.openLeg(LegOptions(remote: RemoteMedia(host: "example.com", port: 4000)))
            }
            await #expect(throws: MediaError.self) { try await engine.openLeg(LegOptions(packetTimeMilliseconds: 25)) }
            #expect(engine.ports.inUse == 0)
        }
    }
}
