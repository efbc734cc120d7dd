// Engine-wide counters exported through swift-metrics. Legs add to plain integers on their
// event loop; once a second each loop hands its sums to swift-metrics, so the per-packet path
// touches no lock or atomic.

import Metrics

/// The engine's metrics.
final class MediaMetrics: Sendable {
    struct Counters {
        var packetsReceived = 0
        var bytesReceived = 0
        var packetsSent = 0
        var bytesSent = 0
        var packetsDropped = 0
        var packetsLost = 0
        var rtpTimeouts = 0
    }

    let packetsReceived: Counter
    let bytesReceived: Counter
    let packetsSent: Counter
    let bytesSent: Counter
    let packetsDropped: Counter
    let packetsLost: Counter
    let rtpTimeouts: Counter
    let activeLegs: Meter
    let jitter: Recorder
    let lossFraction: Recorder

    init(labels: [(String, String)]) {
        packetsReceived = Counter(label: "kefu_media_rtp_packets_received_total", dimensions: labels)
        bytesReceived = Counter(label: "kefu_media_rtp_bytes_received_total", dimensions: labels)
        packetsSent = Counter(label: "kefu_media_rtp_packets_sent_total", dimensions: labels)
        bytesSent = Counter(label: "kefu_media_rtp_bytes_sent_total", dimensions: labels)
        packetsDropped = Counter(label: "kefu_media_rtp_packets_dropped_total", dimensions: labels)
        packetsLost = Counter(label: "kefu_media_rtp_packets_lost_total", dimensions: labels)
        rtpTimeouts = Counter(label: "kefu_media_rtp_timeouts_total", dimensions: labels)
        activeLegs = Meter(label: "kefu_media_legs_active", dimensions: labels)
        jitter = Recorder(label: "kefu_media_stream_jitter_milliseconds", dimensions: labels)
        lossFraction = Recorder(label: "kefu_media_stream_loss_ratio", dimensions: labels)
    }

    func flush(_ counters: inout Counters) {
        if counters.packetsReceived > 0 { packetsReceived.increment(by: counters.packetsReceived) }
        if counters.bytesReceived > 0 { bytesReceived.increment(by: counters.bytesReceived) }
        if counters.packetsSent > 0 { packetsSent.increment(by: counters.packetsSent) }
        if counters.bytesSent > 0 { bytesSent.increment(by: counters.bytesSent) }
        if counters.packetsDropped > 0 { packetsDropped.increment(by: counters.packetsDropped) }
        if counters.packetsLost > 0 { packetsLost.increment(by: counters.packetsLost) }
        if counters.rtpTimeouts > 0 { rtpTimeouts.increment(by: counters.rtpTimeouts) }
        counters = Counters()
    }

    func legOpened() { activeLegs.increment() }

    func legClosed() { activeLegs.decrement() }

    /// Records a finished stream's quality.
    func streamEnded(_ statistics: MediaStreamStatistics) {
        jitter.record(statistics.jitterMilliseconds)
        if statistics.packetsExpected > 0 {
            lossFraction.record(Double(statistics.packetsLost) / Double(statistics.packetsExpected))
        }
    }
}

/// Counters of one leg, readable at any time through `MediaLeg.statistics()`.
public struct MediaStreamStatistics: Sendable, Hashable {
    /// RTP packets received (audio and events) from the peer.
    public var packetsReceived: UInt64
    /// Payload octets received.
    public var bytesReceived: UInt64
    /// Packets expected from the sequence numbers seen.
    public var packetsExpected: UInt64
    /// Packets lost (expected minus received).
    public var packetsLost: UInt64
    /// Interarrival jitter in milliseconds (RFC 3550 §6.4.1).
    public var jitterMilliseconds: Double
    /// RTP packets sent to the peer.
    public var packetsSent: UInt64
    /// Payload octets sent.
    public var bytesSent: UInt64
    /// Packets dropped: from an unexpected source, malformed, or of an unknown payload type.
    public var packetsDropped: UInt64
    /// The address media is sent to, if known.
    public var remoteAddress: String?
}
