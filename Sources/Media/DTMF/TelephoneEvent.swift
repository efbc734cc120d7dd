// The RFC 4733 §2.3 telephone-event payload: event code, end bit, volume, duration.

import NIOCore

/// One telephone-event payload (4 bytes).
public struct TelephoneEvent: Sendable, Hashable {
    /// The event code (0-15 are the DTMF keys, 16 is flash).
    public var event: UInt8
    /// The E bit: this packet ends the event.
    public var isEnd: Bool
    /// The R bit, reserved: senders set 0, receivers ignore it.
    public var reserved: Bool
    /// Power level of the tone in -dBm0 (0-63).
    public var volume: UInt8
    /// Duration of the event so far, in timestamp units.
    public var duration: UInt16

    /// The encoded length.
    public static let length = 4

    /// Creates a payload; `volume` is masked to its 6 bits.
    public init(event: UInt8, isEnd: Bool, reserved: Bool = false, volume: UInt8, duration: UInt16) {
        self.event = event
        self.isEnd = isEnd
        self.reserved = reserved
        self.volume = volume & 0x3F
        self.duration = duration
    }

    /// Parses a payload from its first four bytes.
    public init(parsing buffer: ByteBuffer, at index: Int, length: Int) throws(TelephoneEventParseError) {
        guard length >= Self.length,
            let event = buffer.getInteger(at: index, as: UInt8.self),
            let flags = buffer.getInteger(at: index + 1, as: UInt8.self),
            let duration = buffer.getInteger(at: index + 2, as: UInt16.self)
        else { throw .tooShort(length: length) }
        self.init(event: event, isEnd: flags & 0x80 != 0, reserved: flags & 0x40 != 0, volume: flags & 0x3F, duration: duration)
    }

    /// Appends the four bytes to `buffer`.
    public func write(to buffer: inout ByteBuffer) {
        buffer.writeInteger(event)
        buffer.writeInteger((isEnd ? 0x80 : 0) | (reserved ? 0x40 : 0) | volume & 0x3F as UInt8)
        buffer.writeInteger(duration)
    }
}

/// Why a telephone-event payload could not be read.
public enum TelephoneEventParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Fewer than four payload bytes.
    case tooShort(length: Int)

    public var description: String {
        switch self {
        case .tooShort(let length): "telephone-event payload of \(length) bytes is shorter than 4"
        }
    }
}
