// The NIO handlers on a leg's two sockets: every datagram goes straight to the leg, on the
// leg's event loop, with no further pipeline stages.

import Logging
import NIOCore

/// Hands RTP datagrams to the leg.
final class RTPChannelHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let leg: RTPLeg

    init(leg: RTPLeg) {
        self.leg = leg
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        leg.receivedRTP(unwrapInboundIn(data))
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // ICMP port unreachable and the like surface here; the leg keeps running.
        leg.logger.trace("RTP socket error", metadata: leg.logMetadata(["error": "\(error)"]))
    }
}

/// Hands RTCP datagrams to the leg.
final class RTCPChannelHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let leg: RTPLeg

    init(leg: RTPLeg) {
        self.leg = leg
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        leg.receivedRTCP(envelope.data, source: envelope.remoteAddress, now: Int64(NIODeadline.now().uptimeNanoseconds))
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        leg.logger.trace("RTCP socket error", metadata: leg.logMetadata(["error": "\(error)"]))
    }
}

@available(*, unavailable)
extension RTPChannelHandler: Sendable {}

@available(*, unavailable)
extension RTCPChannelHandler: Sendable {}
