// Framing of SMPP over TCP: each PDU starts with its own 4-byte length, so the decoder waits
// for that many bytes and hands whole PDUs up; a length out of bounds closes the connection.

import NIOCore

/// Splits the byte stream into PDUs.
struct SMPPFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMPPPDU

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self) else { return .needMoreData }
        guard length >= 16, Int(length) <= SMPPPDU.maximumLength else {
            throw SMPPDecodingError("command_length \(length) is outside 16...\(SMPPPDU.maximumLength)")
        }
        guard let frame = buffer.readSlice(length: Int(length)) else { return .needMoreData }
        context.fireChannelRead(Self.wrapInboundOut(try SMPPPDU.decode(frame)))
        return .continue
    }
}

/// Writes PDUs.
struct SMPPFrameEncoder: MessageToByteEncoder {
    typealias OutboundIn = SMPPPDU

    func encode(data: SMPPPDU, out: inout ByteBuffer) throws {
        data.encode(into: &out)
    }
}
