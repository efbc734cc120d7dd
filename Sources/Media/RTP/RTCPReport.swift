// Minimal RTCP (RFC 3550 §6.4): the sender and receiver reports Kefu answers with, and the
// few facts it reads from the reports it receives.

import NIOCore

/// One report block about a source Kefu receives from (RFC 3550 §6.4.1).
public struct RTCPReportBlock: Sendable, Hashable {
    /// The source this block reports on.
    public var ssrc: UInt32
    /// Fraction of packets lost since the previous report, in 1/256 units.
    public var fractionLost: UInt8
    /// Cumulative packets lost (24 bits).
    public var cumulativeLost: UInt32
    /// Extended highest sequence number received.
    public var extendedHighestSequence: UInt32
    /// Interarrival jitter in timestamp units.
    public var jitter: UInt32
    /// Middle 32 bits of the NTP timestamp of the last SR received from the source (LSR).
    public var lastSenderReport: UInt32
    /// Delay since that SR in 1/65536 seconds (DLSR).
    public var delaySinceLastSenderReport: UInt32

    /// Creates a report block.
    public init(
        ssrc: UInt32, fractionLost: UInt8, cumulativeLost: UInt32, extendedHighestSequence: UInt32,
        jitter: UInt32, lastSenderReport: UInt32 = 0, delaySinceLastSenderReport: UInt32 = 0
    ) {
        self.ssrc = ssrc
        self.fractionLost = fractionLost
        self.cumulativeLost = cumulativeLost
        self.extendedHighestSequence = extendedHighestSequence
        self.jitter = jitter
        self.lastSenderReport = lastSenderReport
        self.delaySinceLastSenderReport = delaySinceLastSenderReport
    }
}

/// A sender report (when Kefu has sent media) or a receiver report (when it has not).
public struct RTCPReport: Sendable, Hashable {
    /// What Kefu sent, for the sender-info section of an SR.
    public struct SenderInfo: Sendable, Hashable {
        /// 64-bit NTP timestamp of the report.
        public var ntpTimestamp: UInt64
        /// The RTP timestamp that corresponds to `ntpTimestamp`.
        public var rtpTimestamp: UInt32
        /// Packets sent so far.
        public var packetCount: UInt32
        /// Payload octets sent so far.
        public var octetCount: UInt32

        /// Creates sender info.
        public init(ntpTimestamp: UInt64, rtpTimestamp: UInt32, packetCount: UInt32, octetCount: UInt32) {
            self.ntpTimestamp = ntpTimestamp
            self.rtpTimestamp = rtpTimestamp
            self.packetCount = packetCount
            self.octetCount = octetCount
        }
    }

    /// The SSRC of the reporter (Kefu's stream).
    public var ssrc: UInt32
    /// Present for an SR, absent for an RR.
    public var senderInfo: SenderInfo?
    /// At most one block here: Kefu receives one source per leg.
    public var reportBlocks: [RTCPReportBlock]

    /// Creates a report.
    public init(ssrc: UInt32, senderInfo: SenderInfo?, reportBlocks: [RTCPReportBlock]) {
        self.ssrc = ssrc
        self.senderInfo = senderInfo
        self.reportBlocks = reportBlocks
    }

    /// Appends the report as one RTCP packet (SR = 200, RR = 201).
    public func write(to buffer: inout ByteBuffer) {
        let words = 1 + (senderInfo == nil ? 0 : 5) + reportBlocks.count * 6
        buffer.writeInteger(UInt8(0x80 | UInt8(reportBlocks.count & 0x1F)))
        buffer.writeInteger(UInt8(senderInfo == nil ? 201 : 200))
        buffer.writeInteger(UInt16(words))
        buffer.writeInteger(ssrc)
        if let senderInfo {
            buffer.writeInteger(senderInfo.ntpTimestamp)
            buffer.writeInteger(senderInfo.rtpTimestamp)
            buffer.writeInteger(senderInfo.packetCount)
            buffer.writeInteger(senderInfo.octetCount)
        }
        for block in reportBlocks {
            buffer.writeInteger(block.ssrc)
            buffer.writeInteger(UInt32(block.fractionLost) << 24 | block.cumulativeLost & 0xFF_FFFF)
            buffer.writeInteger(block.extendedHighestSequence)
            buffer.writeInteger(block.jitter)
            buffer.writeInteger(block.lastSenderReport)
            buffer.writeInteger(block.delaySinceLastSenderReport)
        }
    }

