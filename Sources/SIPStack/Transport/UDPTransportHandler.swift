// The NIO handler of a UDP socket: datagrams in to the transaction layer.

import Logging
import NIOCore

/// Reads datagrams and hands their bytes to the ``TransactionLayer`` on the same event loop.
final class UDPTransportHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let layer: TransactionLayer

    init(layer: TransactionLayer) {
        self.layer = layer
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        let bytes = Array(envelope.data.readableBytesView)
        layer.datagramReceived(bytes, from: SIPDestination(transport: .udp, address: envelope.remoteAddress))
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // ICMP port unreachable and the like surface here; the socket stays usable.
        layer.logger.debug("UDP socket error", metadata: ["error": "\(error)"])
    }
}

@available(*, unavailable)
extension UDPTransportHandler: Sendable {}
