// RTP headers, the outbound sequencer, receive statistics and RTCP reports.

import NIOCore
import Testing
@testable import Media

@Suite struct RTPHeaderTests {
    @Test("a written header parses back with the same fields and a 12-byte payload offset")
    func roundTrip() throws {
        var buffer = ByteBuffer()
        let header = RTPHeader(marker: true, payloadType: 8, sequenceNumber: 65535, timestamp: 0xDEAD_BEEF, ssrc: 0x1234_5678)
        header.write(to: &buffer)
        buffer.writeBytes([1, 2, 3])
        let view = try RTPPacketView(parsing: buffer)
        #expect(view.header == header)
        #expect(view.payloadOffset == 12)
        #expect(view.payloadLength == 3)
    }

    @Test("CSRCs, a header extension and padding are skipped to find the payload")
    func csrcExtensionPadding() throws {
        var buffer = ByteBuffer()
        buffer.writeBytes([0xB2, 0x00])  // V=2, P=1, X=1, CC=2
        buffer.writeInteger(UInt16(7))
        buffer.writeInteger(UInt32(160))
        buffer.writeInteger(UInt32(99))
        buffer.writeInteger(UInt32(1))  // CSRC 1
        buffer.writeInteger(UInt32(2))  // CSRC 2
        buffer.writeBytes([0xBE, 0xDE, 0x00, 0x01, 0, 0, 0, 0])  // extension of one word
        buffer.writeBytes([9, 9, 9, 9])  // payload
        buffer.writeBytes([0, 0, 3])  // padding of 3
        let view = try RTPPacketView(parsing: buffer)
        #expect(view.payloadOffset == 12 + 8 + 8)
        #expect(view.payloadLength == 4)
        #expect(view.header.sequenceNumber == 7)
    }

    @Test("malformed packets are rejected with the defect named", arguments: [
        ([0x80, 0x00], RTPParseError.tooShort(length: 2)),
        ([0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], .unsupportedVersion(1)),
        ([0x8F, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], .truncatedCSRCList(count: 15, length: 12)),
        ([0x90, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9], .truncatedExtension(length: 16)),
        ([0xA0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9], .invalidPadding(count: 9, length: 16)),
    ] as [([UInt8], RTPParseError)])
    func malformed(bytes: [UInt8], expected: RTPParseError) {
        #expect(throws: expected) { try RTPPacketView(parsing: ByteBuffer(bytes: bytes)) }
    }
}

@Suite struct RTPSequencerTests {
    let ms: Int64 = 1_000_000

    @Test("generated packets number consecutively and advance the timestamp by their samples")
    func generated() {
        var sequencer = RTPSequencer(ssrc: 7, initialSequence: 65534, initialTimestamp: 1000)
        let first = sequencer.nextGeneratedHeader(payloadType: 0, samples: 160, payloadBytes: 160, at: 0)
        let second = sequencer.nextGeneratedHeader(payloadType: 0, samples: 160, payloadBytes: 160, at: 20 * ms)
        let third = sequencer.nextGeneratedHeader(payloadType: 0, samples: 160, payloadBytes: 160, at: 40 * ms)
        #expect([first.sequenceNumber, second.sequenceNumber, third.sequenceNumber] == [65534, 65535, 0])
        #expect([first.timestamp, second.timestamp, third.timestamp] == [1000, 1160, 1320])
        #expect(first.marker && !second.marker && !third.marker)
        #expect(Set([first.ssrc, second.ssrc, third.ssrc]) == [7])
    }

    @Test("after a pause in which nothing was sent, the timestamp jumps by the wall-clock time and the marker is set")
    func pauseFollowsWallClock() {
        var sequencer = RTPSequencer(ssrc: 7, initialSequence: 0, initialTimestamp: 0)
        _ = sequencer.nextGeneratedHeader(payloadType: 0, samples: 160, payloadBytes: 160, at: 0)
        sequencer.feedChanged()
        let after = sequencer.nextGeneratedHeader(payloadType: 0, samples: 160, payloadBytes: 160, at: 1000 * ms)
        #expect(after.timestamp == 8000)
        #expect(after.sequenceNumber == 1)
        #expect(after.marker)
    }

