// The engine as a long-running service, RTCP answers, and announcements over music on hold.

import Foundation
import NIOCore
import NIOPosix
import Testing
@testable import Media

@Suite struct MediaEngineServiceTests {
    let group = MultiThreadedEventLoopGroup.singleton

    @Test("when the service is shut down, recordings are closed, every leg is released and every port returns to the pool")
    func serviceShutdown() async throws {
        let base = EngineTestPorts.next()
        let engine = try MediaEngine(configuration: .init(portRange: base...(base + 199), eventLoopThreads: 2))
        let service = Task { try await engine.run() }
        let legs = [try await engine.openLeg(LegOptions()), try await engine.openLeg(LegOptions())]
        let events = legs[0].events()
        let directory = Fixtures.temporaryDirectory("shutdown")
        defer { Fixtures.remove(directory) }
        let path = directory + "/open.wav"
        _ = try await engine.startRecording(.stereo(caller: legs[0], agent: legs[1]), to: path)
        #expect(engine.ports.inUse == 2)
        let peer = try await TestRTPPeer.make(group: group)
        _ = try await peer.waitUntil(timeoutMilliseconds: 300) { _ in false }
        await peer.close()
        service.cancel()
        try await service.value
        // Closed properly: the header's data size covers every byte written.
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let dataSize = Int(bytes[40]) | Int(bytes[41]) << 8 | Int(bytes[42]) << 16 | Int(bytes[43]) << 24
        #expect(dataSize == bytes.count - 44)
        #expect(dataSize > 0)
        var last: MediaEvent?
        for await event in events { last = event }
        #expect(last == .released)
        #expect(engine.activeLegCount == 0)
        #expect(engine.ports.inUse == 0)
        await #expect(throws: MediaError.self) { try await engine.openLeg(LegOptions()) }
    }

    @Test("an RTCP sender report is answered with a report block about the stream received")
    func rtcpAnswered() async throws {
        try await withEngine { engine in
            let peer = try await TestRTPPeer.make(group: group, ssrc: 0xCAFE)
            let rtcpPeer = try await TestRTPPeer.make(group: group)
            defer { Task { await peer.close(); await rtcpPeer.close() } }
            let leg = try await engine.openLeg(LegOptions(remote: peer.remote))
            try await peer.stream(Signal.tone(700, milliseconds: 200), law: .aLaw, payloadType: 8, to: SocketAddress(ipAddress: "127.0.0.1", port: leg.localPort), firstSequence: 500, skip: [3])
            let report = RTCPReport(ssrc: 0xCAFE, senderInfo: .init(ntpTimestamp: 0x0102_0304_0506_0708, rtpTimestamp: 1, packetCount: 10, octetCount: 1600), reportBlocks: [])
            var buffer = ByteBuffer()
            report.write(to: &buffer)
            rtcpPeer.sendRaw(buffer.readBytes(length: buffer.readableBytes)!, to: try SocketAddress(ipAddress: "127.0.0.1", port: leg.localRTCPPort))
            #expect(try await rtcpPeer.waitUntil { !$0.isEmpty })
            let answer = try RTCPReport(parsing: ByteBuffer(bytes: try #require(rtcpPeer.packets.first).raw))
            let block = try #require(answer.reportBlocks.first)
            #expect(block.ssrc == 0xCAFE)
            #expect(block.extendedHighestSequence == 509)
            #expect(block.cumulativeLost == 1)
            #expect(block.lastSenderReport == 0x0304_0506)
            await leg.release()
        }
    }

    @Test("an announcement paused over music on hold plays, then the music resumes where it stopped")
    func announcementOverMusic() async throws {
        try await withEngine { engine in
            let peer = try await TestRTPPeer.make(group: group)
            defer { Task { await peer.close() } }
            let leg = try await engine.openLeg(LegOptions(remote: peer.remote))
            let music = try await leg.startPlayback(.loop(.clip(AudioClip(samples: Signal.tone(400, milliseconds: 1000))), times: nil))
            #expect(try await peer.waitUntil { $0.count >= 15 })
            let announcement = AudioClip(samples: Signal.tone(1200, milliseconds: 400))
            #expect(try await leg.play(.clip(announcement), mode: .pauseCurrent) == .finished)
            let afterAnnouncement = peer.packets.count
            #expect(try await peer.waitUntil { $0.count >= afterAnnouncement + 10 })
            await music.stop()
            #expect(await music.outcome == .stopped)

            let packets = peer.packets
            let shares = packets.map { packet in Signal.share(of: 1200, in: G711.decode(.aLaw, packet.payload)) }
            // The announcement's 20 frames sit between music frames, contiguous.
            let announced = shares.indices.filter { shares[$0] > 0.9 }
            #expect(announced.count == 20)
            #expect(announced.last! - announced.first! == 19)
            let before = Array(packets[..<announced.first!]).samples(.aLaw)
            let after = Array(packets[(announced.last! + 1)...]).samples(.aLaw)
            #expect(Signal.share(of: 400, in: before) > 0.9)
            #expect(Signal.share(of: 400, in: after) > 0.9)
            let sequences = packets.map(\.header.sequenceNumber)
            #expect(zip(sequences, sequences.dropFirst()).allSatisfy { $1 == $0 &+ 1 })
            await leg.release()
        }
    }
}