    /// Parses the first SR or RR of a compound RTCP packet.
    public init(parsing buffer: ByteBuffer) throws(RTCPParseError) {
        var reader = buffer
        while reader.readableBytes >= 4 {
            guard let first = reader.getInteger(at: reader.readerIndex, as: UInt8.self),
                let type = reader.getInteger(at: reader.readerIndex + 1, as: UInt8.self),
                let words = reader.getInteger(at: reader.readerIndex + 2, as: UInt16.self)
            else { break }
            guard first >> 6 == 2 else { throw .unsupportedVersion(Int(first >> 6)) }
            let length = (Int(words) + 1) * 4
            guard var packet = reader.readSlice(length: length) else {
                throw .truncated(length: buffer.readableBytes)
            }
            guard type == 200 || type == 201 else { continue }
            packet.moveReaderIndex(forwardBy: 4)
            let count = Int(first & 0x1F)
            guard let ssrc = packet.readInteger(as: UInt32.self) else { throw .truncated(length: length) }
            var info: SenderInfo?
            if type == 200 {
                guard let ntp = packet.readInteger(as: UInt64.self), let rtp = packet.readInteger(as: UInt32.self),
                    let packets = packet.readInteger(as: UInt32.self), let octets = packet.readInteger(as: UInt32.self)
                else { throw .truncated(length: length) }
                info = SenderInfo(ntpTimestamp: ntp, rtpTimestamp: rtp, packetCount: packets, octetCount: octets)
            }
            var blocks: [RTCPReportBlock] = []
            for _ in 0..<count {
                guard let source = packet.readInteger(as: UInt32.self), let loss = packet.readInteger(as: UInt32.self),
                    let highest = packet.readInteger(as: UInt32.self), let jitter = packet.readInteger(as: UInt32.self),
                    let lsr = packet.readInteger(as: UInt32.self), let dlsr = packet.readInteger(as: UInt32.self)
                else { throw .truncated(length: length) }
                blocks.append(
                    RTCPReportBlock(
                        ssrc: source, fractionLost: UInt8(loss >> 24), cumulativeLost: loss & 0xFF_FFFF,
                        extendedHighestSequence: highest, jitter: jitter, lastSenderReport: lsr,
                        delaySinceLastSenderReport: dlsr))
            }
            self.init(ssrc: ssrc, senderInfo: info, reportBlocks: blocks)
            return
        }
        throw .noReport
    }
}

/// Why an RTCP datagram could not be read.
public enum RTCPParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The version field is not 2.
    case unsupportedVersion(Int)
    /// A packet's length field runs past the datagram.
    case truncated(length: Int)
    /// The compound packet holds no SR or RR.
    case noReport

    public var description: String {
        switch self {
        case .unsupportedVersion(let version): "RTCP version \(version) is not 2"
        case .truncated(let length): "RTCP packet length runs past the \(length)-byte datagram"
        case .noReport: "RTCP compound packet holds no sender or receiver report"
        }
    }
}

extension RTCPReport {
    /// Seconds between the NTP epoch (1900) and the Unix epoch (1970).
    static let ntpEpochOffset: UInt64 = 2_208_988_800

    /// The 64-bit NTP timestamp for a Unix time in nanoseconds.
    public static func ntpTimestamp(unixNanos: Int64) -> UInt64 {
        let seconds = UInt64(unixNanos / 1_000_000_000) + ntpEpochOffset
        let fraction = (UInt64(unixNanos % 1_000_000_000) << 32) / 1_000_000_000
        return seconds << 32 | fraction
    }
}
