// How a leg hands its received audio to the recorder and the mixer: decoded samples with the
// RTP timestamp, delivered on the consumer's event loop.

import NIOCore

/// A consumer of a leg's received audio. Its methods run on its own event loop.
protocol AudioTapConsumer: AnyObject, Sendable {
    /// The loop the consumer lives on.
    var eventLoop: any EventLoop { get }
    /// Received audio from the leg registered under `tap`.
    func tapReceived(_ tap: Int, ssrc: UInt32, timestamp: UInt32, samples: UnsafeBufferPointer<Int16>)
    /// The leg under `tap` was released.
    func tapEnded(_ tap: Int)
}

/// A registration of a consumer on a leg.
struct AudioTap {
    let consumer: any AudioTapConsumer
    let index: Int
}
