// Events a leg reports to the call path, and the identifiers of legs and playbacks.

/// Identifies a leg within its engine (for logs and events).
public struct MediaLegID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The number, unique per engine.
    public let rawValue: UInt64

    /// Creates an identifier.
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { "leg-\(rawValue)" }
}

/// Something that happened on a leg.
public enum MediaEvent: Sendable, Hashable {
    /// A digit arrived (RFC 4733, in-band or SIP INFO).
    case digit(DetectedDigit)
    /// No RTP arrived for `milliseconds` (at least the configured timeout): the peer is
    /// probably gone, and the call path should hang up and write the CDR.
    case rtpTimeout(milliseconds: Int)
    /// Media started arriving from `address` and replies now go there (symmetric RTP).
    case remoteLatched(address: String)
    /// A playback ended.
    case playbackEnded(PlaybackOutcome)
    /// The leg was released; no more events follow.
    case released
}

/// How a playback ended.
public enum PlaybackOutcome: Sendable, Hashable {
    /// Everything was played.
    case finished
    /// A digit interrupted it (barge-in); the digit stays in the leg's type-ahead buffer for
    /// the next `collectDigits`.
    case interrupted(by: DTMFDigit)
    /// `stopPlayback`, a newer playback, or the leg's release stopped it.
    case stopped
}
