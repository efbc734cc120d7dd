// The send path of a leg for audio Kefu generates: playbacks paced by the media clock, frames
// from a mix, and digits sent as RFC 4733 events (or as tones when the peer has no
// telephone-event payload type).

import NIOCore

/// A playback in progress on a leg.
struct ActivePlayback {
    let id: UInt64
    var player: PromptPlayer
    let bargeIn: Bool
    let promise: EventLoopPromise<PlaybackOutcome>
}

/// Digits being sent on a leg.
struct ActiveDigitSend {
    var events: TelephoneEventSender?
    var tones: PromptPlayer?
    var eventTimestamp: UInt32 = 0
    let promise: EventLoopPromise<Void>
}

/// How a new playback treats the one already playing.
public enum PlaybackMode: Sendable, Hashable {
    /// Stop what is playing (and anything paused under it).
    case replace
    /// Pause what is playing and resume it where it stopped when this one ends (a queue
    /// announcement over music on hold).
    case pauseCurrent
}

extension RTPLeg: ClockDriven {
    func clockTicked(frame: Int64, frames: Int, now: Int64) {
        guard !released else { return }
        for i in 0..<frames {
            let frameNow = now - Int64(frames - 1 - i) * MediaClock.frameNanos
            if digitSend != nil {
                stepDigitSend(now: frameNow)
            } else if playback != nil {
                stepPlayback(now: frameNow)
            }
        }
    }

    /// Starts a playback; returns its id.
    func startPlayback(_ prompt: ResolvedPrompt, bargeIn: Bool, mode: PlaybackMode, promise: EventLoopPromise<PlaybackOutcome>) -> UInt64 {
        eventLoop.assertInEventLoop()
        guard !released else {
            promise.succeed(.stopped)
            return 0
        }
        nextPlaybackID += 1
        let new = ActivePlayback(id: nextPlaybackID, player: PromptPlayer(prompt), bargeIn: bargeIn, promise: promise)
        if let current = playback {
            switch mode {
            case .replace:
                current.promise.succeed(.stopped)
                for paused in pausedPlaybacks { paused.promise.succeed(.stopped) }
                pausedPlaybacks.removeAll()
            case .pauseCurrent:
                pausedPlaybacks.append(current)
            }
        }
        playback = new
        pendingOutput.removeAll(keepingCapacity: true)
        sequencer.feedChanged()
        updateClockRegistration()
        return new.id
    }

    /// Stops the playback with `id` (or the current one when nil), resuming a paused one.
    func stopPlayback(id: UInt64?) {
        if let id {
            if playback?.id == id {
                finishPlayback(.stopped, resumePaused: true)
            } else if let index = pausedPlaybacks.firstIndex(where: { $0.id == id }) {
                pausedPlaybacks.remove(at: index).promise.succeed(.stopped)
            }
        } else {
            finishPlayback(.stopped, resumePaused: true)
        }
    }

    func finishPlayback(_ outcome: PlaybackOutcome, resumePaused: Bool) {
        guard let ended = playback else { return }
        playback = resumePaused ? pausedPlaybacks.popLast() : nil
        pendingOutput.removeAll(keepingCapacity: true)
        sequencer.feedChanged()
        updateClockRegistration()
        ended.promise.succeed(outcome)
        events.publish(.playbackEnded(outcome))
    }

    private func stepPlayback(now: Int64) {
        let written = generateScratch.withUnsafeMutableBufferPointer { playback!.player.fill($0) }
        if written > 0 {
            generateScratch.withUnsafeBufferPointer { sendGenerated(UnsafeBufferPointer(rebasing: $0[0..<written]), now: now) }
        }
        if written < AudioFrame.sampleCount {
            flushPendingOutput(now: now)
            finishPlayback(.finished, resumePaused: true)
        }
    }

    /// A frame from the mix this leg belongs to; sent unless something takes precedence.
    func mixedFrame(_ frame: AudioFrame, now: Int64) {
        guard !released, playback == nil, digitSend == nil else { return }
        frame.samples.withUnsafeBufferPointer { sendGenerated($0, now: now) }
    }

    /// Queues generated samples and sends every full packet (one per ptime).
    func sendGenerated(_ samples: UnsafeBufferPointer<Int16>, now: Int64) {
        let size = packetSamples
        if pendingOutput.isEmpty && samples.count == size {
            sendPacket(samples, now: now)
            return
        }
        pendingOutput.append(contentsOf: samples)
        while pendingOutput.count >= size {
            pendingOutput.withUnsafeBufferPointer { sendPacket(UnsafeBufferPointer(rebasing: $0[0..<size]), now: now) }
            pendingOutput.removeFirst(size)
        }
    }

