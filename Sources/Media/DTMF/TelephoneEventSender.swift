// Plans the RFC 4733 packets that send a string of digits: updates every packet interval with
// a growing duration, the end packet three times, then a pause before the next digit.

/// One step of sending digits, taken once per packet interval.
public enum TelephoneEventStep: Sendable, Hashable {
    /// Send this telephone-event payload. `isFirst` marks the first packet of an event (marker
    /// bit, and the moment to fix the event's timestamp); `isLastOfEvent` marks the final end
    /// packet, after which the stream's timeline moves on by `eventSamples`.
    case send(TelephoneEvent, isFirst: Bool, isLastOfEvent: Bool, eventSamples: Int)
    /// Send nothing in this interval (the pause between digits).
    case pause
    /// All digits are sent.
    case finished
}

/// A pure plan for sending digits as telephone events (RFC 4733 §2.5.1).
public struct TelephoneEventSender: Sendable {
    /// Configuration of the tones sent.
    public struct Configuration: Sendable, Hashable {
        /// How long each digit is held, in milliseconds.
        public var toneMilliseconds: Int
        /// Silence between digits, in milliseconds.
        public var pauseMilliseconds: Int
        /// The power level in -dBm0 carried in the payload.
        public var volume: UInt8
        /// Time between packets, in milliseconds (the stream's ptime).
        public var packetMilliseconds: Int
        /// Clock rate of the telephone-event payload type.
        public var clockRate: Int

        /// Creates a configuration; the defaults are those of common phones.
        public init(toneMilliseconds: Int = 100, pauseMilliseconds: Int = 100, volume: UInt8 = 10, packetMilliseconds: Int = 20, clockRate: Int = 8000) {
            self.toneMilliseconds = toneMilliseconds
            self.pauseMilliseconds = pauseMilliseconds
            self.volume = volume
            self.packetMilliseconds = packetMilliseconds
            self.clockRate = clockRate
        }
    }

    private let configuration: Configuration
    private var digits: [DTMFDigit]
    private var digitIndex = 0
    private var tick = 0

    /// Creates a plan for `digits`.
    public init(digits: [DTMFDigit], configuration: Configuration = Configuration()) {
        self.digits = digits
        self.configuration = configuration
    }

    private var updates: Int { max(1, configuration.toneMilliseconds / configuration.packetMilliseconds) }
    private var pauses: Int { max(0, configuration.pauseMilliseconds / configuration.packetMilliseconds) }
    private var samplesPerPacket: Int { configuration.packetMilliseconds * configuration.clockRate / 1000 }

    /// The next step; call once per packet interval.
    public mutating func next() -> TelephoneEventStep {
        guard digitIndex < digits.count else { return .finished }
        let digit = digits[digitIndex]
        let total = updates + 3 + pauses
        defer {
            tick += 1
            if tick == total {
                tick = 0
                digitIndex += 1
            }
        }
        let eventSamples = updates * samplesPerPacket
        if tick < updates {
            let event = TelephoneEvent(event: digit.eventCode, isEnd: false, volume: configuration.volume, duration: UInt16(clamping: (tick + 1) * samplesPerPacket))
            return .send(event, isFirst: tick == 0, isLastOfEvent: false, eventSamples: eventSamples)
        }
        if tick < updates + 3 {
            let event = TelephoneEvent(event: digit.eventCode, isEnd: true, volume: configuration.volume, duration: UInt16(clamping: eventSamples))
            return .send(event, isFirst: false, isLastOfEvent: tick == updates + 2, eventSamples: eventSamples)
        }
        return .pause
    }
}
