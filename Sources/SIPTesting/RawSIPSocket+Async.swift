// Reading a RawSIPSocket from async tests without holding a cooperative thread.

import Foundation
import SIP

// The socket is used by one test at a time, one call at a time; the async reads below hand it
// to a helper thread and wait for that thread to finish before anything else touches it.
extension RawSIPSocket: @unchecked Sendable {}

extension RawSIPSocket {
    /// The next SIP message received, or nil on timeout or a closed connection.
    ///
    /// The blocking read runs on its own thread: on a 2-core machine Swift's cooperative pool
    /// has two threads, and a test blocked in `recv` on one of them can starve the very task
    /// (an async credential lookup, say) that would produce the answer it waits for.
    public func receive() async -> SIPMessage? {
        await Self.offloaded { self.receive() as SIPMessage? }
    }

    /// The next response received, skipping requests, or nil on timeout.
    public func receiveResponse() async -> SIPResponse? {
        await Self.offloaded { self.receiveResponse() as SIPResponse? }
    }

    /// Whether the peer closed a TCP connection (reads end of stream within the timeout).
    public func isClosedByPeer() async -> Bool {
        await Self.offloaded { self.isClosedByPeer() as Bool }
    }

    private static func offloaded<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: body()) }.start()
        }
    }
}
