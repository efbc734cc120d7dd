// The call path's handle on one leg: play prompts, collect and send digits, follow events,
// update the remote address, read counters, release. Sendable; every call hops onto the leg's
// event loop.

import NIOCore

/// One call leg's media, as the call path sees it.
///
/// Obtain one from `MediaEngine.openLeg(_:near:)`; put `localHost`/`localPort` in the SDP;
/// call `release()` when the call ends (the port pair returns to the pool).
public final class MediaLeg: Sendable, Hashable, CustomStringConvertible {
    /// The leg's identifier.
    public let id: MediaLegID
    /// The local address media is received on (for SDP c=).
    public let localHost: String
    /// The local RTP port (for SDP m=); RTCP is on `localPort + 1`.
    public let localPort: Int
    let core: RTPLeg
    let library: PromptLibrary
    let engineID: ObjectIdentifier
    private let forget: @Sendable (MediaLegID) -> Void

    init(core: RTPLeg, localHost: String, library: PromptLibrary, engineID: ObjectIdentifier, forget: @escaping @Sendable (MediaLegID) -> Void) {
        self.id = core.id
        self.localHost = localHost
        self.localPort = core.localPort
        self.core = core
        self.library = library
        self.engineID = engineID
        self.forget = forget
    }

    /// The local RTCP port.
    public var localRTCPPort: Int { localPort + 1 }

    var eventLoop: any EventLoop { core.eventLoop }

    public var description: String { "\(id)@\(localHost):\(localPort)" }

