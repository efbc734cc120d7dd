// Errors of the media engine, each with a message a person can act on.

import NIOCore

/// Why a media operation failed.
public enum MediaError: Error, Sendable, CustomStringConvertible {
    /// The configured port range holds no even port with its odd neighbour.
    case invalidPortRange(ClosedRange<Int>)
    /// Every RTP port of the range is in use.
    case portsExhausted(range: ClosedRange<Int>)
    /// No port of the range could be bound (another program holds them, or the address is wrong).
    case bindFailed(host: String, attempts: Int, underlying: String)
    /// The remote address from SDP is not a usable IP address and port.
    case invalidRemoteAddress(host: String, port: Int, reason: String)
    /// A payload type outside 0-127, or a packet time Kefu does not send.
    case invalidPayloadMap(String)
    /// The leg was released.
    case legReleased(MediaLegID)
    /// The engine is not running or has shut down.
    case engineStopped
    /// Legs of another engine were passed in.
    case foreignLeg(MediaLegID)
    /// The same leg appears twice, or a mix got fewer than two legs.
    case invalidParticipants(String)
    /// A prompt could not be loaded.
    case promptUnavailable(prompt: String, reason: String)
    /// A recording could not be written.
    case recordingFailed(path: String, reason: String)
    /// Digits given to send are not DTMF keys.
    case invalidDigits(String)

    public var description: String {
        switch self {
        case .invalidPortRange(let range): "RTP port range \(range) holds no even port with its RTCP port above it (use e.g. 20000...29999)"
        case .portsExhausted(let range): "all RTP ports in \(range) are in use: widen the range or lower the concurrent call limit"
        case .bindFailed(let host, let attempts, let underlying): "could not bind an RTP port on \(host) after \(attempts) attempts: \(underlying)"
        case .invalidRemoteAddress(let host, let port, let reason): "remote media address \(host):\(port) is not usable: \(reason)"
        case .invalidPayloadMap(let reason): "payload map: \(reason)"
        case .legReleased(let id): "media leg \(id) was already released"
        case .engineStopped: "the media engine is not running"
        case .foreignLeg(let id): "media leg \(id) belongs to another media engine"
        case .invalidParticipants(let reason): "invalid participants: \(reason)"
        case .promptUnavailable(let prompt, let reason): "prompt \(prompt) cannot be played: \(reason)"
        case .recordingFailed(let path, let reason): "recording \(path) failed: \(reason)"
        case .invalidDigits(let digits): "\"\(digits)\" holds characters that are not DTMF keys (0-9, *, #, A-D)"
        }
    }
}
