// The media engine: owns the event loops, the port pool, the one media clock, the prompt and
// TTS caches, and creates legs, bridges, mixes and recordings for the call path.

import Foundation
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization

/// Kefu's RTP engine, run as a `Service`.
///
/// ```swift
/// let media = try MediaEngine(configuration: .init(portRange: 20000...29999))
/// // in the ServiceGroup: media
/// let caller = try await media.openLeg(LegOptions(remote: RemoteMedia(host: "10.0.0.5", port: 4000)))
/// try await caller.play(.file(path: "welcome.wav"), bargeIn: true)
/// let agent = try await media.openLeg(LegOptions(), near: caller)
/// let bridge = try await media.bridge(caller, agent)
/// let recording = try await media.startRecording(.stereo(caller: caller, agent: agent), to: "call.wav")
/// ```
public final class MediaEngine: Service, Sendable {
    /// Engine settings.
    public struct Configuration: Sendable {
        /// The local address RTP sockets bind to (and that goes into SDP).
        public var host: String
        /// The RTP port range (even ports, RTCP above each).
        public var portRange: ClosedRange<Int>
        /// Event loop threads when the engine makes its own group.
        public var eventLoopThreads: Int
        /// Where TTS renders are cached.
        public var speechCacheDirectory: String
        /// The espeak-ng executable (nil: search PATH).
        public var espeakExecutable: String?
        /// Ports tried before opening a leg gives up when ports are taken by other programs (at
        /// most every free port of the range once; binding a taken port costs one system call).
        public var bindAttempts: Int

        /// Creates a configuration.
        public init(
            host: String = "127.0.0.1",
            portRange: ClosedRange<Int> = 20000...29999,
            eventLoopThreads: Int = System.coreCount,
            speechCacheDirectory: String = NSTemporaryDirectory() + "kefu-tts",
            espeakExecutable: String? = nil,
            bindAttempts: Int = 1_000
        ) {
            self.host = host
            self.portRange = portRange
            self.eventLoopThreads = eventLoopThreads
            self.speechCacheDirectory = speechCacheDirectory
            self.espeakExecutable = espeakExecutable
            self.bindAttempts = bindAttempts
        }
    }

    /// The settings in use.
    public let configuration: Configuration
    /// The RTP port pool.
    public let ports: PortPool
    /// The shared 20 ms clock.
    public let clock: MediaClock
    /// The TTS renderer and cache.
    public let speech: SpeechSynthesizer
    let library: PromptLibrary
    private let group: any EventLoopGroup
    private let ownsGroup: Bool
    private let contexts: [ObjectIdentifier: LoopContext]
    private let metrics: MediaMetrics
    private let logger: Logger
    private let state = Mutex(State())

    private struct State {
        var nextLegID: UInt64 = 0
        var legs: [MediaLegID: MediaLeg] = [:]
        var recordings: [ObjectIdentifier: MediaRecording] = [:]
        var stopped = false
        var random = SystemRandomNumberGenerator()
    }

