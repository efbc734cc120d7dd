// Receiver-side bookkeeping of one RTP source (RFC 3550 Appendix A.1 and A.8): extended
// highest sequence number, expected and lost packets, interarrival jitter.

/// Sequence, loss and jitter bookkeeping for the packets received from one source.
///
/// A pure value: the caller passes each packet's sequence number, RTP timestamp and arrival
/// time expressed in the same clock units as the RTP timestamp (8 kHz for G.711).
public struct RTPReceiveStatistics: Sendable, Hashable {
    /// Packets accepted (duplicates included, as RFC 3550 counts them).
    public private(set) var packetsReceived: UInt64 = 0
    /// Payload octets received.
    public private(set) var bytesReceived: UInt64 = 0
    /// Interarrival jitter in timestamp units (RFC 3550 §6.4.1), as the RR reports it.
    public private(set) var jitter: UInt32 = 0

    private var started = false
    private var ssrc: UInt32 = 0
    private var baseSequence: UInt32 = 0
    private var maxSequence: UInt16 = 0
    private var cycles: UInt32 = 0
    private var badSequence: UInt32 = .max
    private var jitterScaled: Int64 = 0
    private var lastTransit: Int64 = 0
    private var hasTransit = false
    private var expectedPrior: UInt32 = 0
    private var receivedPrior: UInt64 = 0
    private var lostBeforeRestart: Int64 = 0

    static let maxDropout: UInt16 = 3000
    static let maxMisorder: UInt16 = 100

    /// Creates empty statistics.
    public init() {}

    /// The SSRC these statistics follow (the last one seen).
    public var sourceSSRC: UInt32 { ssrc }

    /// The extended highest sequence number received (cycles in the upper 16 bits).
    public var extendedHighestSequence: UInt32 { cycles | UInt32(maxSequence) }

    /// Packets expected from the first to the highest sequence number seen.
    public var packetsExpected: UInt64 {
        started ? UInt64(extendedHighestSequence &- baseSequence) + 1 : 0
    }

    /// Cumulative packets lost (expected minus received, never below zero), across restarts.
    public var packetsLost: UInt64 {
        UInt64(max(0, lostBeforeRestart + Int64(packetsExpected) - Int64(packetsReceivedSinceRestart)))
    }

    private var receivedAtRestart: UInt64 = 0
    private var packetsReceivedSinceRestart: UInt64 { packetsReceived - receivedAtRestart }

    /// Records one packet. `arrival` is the arrival time in RTP timestamp units.
    public mutating func record(ssrc: UInt32, sequence: UInt16, timestamp: UInt32, payloadBytes: Int, arrival: Int64) {
        if !started || ssrc != self.ssrc {
            restart(ssrc: ssrc, sequence: sequence)
        } else {
            let delta = sequence &- maxSequence
            if delta < Self.maxDropout {
                if sequence < maxSequence { cycles &+= 1 << 16 }
                maxSequence = sequence
            } else if delta <= UInt16.max &- Self.maxMisorder {
                // A very large jump: accept it as a restart only if the next packet follows it.
                if UInt32(sequence) == badSequence {
                    restart(ssrc: ssrc, sequence: sequence)
                } else {
                    badSequence = UInt32(sequence &+ 1)
                    return
                }
            }
        }
        packetsReceived += 1
        bytesReceived += UInt64(payloadBytes)
        let transit = arrival - Int64(timestamp)
        if hasTransit {
            var d = transit - lastTransit
            if d < 0 { d = -d }
            // J += (|D| - J) / 16, in fixed point scaled by 16 (RFC 3550 A.8).
            jitterScaled += d - ((jitterScaled + 8) >> 4)
            jitter = UInt32(clamping: jitterScaled >> 4)
        }
        lastTransit = transit
        hasTransit = true
    }

    /// The loss fraction since the previous call, in 1/256 units, as an RR carries it, and
    /// the cumulative loss clamped to 24 bits.
    public mutating func takeReportBlockLoss() -> (fractionLost: UInt8, cumulativeLost: UInt32) {
        let expected = UInt32(truncatingIfNeeded: packetsExpected)
        let expectedInterval = expected &- expectedPrior
        expectedPrior = expected
        let receivedInterval = packetsReceivedSinceRestart - receivedPrior
        receivedPrior = packetsReceivedSinceRestart
        let lostInterval = Int64(expectedInterval) - Int64(receivedInterval)
        let fraction: UInt8 =
            expectedInterval == 0 || lostInterval <= 0 ? 0 : UInt8(clamping: (lostInterval << 8) / Int64(expectedInterval))
        return (fraction, UInt32(min(packetsLost, 0x7F_FFFF)))
    }

    private mutating func restart(ssrc: UInt32, sequence: UInt16) {
        if started {
            lostBeforeRestart += Int64(packetsExpected) - Int64(packetsReceivedSinceRestart)
            receivedAtRestart = packetsReceived
        }
        started = true
        self.ssrc = ssrc
        baseSequence = UInt32(sequence)
        maxSequence = sequence
        cycles = 0
        badSequence = .max
        hasTransit = false
        expectedPrior = 0
        receivedPrior = 0
    }
}
