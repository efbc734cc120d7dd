// A WebSocket client that stops reading: it sends the upgrade request, then leaves every
// byte in the kernel's buffers until told to read, as a desktop on a frozen tab or a
// congested link does. The usual test client reads into memory whatever it is sent.

import NIOCore
import NIOPosix
import Synchronization

/// A raw TCP client of `/api/v1/events` that reads nothing until ``read(until:within:)``.
final class StalledWebSocketClient: Sendable {
    private let channel: any Channel
    private let collector: Collector

    /// Everything received, and whether the server closed the connection.
    final class Collector: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let received = Mutex<(bytes: [UInt8], closed: Bool)>(([], false))

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = unwrapInboundIn(data)
            received.withLock { $0.bytes += buffer.readableBytesView }
        }

        func channelInactive(context: ChannelHandlerContext) {
            received.withLock { $0.closed = true }
        }
    }

    /// Connects to `port`, asks for the event stream with `cookie`, and reads nothing.
    init(port: Int, cookie: String) async throws {
        let collector = Collector()
        channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.autoRead, value: false)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(collector) }
            }
            .connect(host: "127.0.0.1", port: port).get()
        self.collector = collector
        let request = "GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nCookie: \(cookie)\r\n\r\n"
        try await channel.writeAndFlush(ByteBuffer(string: request)).get()
    }

    /// Starts reading; returns the bytes received once the server closed the connection,
    /// they end with `ending`, or `within` seconds passed.
    func read(until ending: [UInt8], within seconds: Double) async throws -> [UInt8] {
        // A connection the server closed is read to its end by NIO at the close; the server may
        // close it between the check and the option (CI saw "I/O on closed channel" there).
        if channel.isActive, (try? await channel.setOption(.autoRead, value: true).get()) != nil {
            channel.read()
        }
        let collector = collector
        _ = await eventually(within: seconds) {
            collector.received.withLock { $0.closed || $0.bytes.suffix(ending.count).elementsEqual(ending) }
        }
        try? await channel.close().get()
        return collector.received.withLock { $0.bytes }
    }
}
