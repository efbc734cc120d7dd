// Listening sockets and TCP connections: binding, connection reuse, sending bytes to a peer.

import Logging
import NIOCore
import NIOPosix

/// Owns the UDP sockets, the TCP listeners and the TCP connections of one stack, all on one
/// event loop.
///
/// TCP connections are kept per remote address: a response goes back on the connection its
/// request came on, and a request to a peer reuses an open connection to it (accepted or
/// dialled) before a new one is made (RFC 3261 §18.1.1, §18.2.2).
final class SIPTransportManager {
    let eventLoop: any EventLoop
    unowned let layer: TransactionLayer
    private(set) var udpChannels: [any Channel] = []
    private(set) var tcpListeners: [any Channel] = []
    private var connections: [SocketAddress: any Channel] = [:]
    private var pendingConnects: [SocketAddress: [(ByteBuffer, (() -> Void)?)]] = [:]

    /// Datagrams read per system call.
    static let vectorReadCount = 8

    init(eventLoop: any EventLoop, layer: TransactionLayer) {
        self.eventLoop = eventLoop
        self.layer = layer
    }

    /// The number of open TCP connections.
    var connectionCount: Int { connections.count }

    // MARK: binding

    func bindUDP(host: String, port: Int) -> EventLoopFuture<any Channel> {
        let layer = NIOLoopBound(self.layer, eventLoop: eventLoop)
        return DatagramBootstrap(group: eventLoop)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            // recvmmsg: each of the 8 datagrams gets 1/8 of the receive buffer, so the buffer
            // holds 8 maximum-size datagrams (the buffer is pooled and reused).
            .channelOption(.datagramVectorReadMessageCount, value: Self.vectorReadCount)
            .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: Self.vectorReadCount * 65_536))
            .channelOption(.maxMessagesPerRead, value: 8)
            .channelOption(.socketOption(.so_rcvbuf), value: 4 << 20)
            .channelOption(.socketOption(.so_sndbuf), value: 4 << 20)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(UDPTransportHandler(layer: layer.value))
                }
            }
            .bind(host: host, port: port)
            .assumeIsolated()
            .map { channel in
                self.udpChannels.append(channel)
                return channel
            }
            .nonisolated()
    }

    func bindTCP(host: String, port: Int) -> EventLoopFuture<any Channel> {
        let layer = NIOLoopBound(self.layer, eventLoop: eventLoop)
        let configuration = self.layer.configuration
        return ServerBootstrap(group: eventLoop, childGroup: eventLoop)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 1024)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try Self.addTCPHandlers(to: channel, layer: layer.value, configuration: configuration)
                }
            }
            .bind(host: host, port: port)
            .assumeIsolated()
            .map { channel in
                self.tcpListeners.append(channel)
                return channel
            }
            .nonisolated()
    }

    private static func addTCPHandlers(to channel: any Channel, layer: TransactionLayer, configuration: SIPStackConfiguration) throws {
        let idle = TimeAmount.nanoseconds(Int64(configuration.tcpIdleTimeout.components.seconds) * 1_000_000_000)
        try channel.pipeline.syncOperations.addHandler(IdleStateHandler(readTimeout: idle))
        try channel.pipeline.syncOperations.addHandler(TCPConnectionHandler(layer: layer, configuration: configuration.parser))
    }

    /// Uses an existing datagram channel (an `EmbeddedChannel` in tests) as a UDP transport.
    func attachDatagramChannel(_ channel: any Channel) throws {
        try channel.pipeline.syncOperations.addHandler(UDPTransportHandler(layer: layer))
        udpChannels.append(channel)
    }

    // MARK: connections

    func connectionOpened(_ channel: any Channel, remote: SocketAddress) {
        if connections.count >= layer.configuration.maxTCPConnections {
            layer.logger.warning("TCP connection limit reached; refusing connection", metadata: ["peer": "\(remote)"])
            channel.close(promise: nil)
            return
        }
        connections[remote] = channel
    }

    func connectionClosed(_ channel: any Channel, remote: SocketAddress) {
        if let current = connections[remote], current === channel {
            connections[remote] = nil
        }
    }

    // MARK: sending

    /// Sends `bytes` to `destination`; `onFailure` runs when a TCP connection cannot be made
    /// or is gone (UDP failures are silent, as RFC 3261 expects).
    func send(_ bytes: ByteBuffer, to destination: SIPDestination, onFailure: (() -> Void)? = nil) {
        switch destination.transport {
        case .udp:
            guard let channel = udpChannel(for: destination.address) else {
                onFailure?()
                return
            }
            channel.writeAndFlush(AddressedEnvelope(remoteAddress: destination.address, data: bytes), promise: nil)
        case .tcp:
            if let connection = destination.connection, connection.isActive {
                write(bytes, on: connection, onFailure: onFailure)
            } else if let connection = connections[destination.address], connection.isActive {
                write(bytes, on: connection, onFailure: onFailure)
            } else {
                connect(to: destination.address, thenSend: bytes, onFailure: onFailure)
            }
        }
    }

    private func write(_ bytes: ByteBuffer, on channel: any Channel, onFailure: (() -> Void)?) {
        guard let onFailure else {
            channel.writeAndFlush(bytes, promise: nil)
            return
        }
        let failure = NIOLoopBound(onFailure, eventLoop: eventLoop)
        channel.writeAndFlush(bytes).whenFailure { _ in failure.value() }
    }

    private func connect(to address: SocketAddress, thenSend bytes: ByteBuffer, onFailure: (() -> Void)?) {
        if pendingConnects[address] != nil {
            pendingConnects[address]?.append((bytes, onFailure))
            return
        }
        pendingConnects[address] = [(bytes, onFailure)]
        let layer = NIOLoopBound(self.layer, eventLoop: eventLoop)
        let configuration = self.layer.configuration
        ClientBootstrap(group: eventLoop)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connectTimeout(.seconds(5))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try Self.addTCPHandlers(to: channel, layer: layer.value, configuration: configuration)
                }
            }
            .connect(to: address)
            .assumeIsolated()
            .whenComplete { result in
                let queued = self.pendingConnects.removeValue(forKey: address) ?? []
                switch result {
                case .success(let channel):
                    self.connections[address] = channel
                    for (bytes, onFailure) in queued { self.write(bytes, on: channel, onFailure: onFailure) }
                case .failure(let error):
                    self.layer.logger.info("TCP connect failed", metadata: ["peer": "\(address)", "error": "\(error)"])
                    for (_, onFailure) in queued { onFailure?() }
                }
            }
    }

    private func udpChannel(for address: SocketAddress) -> (any Channel)? {
        let wantsV6: Bool
        if case .v6 = address { wantsV6 = true } else { wantsV6 = false }
        for channel in udpChannels {
            guard let local = channel.localAddress else { continue }
            if case .v6 = local { if wantsV6 { return channel } } else if !wantsV6 { return channel }
        }
        return nil
    }

    /// Closes every socket and connection.
    func closeAll() -> EventLoopFuture<Void> {
        let channels: [any Channel] = udpChannels + tcpListeners + Array(connections.values)
        udpChannels = []
        tcpListeners = []
        connections = [:]
        let futures = channels.map { $0.close().recover { _ in } }
        return EventLoopFuture.andAllComplete(futures, on: eventLoop)
    }
}

@available(*, unavailable)
extension SIPTransportManager: Sendable {}
