// The engine's side of one call leg: two UDP sockets (RTP on an even port, RTCP above it), the
// outbound stream's numbering, the receive statistics, and what feeds and consumes its audio.
// Everything here runs on the leg's event loop; `MediaLeg` is the Sendable face of it.

import Logging
import NIOCore

/// One leg's media state, confined to `eventLoop`.
///
/// What the leg sends, in order of precedence: DTMF being sent, a playback, the frames of a
/// mix it belongs to, packets relayed from its bridge peer. Whatever it receives goes to the
/// bridge peer (if bridged), to its audio taps (recorder, mixer), and to the DTMF detectors.
final class RTPLeg: @unchecked Sendable {
    let id: MediaLegID
    let eventLoop: any EventLoop
    let context: LoopContext
    let localPort: Int
    let pool: PortPool
    /// The engine's logger; a message adds ``logMetadata(_:)`` (built only when the level is
    /// on, not for every leg).
    let logger: Logger
    let events: EventHub<MediaEvent>
    let digitHub: EventHub<DetectedDigit>

    var rtpChannel: (any Channel)?
    var rtcpChannel: (any Channel)?
    /// The RTP socket's descriptor, owned by `rtpChannel` (which closes it); -1 once released.
    var rtpSocket: CInt = -1
    /// Where outgoing packets are assembled.
    var sendScratch = [UInt8](repeating: 0, count: 1500)
    var options: LegOptions
    var signalledRTP: SocketAddress?
    var signalledRTCP: SocketAddress?
    var latchedRTP: SocketAddress?
    var latchedRTCP: SocketAddress?
    var lastPacketNanos: Int64
    var timeoutReported = false
    var released = false

    var sequencer: RTPSequencer
    var receiveStatistics = RTPReceiveStatistics()
    var packetsDropped: UInt64 = 0
    var lostReported: UInt64 = 0
    var eventReceiver = TelephoneEventReceiver()
    var inBandDetector: DTMFDetector?
    var lastSenderReport: (middle: UInt32, nanos: Int64)?
    var lastReportSentNanos: Int64 = 0

    /// Where received packets are relayed (the bridge peer).
    var relayTarget: RTPLeg?
    /// Whether packets relayed to this leg are sent on (off while held or mixed).
    var acceptsRelay = false
    /// The mix feeding this leg, if any.
    weak var mix: MixCore?
    var taps: [AudioTap] = []

    var playback: ActivePlayback?
    var pausedPlaybacks: [ActivePlayback] = []
    var digitSend: ActiveDigitSend?
    var isClockDriven = false
    var nextPlaybackID: UInt64 = 0

    var typeAhead: [DetectedDigit] = []
    var collection: ActiveCollection?

    var decodeScratch = [Int16](repeating: 0, count: 2048)
    var pendingOutput: [Int16] = []
    var generateScratch = [Int16](repeating: 0, count: AudioFrame.sampleCount)

    init(
        id: MediaLegID,
        context: LoopContext,
        localPort: Int,
        pool: PortPool,
        options: LegOptions,
        sequencer: RTPSequencer,
        logger: Logger,
        now: Int64
    ) {
        self.id = id
        self.eventLoop = context.eventLoop
        self.context = context
        self.localPort = localPort
        self.pool = pool
        self.options = options
        self.sequencer = sequencer
        self.logger = logger
        self.lastPacketNanos = now
        self.events = EventHub()
        self.digitHub = EventHub()
        self.inBandDetector = options.detectsInBandDTMF ? DTMFDetector() : nil
    }

    /// The leg's own log metadata (its id, port, and the caller's ``LegOptions/logMetadata``)
    /// with `extra`.
    func logMetadata(_ extra: Logger.Metadata = [:]) -> Logger.Metadata {
        var metadata = options.logMetadata
        metadata["media.leg"] = "\(id)"
        metadata["media.port"] = "\(localPort)"
        metadata.merge(extra) { _, new in new }
        return metadata
    }

    var law: G711Law { options.payloads.audio.law }
    var packetSamples: Int { options.packetTimeMilliseconds * AudioFrame.sampleRate / 1000 }

    /// The address packets go to: the latched one, else the one from SDP.
    var remoteRTP: SocketAddress? {
        options.latching == .symmetric ? latchedRTP ?? signalledRTP : signalledRTP
    }

    var remoteRTCP: SocketAddress? {
        options.latching == .symmetric ? latchedRTCP ?? signalledRTCP : signalledRTCP
    }

