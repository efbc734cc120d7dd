// The outbound side of one RTP stream: one SSRC, sequence numbers without gaps and a
// timestamp line that follows the wall clock, whatever feeds the stream (prompts, the other
// leg of a bridge, a mix, DTMF) and however often the feed changes (hold, unhold, barge-in).

/// Numbers the packets Kefu sends on one leg (RFC 3550 §5.1).
///
/// Every packet gets the next sequence number. Timestamps advance with the wall clock across
/// idle periods, so a receiver's jitter buffer sees silence rather than time running
/// backwards. A change of feed starts a new *segment*: its first packet carries the marker
/// bit. Relayed packets keep the spacing of the sender's timestamps (so silence suppression and
/// packet size pass through) shifted by a constant offset chosen when the segment starts.
/// A pure value; time comes in as nanoseconds on a monotonic clock.
public struct RTPSequencer: Sendable, Hashable {
    /// The SSRC of every packet this stream sends.
    public let ssrc: UInt32
    /// The sequence number of the next packet.
    public private(set) var nextSequence: UInt16
    /// The timestamp just past the last sample sent.
    public private(set) var position: UInt32
    /// Packets sent on this stream.
    public private(set) var packetsSent: UInt64 = 0
    /// Payload octets sent on this stream.
    public private(set) var bytesSent: UInt64 = 0

    private let clockRate: Int64
    private var originNanos: Int64?
    private var originTimestamp: UInt32
    private var segmentPending = true
    private var relay: RelayState?

    private struct RelayState: Sendable, Hashable {
        var sourceSSRC: UInt32
        var offset: UInt32
        var lastSourceTimestamp: UInt32
    }

    /// Creates a stream with a random-looking SSRC, first sequence number and timestamp, which
    /// the caller draws from its generator (RFC 3550 §5.1 asks for random initial values).
    public init(ssrc: UInt32, initialSequence: UInt16, initialTimestamp: UInt32, clockRate: Int = 8000) {
        self.ssrc = ssrc
        self.nextSequence = initialSequence
        self.position = initialTimestamp
        self.originTimestamp = initialTimestamp
        self.clockRate = Int64(clockRate)
    }

    /// Creates a stream with initial values drawn from `generator`.
    public init(using generator: inout some RandomNumberGenerator, clockRate: Int = 8000) {
        self.init(
            ssrc: UInt32.random(in: 1...UInt32.max, using: &generator),
            initialSequence: UInt16.random(in: 0...0x7FFF, using: &generator),
            initialTimestamp: UInt32.random(in: 0...0x7FFF_FFFF, using: &generator),
            clockRate: clockRate
        )
    }

    /// The timestamp that corresponds to `nanos` on the wall-clock line of this stream.
    public func wallTimestamp(at nanos: Int64) -> UInt32 {
        guard let originNanos else { return position }
        let elapsed = (nanos - originNanos) * clockRate / 1_000_000_000
        return originTimestamp &+ UInt32(truncatingIfNeeded: elapsed)
    }

    /// Ends the current segment: the next packet, from whatever feed, starts a new one.
    public mutating func feedChanged() {
        segmentPending = true
        relay = nil
    }

    /// The header for a packet Kefu generates itself (prompt, tone, mix, DTMF) carrying
    /// `samples` samples. `timestamp` overrides the stream position (RFC 4733 events reuse the
    /// start timestamp of the event across their packets) without moving it.
    public mutating func nextGeneratedHeader(
        payloadType: UInt8,
        samples: Int,
        payloadBytes: Int,
        at nanos: Int64,
        marker: Bool = false
    ) -> RTPHeader {
        let isNewSegment = beginSegmentIfNeeded(at: nanos)
        let header = RTPHeader(
            marker: marker || isNewSegment,
            payloadType: payloadType,
            sequenceNumber: nextSequence,
            timestamp: position,
            ssrc: ssrc
        )
        position &+= UInt32(samples)
        count(payloadBytes)
        return header
    }

    /// The header for a telephone-event packet: all packets of one event share the event's
    /// start timestamp (RFC 4733 §2.5.1.2); `advance` moves the position when the event ends.
    public mutating func nextEventHeader(
        payloadType: UInt8,
        eventTimestamp: UInt32,
        marker: Bool,
        payloadBytes: Int,
        at nanos: Int64
    ) -> RTPHeader {
        _ = beginSegmentIfNeeded(at: nanos)
        let header = RTPHeader(
            marker: marker,
            payloadType: payloadType,
            sequenceNumber: nextSequence,
            timestamp: eventTimestamp,
            ssrc: ssrc
        )
        count(payloadBytes)
        return header
    }

    /// Moves the stream position forward by `samples` without sending (time spent in an event).
    public mutating func advance(samples: Int) {
        position &+= UInt32(samples)
    }

    /// The position a new generated segment would start at, for events that need to know it.
    public mutating func currentTimestamp(at nanos: Int64) -> UInt32 {
        _ = beginSegmentIfNeeded(at: nanos)
        return position
    }

    /// The header for a packet relayed from another leg: the source's header rewritten onto
    /// this stream. `samples` is the packet's duration, used to keep `position` current.
    public mutating func relayedHeader(
        from source: RTPHeader,
        payloadType: UInt8,
        samples: Int,
        payloadBytes: Int,
        at nanos: Int64
    ) -> RTPHeader {
        var marker = source.marker
        if var relay, relay.sourceSSRC == source.ssrc, !Self.isDiscontinuity(from: relay.lastSourceTimestamp, to: source.timestamp) {
            relay.lastSourceTimestamp = source.timestamp
            self.relay = relay
        } else {
            _ = beginSegmentIfNeeded(at: nanos, force: true)
            relay = RelayState(sourceSSRC: source.ssrc, offset: position &- source.timestamp, lastSourceTimestamp: source.timestamp)
            marker = true
        }
        let timestamp = source.timestamp &+ relay!.offset
        let header = RTPHeader(
            marker: marker,
            payloadType: payloadType,
            sequenceNumber: nextSequence,
            timestamp: timestamp,
            ssrc: ssrc
        )
        let end = timestamp &+ UInt32(samples)
        if Int32(bitPattern: end &- position) > 0 { position = end }
        count(payloadBytes)
        return header
    }

    /// A jump of more than 10 seconds either way means the source restarted its timeline.
    static func isDiscontinuity(from previous: UInt32, to next: UInt32) -> Bool {
        let delta = Int32(bitPattern: next &- previous)
        return delta > 80_000 || delta < -80_000
    }

    private mutating func beginSegmentIfNeeded(at nanos: Int64, force: Bool = false) -> Bool {
        guard segmentPending || force else { return false }
        segmentPending = false
        if originNanos == nil {
            originNanos = nanos
            originTimestamp = position
        } else {
            let wall = wallTimestamp(at: nanos)
            if Int32(bitPattern: wall &- position) > 0 { position = wall }
        }
        return true
    }

    private mutating func count(_ payloadBytes: Int) {
        nextSequence &+= 1
        packetsSent += 1
        bytesSent += UInt64(payloadBytes)
    }
}
