// A far-end RTP endpoint for engine tests: binds 127.0.0.1:0, records every packet it receives,
// and streams G.711 or telephone-event packets at 20 ms intervals on its event loop.

import NIOCore
import NIOPosix
import Synchronization
@testable import Media

/// A packet the peer received.
struct ReceivedPacket: Sendable {
    var header: RTPHeader
    var payload: [UInt8]
    var source: SocketAddress
    var raw: [UInt8]
}

final class TestRTPPeer: Sendable {
    let channel: any Channel
    let address: SocketAddress
    private let ssrc: UInt32

    private final class Handler: ChannelInboundHandler, Sendable {
        typealias InboundIn = AddressedEnvelope<ByteBuffer>
        let onPacket: @Sendable (ReceivedPacket) -> Void
        init(onPacket: @escaping @Sendable (ReceivedPacket) -> Void) { self.onPacket = onPacket }
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let envelope = unwrapInboundIn(data)
            let raw = envelope.data.getBytes(at: envelope.data.readerIndex, length: envelope.data.readableBytes) ?? []
            guard let view = try? RTPPacketView(parsing: envelope.data) else {
                onPacket(ReceivedPacket(header: RTPHeader(payloadType: 0, sequenceNumber: 0, timestamp: 0, ssrc: 0), payload: [], source: envelope.remoteAddress, raw: raw))
                return
            }
            let start = envelope.data.readerIndex + view.payloadOffset
            let payload = envelope.data.getBytes(at: start, length: view.payloadLength) ?? []
            onPacket(ReceivedPacket(header: view.header, payload: payload, source: envelope.remoteAddress, raw: raw))
        }
    }

    static func make(group: any EventLoopGroup, ssrc: UInt32 = .random(in: 1...UInt32.max)) async throws -> TestRTPPeer {
        let collector = PacketCollector()
        let channel = try await DatagramBootstrap(group: group)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Handler { collector.append($0) })
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return TestRTPPeer(channel: channel, collector: collector, ssrc: ssrc)
    }

    private let collector: PacketCollector

    private init(channel: any Channel, collector: PacketCollector, ssrc: UInt32) {
        self.channel = channel
        self.address = channel.localAddress!
        self.collector = collector
        self.ssrc = ssrc
    }

    var port: Int { address.port! }

    /// Where the engine should send to (for `RemoteMedia`).
    var remote: RemoteMedia { RemoteMedia(host: "127.0.0.1", port: port) }

    var packets: [ReceivedPacket] { collector.packets }

    func clear() { collector.clear() }

    /// Sends raw bytes.
    func sendRaw(_ bytes: [UInt8], to target: SocketAddress) {
        channel.writeAndFlush(AddressedEnvelope(remoteAddress: target, data: ByteBuffer(bytes: bytes)), promise: nil)
    }

    /// Sends one raw RTP packet.
    func send(_ header: RTPHeader, payload: [UInt8], to target: SocketAddress) {
        var buffer = channel.allocator.buffer(capacity: 12 + payload.count)
        header.write(to: &buffer)
        buffer.writeBytes(payload)
        channel.writeAndFlush(AddressedEnvelope(remoteAddress: target, data: buffer), promise: nil)
    }

    /// Streams 20 ms G.711 frames of `samples` to `target`, one per 20 ms on the event loop;
    /// `skip` lists frame indices not sent (packet loss). Returns when the last is sent.
    func stream(
        _ samples: [Int16], law: G711Law, payloadType: UInt8, to target: SocketAddress,
        firstSequence: UInt16 = 1000, firstTimestamp: UInt32 = 50_000, skip: Set<Int> = [], stop: StopFlag? = nil
    ) async throws {
        let frames = samples.count / 160
        let payloads = (0..<frames).map { G711.encode(law, Array(samples[$0 * 160..<($0 + 1) * 160])) }
        try await paced(count: frames, stop: stop) { [self] index in
            guard !skip.contains(index) else { return }
            let header = RTPHeader(
                marker: index == 0, payloadType: payloadType, sequenceNumber: firstSequence &+ UInt16(index),
                timestamp: firstTimestamp &+ UInt32(index * 160), ssrc: ssrc)
            send(header, payload: payloads[index], to: target)
        }
    }

    /// Sends an RFC 4733 digit: five updates and three end packets, 20 ms apart.
    func sendEvent(_ digit: DTMFDigit, payloadType: UInt8 = 101, timestamp: UInt32, firstSequence: UInt16, to target: SocketAddress) async throws {
        try await paced(count: 8) { [self] index in
            let end = index >= 5
            let event = TelephoneEvent(event: digit.eventCode, isEnd: end, volume: 10, duration: UInt16(min(index + 1, 5) * 160))
            var buffer = ByteBuffer()
            event.write(to: &buffer)
            let header = RTPHeader(marker: index == 0, payloadType: payloadType, sequenceNumber: firstSequence &+ UInt16(index), timestamp: timestamp, ssrc: ssrc)
            send(header, payload: buffer.readBytes(length: 4)!, to: target)
        }
    }

    /// Runs `body(0..<count)` at 20 ms intervals on the peer's event loop.
    func paced(count: Int, stop: StopFlag? = nil, _ body: @escaping @Sendable (Int) -> Void) async throws {
        guard count > 0 else { return }
        let loop = channel.eventLoop
        let promise = loop.makePromise(of: Void.self)
        let start = NIODeadline.now()
        @Sendable func step(_ index: Int) {
            if stop?.isSet == true {
                promise.succeed(())
                return
            }
            body(index)
            if index + 1 == count {
                promise.succeed(())
            } else {
                loop.scheduleTask(deadline: start + .milliseconds(Int64(20 * (index + 1)))) { step(index + 1) }
            }
        }
        loop.execute { step(0) }
        try await promise.futureResult.get()
    }

    /// Waits (bounded) until `condition` holds for the received packets.
    func waitUntil(timeoutMilliseconds: Int = 5000, _ condition: @escaping @Sendable ([ReceivedPacket]) -> Bool) async throws -> Bool {
        let loop = channel.eventLoop
        let deadline = NIODeadline.now() + .milliseconds(Int64(timeoutMilliseconds))
        while NIODeadline.now() < deadline {
            if condition(packets) { return true }
            try await loop.scheduleTask(in: .milliseconds(20)) {}.futureResult.get()
        }
        return condition(packets)
    }

    func close() async {
        try? await channel.close()
    }
}