    /// Applies new SDP details (answer, re-INVITE): a new address restarts latching.
    func update(remote: RemoteMedia?, payloads: RTPPayloadMap?, now: Int64) throws(MediaError) {
        eventLoop.assertInEventLoop()
        if let payloads {
            try payloads.validate()
            options.payloads = payloads
        }
        if let remote {
            let addresses = try remote.socketAddresses()
            if addresses.rtp != signalledRTP {
                signalledRTP = addresses.rtp
                signalledRTCP = addresses.rtcp
                latchedRTP = nil
                latchedRTCP = nil
                lastPacketNanos = now
                timeoutReported = false
            }
        }
    }

    /// Snapshot of the counters.
    func statistics() -> MediaStreamStatistics {
        MediaStreamStatistics(
            packetsReceived: receiveStatistics.packetsReceived,
            bytesReceived: receiveStatistics.bytesReceived,
            packetsExpected: receiveStatistics.packetsExpected,
            packetsLost: receiveStatistics.packetsLost,
            jitterMilliseconds: Double(receiveStatistics.jitter) * 1000 / Double(AudioFrame.sampleRate),
            packetsSent: sequencer.packetsSent,
            bytesSent: sequencer.bytesSent,
            packetsDropped: packetsDropped,
            remoteAddress: remoteRTP.map { "\($0.ipAddress ?? "?"):\($0.port ?? 0)" }
        )
    }

    /// Registers or unregisters with the clock depending on whether the leg generates audio.
    func updateClockRegistration() {
        let needsClock = !released && (playback != nil || digitSend != nil)
        guard needsClock != isClockDriven else { return }
        isClockDriven = needsClock
        if needsClock {
            context.scheduler.register(self)
        } else {
            context.scheduler.unregister(self)
        }
    }

    /// Once a second: RTP timeout, DTMF events whose end never came, loss counters, RTCP.
    func housekeeping(now: Int64, sendReport: Bool) {
        guard !released else { return }
        for digit in eventReceiver.expire(at: now) { digitDetected(digit) }
        let lost = receiveStatistics.packetsLost
        if lost > lostReported {
            context.counters.packetsLost += Int(lost - lostReported)
            lostReported = lost
        }
        // The timeout runs once the peer's address is known (an agent leg that is still ringing
        // has none) or media has arrived.
        if let timeout = options.rtpTimeoutMilliseconds, !timeoutReported, signalledRTP != nil || latchedRTP != nil {
            let silent = (now - lastPacketNanos) / 1_000_000
            if silent >= Int64(timeout) {
                timeoutReported = true
                context.counters.rtpTimeouts += 1
                logger.info("no RTP received", metadata: logMetadata(["media.silent_ms": "\(silent)"]))
                events.publish(.rtpTimeout(milliseconds: Int(silent)))
            }
        }
        if sendReport { sendRTCPReport(now: now) }
    }

    /// Stops everything, closes both sockets and returns the port pair to the pool once they
    /// are closed (or failed to close). Idempotent.
    func release() {
        eventLoop.assertInEventLoop()
        guard !released else { return }
        released = true
        finishPlayback(.stopped, resumePaused: false)
        for paused in pausedPlaybacks { paused.promise.succeed(.stopped) }
        pausedPlaybacks.removeAll()
        digitSend?.promise.succeed(())
        digitSend = nil
        cancelCollection()
        relayTarget = nil
        acceptsRelay = false
        mix?.legReleased(self)
        for tap in taps {
            let consumer = tap.consumer
            let index = tap.index
            if consumer.eventLoop === eventLoop {
                consumer.tapEnded(index)
            } else {
                consumer.eventLoop.execute { consumer.tapEnded(index) }
            }
        }
        taps.removeAll()
        updateClockRegistration()
        context.legs[id] = nil
        context.metrics.streamEnded(statistics())
        context.metrics.legClosed()
        let port = localPort
        let pool = self.pool
        let closes = [rtpChannel, rtcpChannel].compactMap { $0?.close() }
        EventLoopFuture.whenAllComplete(closes, on: eventLoop).whenComplete { _ in pool.release(port) }
        rtpChannel = nil
        rtcpChannel = nil
        rtpSocket = -1
        logger.debug("media leg released", metadata: logMetadata())
        events.publish(.released)
        events.finish()
        digitHub.finish()
    }
}