    /// Creates an engine; with no group given it runs its own `eventLoopThreads` threads.
    public init(
        configuration: Configuration = Configuration(),
        eventLoopGroup: (any EventLoopGroup)? = nil,
        logger: Logger = Logger(label: "kefu.media")
    ) throws(MediaError) {
        self.configuration = configuration
        self.ports = try PortPool(range: configuration.portRange)
        if let eventLoopGroup {
            self.group = eventLoopGroup
            self.ownsGroup = false
        } else {
            self.group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, configuration.eventLoopThreads))
            self.ownsGroup = true
        }
        self.clock = MediaClock(group: group)
        self.speech = SpeechSynthesizer(cacheDirectory: configuration.speechCacheDirectory, executable: configuration.espeakExecutable)
        self.library = PromptLibrary(speech: speech)
        self.metrics = MediaMetrics(labels: [])
        var logger = logger
        logger[metadataKey: "media.host"] = "\(configuration.host)"
        self.logger = logger
        var contexts: [ObjectIdentifier: LoopContext] = [:]
        for loop in group.makeIterator() {
            contexts[ObjectIdentifier(loop)] = LoopContext(eventLoop: loop, scheduler: clock.scheduler(for: loop), metrics: metrics)
        }
        self.contexts = contexts
    }

    /// Runs the clock until graceful shutdown, then releases every leg.
    public func run() async throws {
        clock.start()
        try? await gracefulShutdown()
        await shutdown()
    }

    /// Closes recordings still running, releases every leg, stops the clock, and shuts down
    /// the event loops the engine made.
    public func shutdown() async {
        let (legs, recordings) = state.withLock { state -> ([MediaLeg], [MediaRecording]) in
            state.stopped = true
            return (Array(state.legs.values), Array(state.recordings.values))
        }
        for recording in recordings { _ = try? await recording.stop() }
        for leg in legs { await release(leg) }
        clock.stop()
        if ownsGroup { try? await group.shutdownGracefully() }
    }

    /// Legs open now.
    public var activeLegCount: Int { state.withLock { $0.legs.count } }

    /// Opens a leg on a fresh port pair. `near` places it on the same event loop as another
    /// leg, so bridging them needs no thread hop (use it for the legs of one call).
    public func openLeg(_ options: LegOptions, near: MediaLeg? = nil) async throws(MediaError) -> MediaLeg {
        try options.validate()
        let remote = try options.remote?.socketAddresses()
        let (id, sequencer, stopped) = state.withLock { state in
            state.nextLegID += 1
            return (MediaLegID(rawValue: state.nextLegID), RTPSequencer(using: &state.random), state.stopped)
        }
        guard !stopped else { throw .engineStopped }
        if let near, near.engineID != ObjectIdentifier(self) { throw .foreignLeg(near.id) }
        clock.start()
        let loop = near?.eventLoop ?? group.next()
        guard let context = contexts[ObjectIdentifier(loop)] else { throw .engineStopped }
        var lastError = "no port tried"
        // Every free port at most once: another program may hold a long run of the range.
        let attempts = max(1, min(configuration.bindAttempts, ports.available))
        for _ in 0..<attempts {
            guard let port = ports.acquire() else { throw .portsExhausted(range: ports.range) }
            do {
                let core = try await bind(id: id, port: port, context: context, options: options, sequencer: sequencer, remote: remote)
                let leg = MediaLeg(
                    core: core, localHost: configuration.host, library: library, engineID: ObjectIdentifier(self),
                    forget: { [weak self] id in _ = self?.state.withLock { $0.legs.removeValue(forKey: id) } })
                let accepted = state.withLock { state -> Bool in
                    guard !state.stopped else { return false }
                    state.legs[id] = leg
                    return true
                }
                guard accepted else {
                    await leg.release()
                    throw MediaError.engineStopped
                }
                metrics.legOpened()
                return leg
            } catch let error as MediaError {
                throw error
            } catch {
                lastError = "\(error)"
                ports.release(port)
            }
        }
        throw .bindFailed(host: configuration.host, attempts: attempts, underlying: lastError)
    }

    /// Binds the leg's two sockets on `port` (a port another program holds fails here, before
    /// NIO sees it), then creates the leg and registers both channels in one hop onto its loop.
    private func bind(
        id: MediaLegID, port: Int, context: LoopContext, options: LegOptions, sequencer: RTPSequencer,
        remote: (rtp: SocketAddress, rtcp: SocketAddress)?
    ) async throws -> RTPLeg {
        let rtpDescriptor = try DatagramSocket.bind(SocketAddress(ipAddress: configuration.host, port: port))
        let rtcpDescriptor: CInt
        do {
            rtcpDescriptor = try DatagramSocket.bind(SocketAddress(ipAddress: configuration.host, port: port + 1))
        } catch {
            close(rtpDescriptor)
            throw error
        }
        let now = Int64(NIODeadline.now().uptimeNanoseconds)
        let logger = self.logger
        let pool = ports
        let loop = context.eventLoop
        return try await loop.flatSubmit { () -> EventLoopFuture<RTPLeg> in
            let core = RTPLeg(id: id, context: context, localPort: port, pool: pool, options: options, sequencer: sequencer, logger: logger, now: now)
            core.signalledRTP = remote?.rtp
            core.signalledRTCP = remote?.rtcp
            let rtp = DatagramBootstrap(group: loop)
                .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: 2048))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(RTPChannelHandler(leg: core))
                    }
                }
                .withBoundSocket(rtpDescriptor)
            return rtp.flatMapError { error in
                close(rtcpDescriptor)
                return loop.makeFailedFuture(error)
            }.flatMap { rtpChannel in
                DatagramBootstrap(group: loop)
                    .channelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(RTCPChannelHandler(leg: core))
                        }
                    }
                    .withBoundSocket(rtcpDescriptor)
                    .map { rtcpChannel in
                        core.rtpChannel = rtpChannel
                        core.rtcpChannel = rtcpChannel
                        core.rtpSocket = rtpDescriptor
                        context.legs[id] = core
                        return core
                    }
                    .flatMapError { error in
                        rtpChannel.close().flatMapThrowing { throw error }
                    }
            }
        }.get()
    }

    /// Releases a leg (the same as `leg.release()`).
    public func release(_ leg: MediaLeg) async {
        await leg.release()
    }

    /// Bridges two legs: each hears the other.
    public func bridge(_ first: MediaLeg, _ second: MediaLeg) async throws(MediaError) -> MediaBridge {
        try check([first, second])
        await MediaBridge.connect(first, second)
        return MediaBridge(first: first, second: second)
    }

    /// Mixes legs (a conference: everyone hears everyone else, unless `roles` say otherwise).
    public func mix(_ legs: [MediaLeg], roles: [MixRole]? = nil) async throws(MediaError) -> MediaMix {
        try check(legs)
        guard legs.count >= 2 else { throw .invalidParticipants("a mix needs at least two legs") }
        let roles = roles ?? Array(repeating: .speaker, count: legs.count)
        guard roles.count == legs.count else { throw .invalidParticipants("\(roles.count) roles for \(legs.count) legs") }
        let loop = legs[0].eventLoop
        guard let context = contexts[ObjectIdentifier(loop)] else { throw .engineStopped }
        let core = MixCore(eventLoop: loop, scheduler: context.scheduler)
        let mix = MediaMix(core: core)
        for (leg, role) in zip(legs, roles) { await mix.add(leg, role: role) }
        return mix
    }

    /// A supervisor joins a caller-agent call in `mode` (listen, whisper or barge); switch
    /// modes with `MediaMix.setSupervisorMode`. Unbridge the pair's bridge first.
    public func supervise(caller: MediaLeg, agent: MediaLeg, supervisor: MediaLeg, mode: SupervisorMode) async throws(MediaError) -> MediaMix {
        try await mix([caller, agent, supervisor], roles: MediaMix.roles(for: mode))
    }

    /// Starts recording the received audio of the layout's legs into a WAV file (16-bit PCM,
    /// 8 kHz, one channel per layout entry). The file is created off the caller's task; if it
    /// cannot be, stopping the recording throws `recordingFailed`.
    public func startRecording(_ layout: RecordingLayout, to path: String) async throws(MediaError) -> MediaRecording {
        try check(layout.channels.flatMap { $0 }, allowSingle: true)
        guard !layout.channels.isEmpty, layout.channels.count <= 2 else {
            throw .invalidParticipants("a recording has one or two channels, got \(layout.channels.count)")
        }
        let loop = layout.channels.first?.first?.eventLoop ?? group.next()
        guard let context = contexts[ObjectIdentifier(loop)] else { throw .engineStopped }
        let core = RecorderCore(eventLoop: loop, scheduler: context.scheduler, path: path, channels: layout.channels.map { $0.map(\.core) })
        clock.start()
        _ = try? await loop.submit { core.start() }.get()
        let recording = MediaRecording(core: core)
        let key = ObjectIdentifier(recording)
        state.withLock { $0.recordings[key] = recording }
        core.whenStopped { [weak self] in
            _ = self?.state.withLock { $0.recordings.removeValue(forKey: key) }
        }
        return recording
    }

    /// Forgets the cached audio of a prompt file (after a tenant uploaded a new version).
    public func invalidatePrompt(path: String) {
        library.invalidate(path: path)
    }

    /// Loads and renders a prompt ahead of time (to fail early, or warm the cache).
    public func resolve(_ prompt: Prompt) async throws(MediaError) -> ResolvedPrompt {
        try await library.resolve(prompt)
    }

    private func check(_ legs: [MediaLeg], allowSingle: Bool = false) throws(MediaError) {
        for leg in legs where leg.engineID != ObjectIdentifier(self) { throw .foreignLeg(leg.id) }
        guard Set(legs.map(\.id)).count == legs.count else { throw .invalidParticipants("a leg appears twice") }
        guard allowSingle || legs.count >= 2 else { throw .invalidParticipants("at least two legs are needed") }
    }
}
