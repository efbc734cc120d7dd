// One open event stream's queue: the encoded messages waiting for its client, bounded, and
// the alarm raised when the client falls so far behind that the queue is full.

import NIOCore
import Store
import Synchronization

/// A stream's bounded queue of encoded messages (shared buffers, never copied per stream).
///
/// ``offer(_:)`` never waits: the fan-out hands every stream its message and moves on. A
/// stream whose client does not keep up fills its queue; the next offer marks it as fallen
/// behind, ends its queue and raises its alarm, and the stream closes the connection with
/// ``StreamCloseReason/fellBehind`` (the client reconnects and starts from a fresh snapshot).
final class StreamSubscriber: Sendable {
    /// The subscription's number, unique in the server.
    let id: Int
    /// The audience whose events it gets.
    let key: AudienceKey
    /// Whose stream it is (for the per-user limit).
    let user: Principal.Credential
    /// The messages to send, in order; ends when the stream fell behind or unsubscribed.
    let frames: AsyncStream<ByteBuffer>
    private let framesContinuation: AsyncStream<ByteBuffer>.Continuation
    private let alarm: AsyncStream<Never>
    private let alarmContinuation: AsyncStream<Never>.Continuation
    private let fellBehind = Atomic<Bool>(false)

    /// A stream that holds at most `queue` messages for its client.
    init(id: Int, key: AudienceKey, user: Principal.Credential, queue: Int) {
        self.id = id
        self.key = key
        self.user = user
        (frames, framesContinuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingOldest(queue))
        (alarm, alarmContinuation) = AsyncStream.makeStream()
    }

    /// Queues `frame`; a full queue means the client fell behind. Returns whether it fell
    /// behind with this frame.
    @discardableResult
    func offer(_ frame: ByteBuffer) -> Bool {
        guard case .dropped = framesContinuation.yield(frame) else { return false }
        return markFallenBehind()
    }

    /// Whether the client fell behind (its stream is to be closed).
    var hasFallenBehind: Bool { fellBehind.load(ordering: .acquiring) }

    /// Returns when the client falls behind, or when the calling task is cancelled.
    func untilFallenBehind() async {
        for await _ in alarm {}
    }

    /// Ends the queue (the stream closed).
    func finish() {
        framesContinuation.finish()
        alarmContinuation.finish()
    }

    private func markFallenBehind() -> Bool {
        guard !fellBehind.exchange(true, ordering: .acquiringAndReleasing) else { return false }
        finish()
        return true
    }
}
