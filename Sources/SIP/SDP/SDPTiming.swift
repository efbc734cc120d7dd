// The `t=`, `r=` and `z=` lines: when a session is active.

/// A time the session is active (`t=<start> <stop>`, RFC 8866 §5.9) with its repeat lines.
///
/// Sessions set up through SIP are always `t=0 0` (RFC 3264 §5): permanent, not bounded.
public struct SDPTiming: Hashable, Sendable {
    /// Start time in NTP seconds; 0 for an unbounded session.
    public var start: UInt64
    /// Stop time in NTP seconds; 0 for an unbounded session.
    public var stop: UInt64
    /// The `r=` lines that follow this `t=` line.
    public var repeats: [SDPRepeatTimes]

    /// Creates a time description.
    public init(start: UInt64 = 0, stop: UInt64 = 0, repeats: [SDPRepeatTimes] = []) {
        self.start = start
        self.stop = stop
        self.repeats = repeats
    }

    /// `t=0 0`, the timing of every session set up with SIP.
    public static let permanent = SDPTiming()
}

/// Repeat times (`r=<interval> <active duration> <offsets>...`, RFC 8866 §5.10). Each field is
/// a typed time: a number of seconds, or a number with a unit `d`, `h`, `m` or `s`; they are
/// kept as written.
public struct SDPRepeatTimes: Hashable, Sendable {
    /// The repeat interval, e.g. `7d` or `604800`.
    public var interval: String
    /// The active duration, e.g. `1h`.
    public var activeDuration: String
    /// Offsets from the start time, at least one.
    public var offsets: [String]

    /// Creates a repeat line.
    public init(interval: String, activeDuration: String, offsets: [String]) {
        self.interval = interval
        self.activeDuration = activeDuration
        self.offsets = offsets
    }
}

/// One adjustment of a `z=` line (RFC 8866 §5.11): from `time` (NTP seconds) on, shift repeat
/// times by `offset` (a typed time that may start with `-`, kept as written).
public struct SDPTimeZoneAdjustment: Hashable, Sendable {
    /// When the adjustment takes effect, in NTP seconds.
    public var time: UInt64
    /// The shift, e.g. `-1h` or `0`.
    public var offset: String

    /// Creates an adjustment.
    public init(time: UInt64, offset: String) {
        self.time = time
        self.offset = offset
    }
}

extension SDPTiming: SIPSerializable {
    /// Appends `0 0` (without `t=`; the repeat lines are written by the description).
    public func serialize(into buffer: inout [UInt8]) {
        buffer.appendDecimal(start)
        buffer.append(ASCII.space)
        buffer.appendDecimal(stop)
    }
}

extension SDPRepeatTimes: SIPSerializable {
    /// Appends `7d 1h 0 25h` (without `r=`).
    public func serialize(into buffer: inout [UInt8]) {
        buffer.appendUTF8(interval)
        buffer.append(ASCII.space)
        buffer.appendUTF8(activeDuration)
        for offset in offsets {
            buffer.append(ASCII.space)
            buffer.appendUTF8(offset)
        }
    }
}
