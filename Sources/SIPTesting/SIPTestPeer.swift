// The far end of a UDP transport on an EmbeddedChannel: typed SIP in, typed SIP out.

import NIOCore
import NIOEmbedded
import SIP

/// A peer that speaks typed SIP messages to a stack whose UDP transport sits on an
/// `EmbeddedChannel` (the reverse codec of postgres-nio's tests): ``send(_:)`` serializes and
/// injects a datagram from ``address``; ``receive()`` parses what the stack wrote.
/// Time is the channel's `EmbeddedEventLoop`: `advanceTime(by:)` fires the stack's timers.
public final class SIPTestPeer {
    /// The channel the stack's UDP transport handler sits on.
    public let channel: EmbeddedChannel
    /// The peer's own address (the source of what it sends).
    public let address: SocketAddress

    /// A peer at `address` on `channel`.
    public init(channel: EmbeddedChannel, address: SocketAddress) {
        self.channel = channel
        self.address = address
    }

    /// Injects `message` as a datagram from ``address``.
    public func send(_ message: SIPMessage) throws {
        try send(bytes: message.serializedBytes)
    }

    /// Injects `request` as a datagram from ``address``.
    public func send(_ request: SIPRequest) throws {
        try send(.request(request))
    }

    /// Injects raw bytes as a datagram from ``address``.
    public func send(bytes: [UInt8]) throws {
        try channel.writeInbound(AddressedEnvelope(remoteAddress: address, data: ByteBuffer(bytes: bytes)))
    }

    /// The next datagram the stack wrote, parsed, with its destination; nil when none.
    public func receiveWithDestination() throws -> (SIPMessage, SocketAddress)? {
        guard let envelope = try channel.readOutbound(as: AddressedEnvelope<ByteBuffer>.self) else { return nil }
        return (try SIPMessage.parse(Array(envelope.data.readableBytesView)), envelope.remoteAddress)
    }

    /// The next message the stack wrote; nil when none.
    public func receive() throws -> SIPMessage? {
        try receiveWithDestination()?.0
    }

    /// Every message the stack has written so far.
    public func receiveAll() throws -> [SIPMessage] {
        var messages: [SIPMessage] = []
        while let message = try receive() { messages.append(message) }
        return messages
    }

    /// The statuses of every response the stack has written so far.
    public func receivedStatuses() throws -> [Int] {
        try receiveAll().compactMap { $0.response?.status.code }
    }
}
