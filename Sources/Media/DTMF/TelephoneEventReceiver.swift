// Turns RFC 4733 telephone-event packets into digits: one digit per event, keyed on the RTP
// timestamp (not the marker bit, which may be lost), however many end packets arrive.

/// A digit that was pressed, with how long it was held.
public struct DetectedDigit: Sendable, Hashable {
    /// The key.
    public var digit: DTMFDigit
    /// How long it was held, in milliseconds (from the event's duration field, or from the
    /// tone's length for in-band detection).
    public var durationMilliseconds: Int
    /// How the digit reached Kefu.
    public var source: DigitSource

    /// Creates a detected digit.
    public init(digit: DTMFDigit, durationMilliseconds: Int, source: DigitSource) {
        self.digit = digit
        self.durationMilliseconds = durationMilliseconds
        self.source = source
    }
}

/// Where a digit came from.
public enum DigitSource: String, Sendable, Hashable {
    /// RFC 4733 telephone-event packets.
    case rfc4733
    /// DTMF tones in the audio, found by the Goertzel detector.
    case inBand
    /// SIP INFO (application/dtmf-relay), handed in by the call path.
    case sipInfo
}

/// The RFC 4733 §2.5.2 receiver as a pure state machine.
///
/// An event is identified by (SSRC, RTP timestamp). The digit is reported once, when the
/// first end packet arrives, when a packet of a newer event shows that the end packets were
/// lost, or when `expire(at:)` finds the event silent for longer than `endTimeout`. End-packet
/// retransmissions and late packets of reported events are recognised and ignored.
public struct TelephoneEventReceiver: Sendable {
    /// Clock rate of the telephone-event payload type.
    public let clockRate: Int
    /// How long an event may go without packets before it is taken as ended.
    public let endTimeoutNanos: Int64

    private struct Current: Sendable {
        var ssrc: UInt32
        var timestamp: UInt32
        var event: UInt8
        var duration: UInt16
        var lastPacketNanos: Int64
    }

    private var current: Current?
    private var reported: [(ssrc: UInt32, timestamp: UInt32)] = []
    private static let reportedMemory = 16

    /// Creates a receiver; `endTimeoutMilliseconds` bounds how long an event without end
    /// packets is waited for.
    public init(clockRate: Int = 8000, endTimeoutMilliseconds: Int = 500) {
        self.clockRate = clockRate
        self.endTimeoutNanos = Int64(endTimeoutMilliseconds) * 1_000_000
    }

    /// Takes one telephone-event packet; returns the digits that are now complete (at most two:
    /// an earlier event whose end was lost, and this one if it is a one-packet event).
    public mutating func received(
        _ event: TelephoneEvent,
        ssrc: UInt32,
        timestamp: UInt32,
        at nanos: Int64
    ) -> [DetectedDigit] {
        if reported.contains(where: { $0.ssrc == ssrc && $0.timestamp == timestamp }) { return [] }
        var completed: [DetectedDigit] = []
        if var ongoing = current {
            if ongoing.ssrc == ssrc && ongoing.timestamp == timestamp {
                ongoing.duration = max(ongoing.duration, event.duration)
                ongoing.lastPacketNanos = nanos
                current = ongoing
                if event.isEnd { completed.append(contentsOf: finishCurrent()) }
                return completed
            }
            if ongoing.ssrc == ssrc && Int32(bitPattern: timestamp &- ongoing.timestamp) < 0 {
                // A late packet of an event older than the one in progress.
                return []
            }
            completed.append(contentsOf: finishCurrent())
        }
        current = Current(ssrc: ssrc, timestamp: timestamp, event: event.event, duration: event.duration, lastPacketNanos: nanos)
        if event.isEnd { completed.append(contentsOf: finishCurrent()) }
        return completed
    }

    /// Reports the event in progress if no packet of it arrived for `endTimeout`.
    public mutating func expire(at nanos: Int64) -> [DetectedDigit] {
        guard let ongoing = current, nanos - ongoing.lastPacketNanos >= endTimeoutNanos else { return [] }
        return finishCurrent()
    }

    /// Whether an event is in progress (its digit not yet reported).
    public var hasEventInProgress: Bool { current != nil }

    private mutating func finishCurrent() -> [DetectedDigit] {
        guard let ongoing = current else { return [] }
        current = nil
        reported.append((ongoing.ssrc, ongoing.timestamp))
        if reported.count > Self.reportedMemory { reported.removeFirst() }
        guard let digit = DTMFDigit(eventCode: ongoing.event) else { return [] }
        let milliseconds = Int(ongoing.duration) * 1000 / clockRate
        return [DetectedDigit(digit: digit, durationMilliseconds: milliseconds, source: .rfc4733)]
    }
}