/// Stops a stream early.
final class StopFlag: Sendable {
    private let flag = Mutex(false)
    var isSet: Bool { flag.withLock { $0 } }
    func set() { flag.withLock { $0 = true } }
}

final class PacketCollector: Sendable {
    private let state = Mutex<[ReceivedPacket]>([])
    func append(_ packet: ReceivedPacket) { state.withLock { $0.append(packet) } }
    var packets: [ReceivedPacket] { state.withLock { $0 } }
    func clear() { state.withLock { $0.removeAll() } }
}

extension Array where Element == ReceivedPacket {
    /// The payloads decoded to linear samples, in arrival order.
    func samples(_ law: G711Law) -> [Int16] {
        flatMap { G711.decode(law, $0.payload) }
    }

    /// The audio packets (not telephone events).
    func audio(payloadType: UInt8) -> [ReceivedPacket] {
        filter { $0.header.payloadType == payloadType }
    }
}

/// Runs `body` with an engine on a fresh port range and shuts it down afterwards.
func withEngine<T>(
    ports: ClosedRange<Int>? = nil,
    _ body: (MediaEngine) async throws -> T
) async throws -> T {
    let base = EngineTestPorts.next()
    let engine = try MediaEngine(configuration: .init(host: "127.0.0.1", portRange: ports ?? (base...(base + 199)), eventLoopThreads: 2))
    do {
        let result = try await body(engine)
        await engine.shutdown()
        return result
    } catch {
        await engine.shutdown()
        throw error
    }
}

/// Hands each test its own block of 200 ports, so parallel tests never share one.
enum EngineTestPorts {
    private static let counter = Atomic<Int>(0)
    static func next() -> Int {
        let pid = Int(getpid() % 50)
        let block = counter.add(1, ordering: .relaxed).newValue
        return 30000 + ((pid * 37 + block) % 150) * 200
    }
}

#if canImport(Glibc)
import Glibc
#endif
