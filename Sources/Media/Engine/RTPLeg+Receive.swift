// The receive path of a leg: source checks and symmetric latching, RTP parsing, statistics,
// relaying to the bridge peer with the header rewritten onto the peer's stream, decoding for
// taps and in-band DTMF, telephone events, and RTCP.

import Logging
import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension RTPLeg {
    /// Whether a packet from `source` is accepted, latching onto it when appropriate.
    @inline(__always)
    func acceptSource(_ source: SocketAddress, now: Int64) -> Bool {
        guard options.latching == .symmetric else { return true }
        if let latched = latchedRTP {
            if latched == source { return true }
            // A peer that moved (re-INVITE without new SDP, NAT rebinding): follow it only after
            // the latched address has been silent for a second.
            guard now - lastPacketNanos > 1_000_000_000 else { return false }
        }
        latchedRTP = source
        if latchedRTCP == nil, let ip = source.ipAddress, let port = source.port {
            latchedRTCP = try? SocketAddress(ipAddress: ip, port: min(port + 1, 65535))
        }
        logger.debug("latched remote media address", metadata: logMetadata(["media.remote": "\(source)"]))
        events.publish(.remoteLatched(address: "\(source.ipAddress ?? "?"):\(source.port ?? 0)"))
        return true
    }

    /// One datagram on the RTP socket.
    func receivedRTP(_ envelope: AddressedEnvelope<ByteBuffer>) {
        guard !released else { return }
        let now = Int64(NIODeadline.now().uptimeNanoseconds)
        let buffer = envelope.data
        guard acceptSource(envelope.remoteAddress, now: now) else {
            drop()
            return
        }
        if RTPPacketView.looksLikeRTCP(buffer) {
            receivedRTCP(buffer, now: now)
            return
        }
        let view: RTPPacketView
        do {
            view = try RTPPacketView(parsing: buffer)
        } catch {
            drop()
            return
        }
        lastPacketNanos = now
        timeoutReported = false
        let header = view.header
        let payloads = options.payloads
        context.counters.packetsReceived += 1
        context.counters.bytesReceived += view.payloadLength
        if header.payloadType == payloads.audio.payloadType {
            receiveStatistics.record(
                ssrc: header.ssrc, sequence: header.sequenceNumber, timestamp: header.timestamp,
                payloadBytes: view.payloadLength, arrival: now / 125_000)
            if !taps.isEmpty || inBandDetector != nil {
                decodeAndDeliver(buffer, view: view)
            }
            if let target = relayTarget {
                let law = self.law
                if target.eventLoop === eventLoop {
                    target.relay(buffer, view: view, sourceLaw: law, now: now)
                } else {
                    target.eventLoop.execute { target.relay(buffer, view: view, sourceLaw: law, now: now) }
                }
            }
        } else if header.payloadType == payloads.telephoneEvent {
            receiveStatistics.record(
                ssrc: header.ssrc, sequence: header.sequenceNumber, timestamp: header.timestamp,
                payloadBytes: view.payloadLength, arrival: now / 125_000)
            guard let event = try? TelephoneEvent(parsing: buffer, at: buffer.readerIndex + view.payloadOffset, length: view.payloadLength) else {
                drop()
                return
            }
            for digit in eventReceiver.received(event, ssrc: header.ssrc, timestamp: header.timestamp, at: now) {
                digitDetected(digit)
            }
            if let target = relayTarget {
                if target.eventLoop === eventLoop {
                    target.relay(buffer, view: view, sourceLaw: nil, now: now)
                } else {
                    target.eventLoop.execute { target.relay(buffer, view: view, sourceLaw: nil, now: now) }
                }
            }
        } else if header.payloadType == payloads.comfortNoise {
            receiveStatistics.record(
                ssrc: header.ssrc, sequence: header.sequenceNumber, timestamp: header.timestamp,
                payloadBytes: view.payloadLength, arrival: now / 125_000)
        } else {
            drop()
        }
    }

    private func drop() {
        packetsDropped += 1
        context.counters.packetsDropped += 1
    }

    private func decodeAndDeliver(_ buffer: ByteBuffer, view: RTPPacketView) {
        let count = min(view.payloadLength, decodeScratch.count)
        let law = self.law
        buffer.withUnsafeReadableBytes { raw in
            let payload = UnsafeRawBufferPointer(rebasing: raw[view.payloadOffset..<view.payloadOffset + count])
            decodeScratch.withUnsafeMutableBufferPointer { out in
                G711.decode(law, from: payload, into: out)
            }
        }
        decodeScratch.withUnsafeBufferPointer { all in
            let samples = UnsafeBufferPointer(rebasing: all[0..<count])
            for tap in taps {
                if tap.consumer.eventLoop === eventLoop {
                    tap.consumer.tapReceived(tap.index, ssrc: view.header.ssrc, timestamp: view.header.timestamp, samples: samples)
                } else {
                    let copy = Array(samples)
                    let consumer = tap.consumer
                    let index = tap.index
                    let ssrc = view.header.ssrc
                    let timestamp = view.header.timestamp
                    consumer.eventLoop.execute {
                        copy.withUnsafeBufferPointer { consumer.tapReceived(index, ssrc: ssrc, timestamp: timestamp, samples: $0) }
                    }
                }
            }
            if inBandDetector != nil {
                for digit in inBandDetector!.process(samples) { digitDetected(digit) }
            }
        }
    }

    /// Sends a packet received on the bridge peer out of this leg, rewritten onto this leg's
    /// stream: its SSRC, the next sequence number, the timestamp shifted into this stream's
    /// timeline, this leg's payload type, and the payload transcoded if the laws differ.
    /// `sourceLaw` is nil for a telephone-event packet.
    func relay(_ source: ByteBuffer, view: RTPPacketView, sourceLaw: G711Law?, now: Int64) {
        guard acceptsRelay, !released, playback == nil, digitSend == nil, let remote = remoteRTP, rtpSocket >= 0 else { return }
        let payloadType: UInt8
        let samples: Int
        if sourceLaw != nil {
            payloadType = options.payloads.audio.payloadType
            samples = view.payloadLength
        } else {
            guard let eventType = options.payloads.telephoneEvent else { return }
            payloadType = eventType
            samples = 0
        }
        let length = min(view.payloadLength, sendScratch.count - RTPHeader.fixedLength)
        let header = sequencer.relayedHeader(from: view.header, payloadType: payloadType, samples: samples, payloadBytes: length, at: now)
        let targetLaw = law
        let fd = rtpSocket
        let sent = sendScratch.withUnsafeMutableBytes { packet -> Bool in
            header.write(to: packet)
            let payload = UnsafeMutableRawBufferPointer(rebasing: packet[RTPHeader.fixedLength..<RTPHeader.fixedLength + length])
            source.withUnsafeReadableBytes { raw in
                payload.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[view.payloadOffset..<view.payloadOffset + length]))
            }
            if let sourceLaw, sourceLaw != targetLaw {
                G711.transcode(payload, from: sourceLaw, to: targetLaw)
            }
            return DatagramSocket.send(fd, UnsafeRawBufferPointer(rebasing: packet[0..<RTPHeader.fixedLength + length]), to: remote)
        }
        if sent {
            context.counters.packetsSent += 1
            context.counters.bytesSent += length
        } else {
            context.counters.packetsDropped += 1
        }
    }

    /// One datagram on the RTCP socket (or multiplexed on the RTP socket).
    func receivedRTCP(_ buffer: ByteBuffer, source: SocketAddress? = nil, now: Int64) {
        guard !released else { return }
        if let source, options.latching == .symmetric, latchedRTCP != source {
            latchedRTCP = source
        }
        guard let report = try? RTCPReport(parsing: buffer) else { return }
        if let info = report.senderInfo {
            lastSenderReport = (UInt32(truncatingIfNeeded: info.ntpTimestamp >> 16), now)
        }
        // Answer at once, at most once a second; housekeeping sends the periodic reports.
        if now - lastReportSentNanos >= 1_000_000_000 {
            sendRTCPReport(now: now, force: true)
        }
    }

    /// Sends an SR (if this leg has sent media) or an RR about the peer's stream.
    func sendRTCPReport(now: Int64, force: Bool = false) {
        guard let remote = remoteRTCP, let channel = rtcpChannel else { return }
        guard force || sequencer.packetsSent > 0 || receiveStatistics.packetsReceived > 0 else { return }
        lastReportSentNanos = now
        var blocks: [RTCPReportBlock] = []
        if receiveStatistics.packetsReceived > 0 {
            let loss = receiveStatistics.takeReportBlockLoss()
            var lsr: UInt32 = 0
            var dlsr: UInt32 = 0
            if let last = lastSenderReport {
                lsr = last.middle
                dlsr = UInt32(clamping: (now - last.nanos) * 65536 / 1_000_000_000)
            }
            blocks.append(
                RTCPReportBlock(
                    ssrc: receiveStatistics.sourceSSRC, fractionLost: loss.fractionLost, cumulativeLost: loss.cumulativeLost,
                    extendedHighestSequence: receiveStatistics.extendedHighestSequence, jitter: receiveStatistics.jitter,
                    lastSenderReport: lsr, delaySinceLastSenderReport: dlsr))
        }
        var info: RTCPReport.SenderInfo?
        if sequencer.packetsSent > 0 {
            let wall = Int64(NIODeadline.now().uptimeNanoseconds)
            info = RTCPReport.SenderInfo(
                ntpTimestamp: RTCPReport.ntpTimestamp(unixNanos: UnixClock.nanoseconds()),
                rtpTimestamp: sequencer.wallTimestamp(at: wall),
                packetCount: UInt32(truncatingIfNeeded: sequencer.packetsSent),
                octetCount: UInt32(truncatingIfNeeded: sequencer.bytesSent))
        }
        var out = channel.allocator.buffer(capacity: 64)
        RTCPReport(ssrc: sequencer.ssrc, senderInfo: info, reportBlocks: blocks).write(to: &out)
        channel.writeAndFlush(AddressedEnvelope(remoteAddress: remote, data: out), promise: nil)
    }
}

/// Wall-clock time for RTCP sender reports (the only place the engine needs it).
enum UnixClock {
    static func nanoseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }
}