    public static func == (lhs: MediaLeg, rhs: MediaLeg) -> Bool { lhs === rhs }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }

    func onLoop<T: Sendable>(_ body: @escaping @Sendable (RTPLeg) throws -> T) async throws -> T {
        let core = self.core
        return try await core.eventLoop.submit { try body(core) }.get()
    }

    /// Applies the peer's SDP (answer or re-INVITE): a new address restarts latching; a new
    /// payload map takes effect for the next packet.
    public func update(remote: RemoteMedia?, payloads: RTPPayloadMap? = nil) async throws(MediaError) {
        let now = Int64(NIODeadline.now().uptimeNanoseconds)
        do {
            try await onLoop { leg in
                guard !leg.released else { throw MediaError.legReleased(leg.id) }
                try leg.update(remote: remote, payloads: payloads, now: now)
            }
        } catch let error as MediaError {
            throw error
        } catch {
            throw .engineStopped
        }
    }

    /// Plays `prompt` and waits until it ends. With `bargeIn`, a digit stops it (the digit
    /// stays in the type-ahead buffer for the next `collectDigits`). Cancelling the calling
    /// task stops the playback.
    @discardableResult
    public func play(_ prompt: Prompt, bargeIn: Bool = false, mode: PlaybackMode = .replace) async throws(MediaError) -> PlaybackOutcome {
        let handle = try await startPlayback(prompt, bargeIn: bargeIn, mode: mode)
        return await withTaskCancellationHandler {
            await handle.outcome
        } onCancel: {
            handle.stopSoon()
        }
    }

    /// Starts playing `prompt` and returns at once with a handle to wait on or stop it (music
    /// on hold, ringback).
    public func startPlayback(_ prompt: Prompt, bargeIn: Bool = false, mode: PlaybackMode = .replace) async throws(MediaError) -> PlaybackHandle {
        let resolved = try await library.resolve(prompt)
        let promise = core.eventLoop.makePromise(of: PlaybackOutcome.self)
        let id: UInt64
        do {
            id = try await onLoop { leg in
                guard !leg.released else { throw MediaError.legReleased(leg.id) }
                return leg.startPlayback(resolved, bargeIn: bargeIn, mode: mode, promise: promise)
            }
        } catch {
            promise.succeed(.stopped)
            throw error as? MediaError ?? .engineStopped
        }
        return PlaybackHandle(id: id, leg: self, future: promise.futureResult)
    }

    /// Stops the current playback (a paused one underneath resumes).
    public func stopPlayback() async {
        _ = try? await onLoop { $0.stopPlayback(id: nil) }
    }

    /// Collects digits as `request` says; digits typed ahead count first. Cancelling the
    /// calling task ends the collection with reason `.cancelled`.
    public func collectDigits(_ request: DigitCollectionRequest) async -> DigitCollectionResult {
        let promise = core.eventLoop.makePromise(of: DigitCollectionResult.self)
        let core = self.core
        core.eventLoop.execute { core.startCollection(request, promise: promise) }
        return await withTaskCancellationHandler {
            (try? await promise.futureResult.get()) ?? DigitCollectionResult(digits: [], reason: .cancelled)
        } onCancel: {
            core.eventLoop.execute { core.cancelCollection() }
        }
    }

    /// Forgets digits typed ahead (before a menu that must not see earlier presses).
    public func clearTypeAhead() async {
        _ = try? await onLoop { $0.clearTypeAhead() }
    }

    /// A digit the call path received in a SIP INFO (application/dtmf-relay): treated like
    /// one from RTP (events, barge-in, collection).
    public func receivedSIPInfoDigit(_ digit: DTMFDigit, durationMilliseconds: Int = 100) {
        let core = self.core
        core.eventLoop.execute {
            core.digitDetected(DetectedDigit(digit: digit, durationMilliseconds: durationMilliseconds, source: .sipInfo))
        }
    }

    /// Sends digits to the peer: RFC 4733 events if its SDP offered telephone-event, tones in
    /// the audio otherwise. Returns when the last digit is sent.
    public func sendDigits(_ digits: String, toneMilliseconds: Int = 100) async throws(MediaError) {
        guard let keys = [DTMFDigit](dialString: digits) else { throw .invalidDigits(digits) }
        let promise = core.eventLoop.makePromise(of: Void.self)
        let core = self.core
        core.eventLoop.execute { core.startDigitSend(keys, toneMilliseconds: max(40, toneMilliseconds), promise: promise) }
        do {
            try await promise.futureResult.get()
        } catch {
            throw .engineStopped
        }
    }

    /// A stream of the digits received from now on (until the leg is released).
    public func digits() -> AsyncStream<DetectedDigit> {
        core.digitHub.subscribe()
    }

    /// A stream of every event from now on (until the leg is released).
    public func events() -> AsyncStream<MediaEvent> {
        core.events.subscribe()
    }

    /// Counters of both directions.
    public func statistics() async -> MediaStreamStatistics? {
        try? await onLoop { $0.statistics() }
    }

    /// Changes the RTP timeout (nil: none), e.g. while the peer holds the call with
    /// `a=inactive` and sends nothing on purpose.
    public func setRTPTimeout(milliseconds: Int?) async {
        let now = Int64(NIODeadline.now().uptimeNanoseconds)
        _ = try? await onLoop { leg in
            leg.options.rtpTimeoutMilliseconds = milliseconds
            leg.timeoutReported = false
            leg.lastPacketNanos = max(leg.lastPacketNanos, now)
        }
    }

    /// Releases the leg: stops playback and collection, leaves bridges, mixes and recordings,
    /// closes the sockets and returns the ports. Safe to call more than once.
    public func release() async {
        _ = try? await onLoop { $0.release() }
        forget(id)
    }
}

/// A playback started with `MediaLeg.startPlayback`.
public struct PlaybackHandle: Sendable {
    let id: UInt64
    let leg: MediaLeg
    let future: EventLoopFuture<PlaybackOutcome>

    /// Waits until the playback ends.
    public var outcome: PlaybackOutcome {
        get async { (try? await future.get()) ?? .stopped }
    }

    /// Stops this playback (not a later one) and waits until it has stopped.
    public func stop() async {
        let id = self.id
        _ = try? await leg.onLoop { $0.stopPlayback(id: id) }
        _ = await outcome
    }

    func stopSoon() {
        let id = self.id
        let core = leg.core
        core.eventLoop.execute { core.stopPlayback(id: id) }
    }
}
