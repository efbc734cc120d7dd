// The NIO handler of one TCP connection: Content-Length framing, keep-alives, idle limits.

import Logging
import NIOCore
import SIP

/// Frames the byte stream of one TCP connection into SIP messages with ``SIPStreamFramer``.
///
/// A malformed message whose length was readable is answered `400` and the stream goes on;
/// a stream that cannot be framed any more (no Content-Length, a limit exceeded) is closed.
/// Memory per connection stays within the framer's limit.
final class TCPConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let layer: TransactionLayer
    private var framer: SIPStreamFramer
    private var remote: SocketAddress?

    init(layer: TransactionLayer, configuration: SIPMessageParser.Configuration) {
        self.layer = layer
        self.framer = SIPStreamFramer(configuration: configuration)
    }

    func channelActive(context: ChannelHandlerContext) {
        remote = context.channel.remoteAddress
        if let remote { layer.transports.connectionOpened(context.channel, remote: remote) }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let remote { layer.transports.connectionClosed(context.channel, remote: remote) }
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        buffer.withUnsafeReadableBytes { framer.append($0) }
        guard let remote else { return }
        let source = SIPDestination(transport: .tcp, address: remote, connection: context.channel)
        while true {
            let frame: SIPStreamFramer.Frame?
            do {
                frame = try framer.next()
            } catch {
                layer.logger.info("closing TCP connection that cannot be framed", metadata: [
                    "peer": "\(source)", "reason": "\(error.reasonPhrase)",
                ])
                layer.answerUnparseable(error, from: source)
                context.close(promise: nil)
                return
            }
            guard let frame else { return }
            switch frame {
            case .message(let message):
                layer.messageReceived(message, from: source)
            case .keepAlivePing:
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: [13, 10])), promise: nil)
            case .malformedMessage(let error):
                layer.answerUnparseable(error, from: source)
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        layer.logger.debug("TCP connection error", metadata: ["error": "\(error)"])
        context.close(promise: nil)
    }
}

@available(*, unavailable)
extension TCPConnectionHandler: Sendable {}