    @Test("relayed packets keep the source's spacing on this stream's timeline, across source changes")
    func relay() {
        var sequencer = RTPSequencer(ssrc: 7, initialSequence: 100, initialTimestamp: 5000)
        _ = sequencer.nextGeneratedHeader(payloadType: 0, samples: 160, payloadBytes: 160, at: 0)  // a prompt first
        sequencer.feedChanged()
        let a = sequencer.relayedHeader(from: RTPHeader(payloadType: 8, sequenceNumber: 9, timestamp: 777_000, ssrc: 55), payloadType: 0, samples: 160, payloadBytes: 160, at: 20 * ms)
        let b = sequencer.relayedHeader(from: RTPHeader(payloadType: 8, sequenceNumber: 10, timestamp: 777_160, ssrc: 55), payloadType: 0, samples: 160, payloadBytes: 160, at: 40 * ms)
        let gap = sequencer.relayedHeader(from: RTPHeader(payloadType: 8, sequenceNumber: 12, timestamp: 777_480, ssrc: 55), payloadType: 0, samples: 160, payloadBytes: 160, at: 80 * ms)
        #expect(a.timestamp == 5160 && a.marker)
        #expect(b.timestamp == 5320 && !b.marker)
        #expect(gap.timestamp == 5640)
        #expect([a.sequenceNumber, b.sequenceNumber, gap.sequenceNumber] == [101, 102, 103])
        #expect(a.ssrc == 7 && a.payloadType == 0)
        // The peer re-INVITEs and restarts with a new SSRC and timeline: ours continues.
        let restarted = sequencer.relayedHeader(from: RTPHeader(payloadType: 8, sequenceNumber: 1, timestamp: 3, ssrc: 56), payloadType: 0, samples: 160, payloadBytes: 160, at: 100 * ms)
        #expect(restarted.timestamp == 5800)
        #expect(restarted.marker && restarted.sequenceNumber == 104)
    }
}

@Suite struct RTPReceiveStatisticsTests {
    @Test("loss, reordering and duplicates are counted as RFC 3550 A.3 says")
    func lossAndReordering() {
        var stats = RTPReceiveStatistics()
        for sequence: UInt16 in [65530, 65531, 65533, 65532, 65535, 0, 1, 1, 5] {
            stats.record(ssrc: 1, sequence: sequence, timestamp: UInt32(sequence) &* 160, payloadBytes: 160, arrival: 0)
        }
        // 65530...5 is 12 packets expected; received 9 (one duplicate) -> 3 lost by the formula.
        #expect(stats.packetsExpected == 12)
        #expect(stats.packetsReceived == 9)
        #expect(stats.packetsLost == 3)
        #expect(stats.extendedHighestSequence == 65536 + 5)
    }

    @Test("evenly spaced packets have no jitter; alternating 10 ms early and late do")
    func jitter() {
        var steady = RTPReceiveStatistics()
        var uneven = RTPReceiveStatistics()
        for n in 0..<200 {
            steady.record(ssrc: 1, sequence: UInt16(n), timestamp: UInt32(n * 160), payloadBytes: 160, arrival: Int64(n * 160))
            let skew: Int64 = n % 2 == 0 ? 80 : -80
            uneven.record(ssrc: 1, sequence: UInt16(n), timestamp: UInt32(n * 160), payloadBytes: 160, arrival: Int64(n * 160) + skew)
        }
        #expect(steady.jitter == 0)
        // |D| = 160 units every packet: J converges to 160 (20 ms).
        #expect(uneven.jitter > 150 && uneven.jitter <= 160)
    }
}

@Suite struct RTCPReportTests {
    @Test("an SR with a report block parses back equal; an RR has no sender info")
    func roundTrip() throws {
        let block = RTCPReportBlock(ssrc: 9, fractionLost: 25, cumulativeLost: 1234, extendedHighestSequence: 70000, jitter: 33, lastSenderReport: 77, delaySinceLastSenderReport: 88)
        let sr = RTCPReport(ssrc: 5, senderInfo: .init(ntpTimestamp: 0x1122_3344_5566_7788, rtpTimestamp: 160, packetCount: 10, octetCount: 1600), reportBlocks: [block])
        var buffer = ByteBuffer()
        sr.write(to: &buffer)
        #expect(buffer.readableBytes == 52)
        #expect(try RTCPReport(parsing: buffer) == sr)
        let rr = RTCPReport(ssrc: 5, senderInfo: nil, reportBlocks: [block])
        var rrBuffer = ByteBuffer()
        rr.write(to: &rrBuffer)
        #expect(try RTCPReport(parsing: rrBuffer) == rr)
    }

    @Test("a truncated compound packet is rejected")
    func truncated() {
        #expect(throws: RTCPParseError.truncated(length: 8)) {
            try RTCPReport(parsing: ByteBuffer(bytes: [0x80, 200, 0, 6, 0, 0, 0, 1]))
        }
    }
}
