// The RTP fixed header (RFC 3550 §5.1): parsing from and writing into a ByteBuffer.

import NIOCore

/// The fields of an RTP fixed header that Kefu reads and writes.
///
/// Parsing validates the version, the CSRC list, the header extension and the padding
/// against the datagram's length, so `payloadRange` always lies inside the buffer.
public struct RTPHeader: Sendable, Hashable {
    /// The marker bit (M): start of a talkspurt, or the first packet of a DTMF event.
    public var marker: Bool
    /// The 7-bit payload type.
    public var payloadType: UInt8
    /// The 16-bit sequence number.
    public var sequenceNumber: UInt16
    /// The 32-bit media timestamp.
    public var timestamp: UInt32
    /// The synchronization source.
    public var ssrc: UInt32

    /// The length of the fixed header Kefu writes (no CSRCs, no extension).
    public static let fixedLength = 12

    /// Creates a header with the given fields.
    public init(marker: Bool = false, payloadType: UInt8, sequenceNumber: UInt16, timestamp: UInt32, ssrc: UInt32) {
        self.marker = marker
        self.payloadType = payloadType
        self.sequenceNumber = sequenceNumber
        self.timestamp = timestamp
        self.ssrc = ssrc
    }

    /// Writes the 12-byte fixed header at `index` (version 2, no padding, extension or CSRCs).
    @inlinable
    public func write(to buffer: inout ByteBuffer, at index: Int) {
        buffer.setInteger(UInt8(0x80), at: index)
        buffer.setInteger(payloadType & 0x7F | (marker ? 0x80 : 0), at: index + 1)
        buffer.setInteger(sequenceNumber, at: index + 2)
        buffer.setInteger(timestamp, at: index + 4)
        buffer.setInteger(ssrc, at: index + 8)
    }

    /// Appends the fixed header to `buffer`.
    @inlinable
    public func write(to buffer: inout ByteBuffer) {
        buffer.writeInteger(UInt8(0x80))
        buffer.writeInteger(payloadType & 0x7F | (marker ? 0x80 : 0))
        buffer.writeInteger(sequenceNumber)
        buffer.writeInteger(timestamp)
        buffer.writeInteger(ssrc)
    }
}

/// A parsed RTP packet: its header and where its payload lies in the datagram.
public struct RTPPacketView: Sendable, Hashable {
    /// The header fields.
    public var header: RTPHeader
    /// Offset of the payload from the buffer's reader index.
    public var payloadOffset: Int
    /// Length of the payload without padding.
    public var payloadLength: Int

    /// Parses the RTP packet starting at the buffer's reader index, without consuming it.
    @inlinable
    public init(parsing buffer: ByteBuffer) throws(RTPParseError) {
        let base = buffer.readerIndex
        let length = buffer.readableBytes
        guard length >= RTPHeader.fixedLength,
            let first = buffer.getInteger(at: base, as: UInt8.self),
            let second = buffer.getInteger(at: base + 1, as: UInt8.self),
            let sequence = buffer.getInteger(at: base + 2, as: UInt16.self),
            let timestamp = buffer.getInteger(at: base + 4, as: UInt32.self),
            let ssrc = buffer.getInteger(at: base + 8, as: UInt32.self)
        else { throw .tooShort(length: length) }
        guard first >> 6 == 2 else { throw .unsupportedVersion(Int(first >> 6)) }
        var offset = RTPHeader.fixedLength + Int(first & 0x0F) * 4
        guard offset <= length else { throw .truncatedCSRCList(count: Int(first & 0x0F), length: length) }
        if first & 0x10 != 0 {
            guard offset + 4 <= length, let words = buffer.getInteger(at: base + offset + 2, as: UInt16.self) else {
                throw .truncatedExtension(length: length)
            }
            offset += 4 + Int(words) * 4
            guard offset <= length else { throw .truncatedExtension(length: length) }
        }
        var padding = 0
        if first & 0x20 != 0 {
            padding = Int(buffer.getInteger(at: base + length - 1, as: UInt8.self) ?? 0)
            guard padding > 0, offset + padding <= length else { throw .invalidPadding(count: padding, length: length) }
        }
        self.header = RTPHeader(
            marker: second & 0x80 != 0,
            payloadType: second & 0x7F,
            sequenceNumber: sequence,
            timestamp: timestamp,
            ssrc: ssrc
        )
        self.payloadOffset = offset
        self.payloadLength = length - offset - padding
    }

    /// Whether the second byte marks an RTCP packet multiplexed on the RTP port (RFC 5761 §4:
    /// packet types 192-223 land on RTP payload types 64-95).
    @inlinable
    public static func looksLikeRTCP(_ buffer: ByteBuffer) -> Bool {
        guard let second = buffer.getInteger(at: buffer.readerIndex + 1, as: UInt8.self) else { return false }
        return second >= 192 && second <= 223
    }
}

/// Why a datagram is not a usable RTP packet.
public enum RTPParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Shorter than the 12-byte fixed header.
    case tooShort(length: Int)
    /// The version field is not 2.
    case unsupportedVersion(Int)
    /// The CSRC count claims more bytes than the datagram has.
    case truncatedCSRCList(count: Int, length: Int)
    /// The header extension claims more bytes than the datagram has.
    case truncatedExtension(length: Int)
    /// The padding count is zero or longer than the payload.
    case invalidPadding(count: Int, length: Int)

    public var description: String {
        switch self {
        case .tooShort(let length): "RTP packet of \(length) bytes is shorter than the 12-byte header"
        case .unsupportedVersion(let version): "RTP version \(version) is not 2"
        case .truncatedCSRCList(let count, let length): "RTP CSRC count \(count) runs past the \(length)-byte packet"
        case .truncatedExtension(let length): "RTP header extension runs past the \(length)-byte packet"
        case .invalidPadding(let count, let length): "RTP padding of \(count) bytes does not fit the \(length)-byte packet"
        }
    }
}