    private func flushPendingOutput(now: Int64) {
        guard !pendingOutput.isEmpty else { return }
        pendingOutput.withUnsafeBufferPointer { sendPacket($0, now: now) }
        pendingOutput.removeAll(keepingCapacity: true)
    }

    private func sendPacket(_ samples: UnsafeBufferPointer<Int16>, now: Int64) {
        let count = min(samples.count, sendScratch.count - RTPHeader.fixedLength)
        guard let remote = remoteRTP, rtpSocket >= 0 else {
            // Nowhere to send yet: keep the timeline moving as if sent.
            sequencer.advance(samples: count)
            return
        }
        let header = sequencer.nextGeneratedHeader(payloadType: options.payloads.audio.payloadType, samples: count, payloadBytes: count, at: now)
        let law = self.law
        let fd = rtpSocket
        let sent = sendScratch.withUnsafeMutableBytes { packet -> Bool in
            header.write(to: packet)
            let payload = UnsafeMutableRawBufferPointer(rebasing: packet[RTPHeader.fixedLength..<RTPHeader.fixedLength + count])
            G711.encode(law, from: UnsafeBufferPointer(rebasing: samples[0..<count]), into: payload.bindMemory(to: UInt8.self))
            return DatagramSocket.send(fd, UnsafeRawBufferPointer(rebasing: packet[0..<RTPHeader.fixedLength + count]), to: remote)
        }
        countSent(sent, bytes: count)
    }

    func countSent(_ sent: Bool, bytes: Int) {
        if sent {
            context.counters.packetsSent += 1
            context.counters.bytesSent += bytes
        } else {
            context.counters.packetsDropped += 1
        }
    }

    /// Starts sending digits; the promise completes when the last one is sent.
    func startDigitSend(_ digits: [DTMFDigit], toneMilliseconds: Int, promise: EventLoopPromise<Void>) {
        guard !released else {
            promise.succeed(())
            return
        }
        digitSend?.promise.succeed(())
        if options.payloads.telephoneEvent != nil {
            let configuration = TelephoneEventSender.Configuration(toneMilliseconds: toneMilliseconds, pauseMilliseconds: toneMilliseconds)
            digitSend = ActiveDigitSend(events: TelephoneEventSender(digits: digits, configuration: configuration), promise: promise)
        } else {
            let tones = digits.map { digit -> ResolvedPrompt in
                let clip = TonePattern.dtmf(digit, milliseconds: toneMilliseconds).renderCycle()
                return .clip(clip)
            }
            digitSend = ActiveDigitSend(tones: PromptPlayer(.sequence(tones)), promise: promise)
        }
        pendingOutput.removeAll(keepingCapacity: true)
        sequencer.feedChanged()
        updateClockRegistration()
    }

    private func stepDigitSend(now: Int64) {
        guard var send = digitSend else { return }
        if var tones = send.tones {
            var frame = [Int16](repeating: 0, count: AudioFrame.sampleCount)
            let written = frame.withUnsafeMutableBufferPointer { tones.fill($0) }
            send.tones = tones
            digitSend = send
            frame.withUnsafeBufferPointer { sendGenerated($0, now: now) }
            if written < AudioFrame.sampleCount { endDigitSend() }
            return
        }
        guard var sender = send.events, let payloadType = options.payloads.telephoneEvent else {
            endDigitSend()
            return
        }
        let step = sender.next()
        send.events = sender
        switch step {
        case .send(let event, let isFirst, let isLast, let eventSamples):
            if isFirst { send.eventTimestamp = sequencer.currentTimestamp(at: now) }
            digitSend = send
            if let remote = remoteRTP, rtpSocket >= 0 {
                let header = sequencer.nextEventHeader(
                    payloadType: payloadType, eventTimestamp: send.eventTimestamp, marker: isFirst, payloadBytes: TelephoneEvent.length, at: now)
                let fd = rtpSocket
                let sent = sendScratch.withUnsafeMutableBytes { packet -> Bool in
                    header.write(to: packet)
                    packet[12] = event.event
                    packet[13] = (event.isEnd ? 0x80 : 0) | event.volume & 0x3F
                    packet[14] = UInt8(truncatingIfNeeded: event.duration >> 8)
                    packet[15] = UInt8(truncatingIfNeeded: event.duration)
                    return DatagramSocket.send(fd, UnsafeRawBufferPointer(rebasing: packet[0..<16]), to: remote)
                }
                countSent(sent, bytes: TelephoneEvent.length)
            }
            if isLast { sequencer.advance(samples: eventSamples) }
        case .pause:
            digitSend = send
        case .finished:
            digitSend = send
            endDigitSend()
        }
    }

    private func endDigitSend() {
        guard let send = digitSend else { return }
        digitSend = nil
        sequencer.feedChanged()
        updateClockRegistration()
        send.promise.succeed(())
    }
}
