// The engine's side of a mix (conference, supervisor listen/whisper/barge): each participant's
// received audio goes into a jitter buffer; every 20 ms the clock reads one frame of each,
// the Mixer computes what each participant hears, and each leg sends its frame.

import NIOCore

/// A mix in progress, confined to `eventLoop`.
final class MixCore: ClockDriven, AudioTapConsumer, @unchecked Sendable {
    let eventLoop: any EventLoop
    private let scheduler: LoopScheduler
    private(set) var participants: [RTPLeg?] = []
    private var buffers: [JitterBuffer] = []
    private(set) var roles: [MixRole] = []
    private var mixer = Mixer(roles: [])
    private var inputs: [AudioFrame?] = []
    private var outputs: [AudioFrame] = []
    private var ended = false

    init(eventLoop: any EventLoop, scheduler: LoopScheduler) {
        self.eventLoop = eventLoop
        self.scheduler = scheduler
    }

    /// Adds a participant; its relay stops and its taps feed this mix.
    func add(_ leg: RTPLeg, role: MixRole) {
        eventLoop.assertInEventLoop()
        guard !ended, !participants.contains(where: { $0 === leg }) else { return }
        let index = participants.count
        participants.append(leg)
        buffers.append(JitterBuffer())
        roles.append(role)
        rebuild()
        let tap = AudioTap(consumer: self, index: index)
        leg.eventLoop.execute { [self] in
            leg.mix?.detach(leg)
            leg.relayTarget = nil
            leg.acceptsRelay = false
            leg.mix = self
            leg.taps.append(tap)
        }
        if participants.count == 1 { scheduler.register(self) }
    }

    /// Removes a participant (it keeps silent until bridged or played to again).
    func remove(_ leg: RTPLeg) {
        eventLoop.assertInEventLoop()
        guard let index = participants.firstIndex(where: { $0 === leg }) else { return }
        participants[index] = nil
        rebuild()
        leg.eventLoop.execute { [self] in
            leg.taps.removeAll { $0.consumer === self }
            if leg.mix === self { leg.mix = nil }
        }
    }

    /// Called on the leg's loop when a participant leaves on its own (moved to another mix).
    func detach(_ leg: RTPLeg) {
        leg.taps.removeAll { $0.consumer === self }
        leg.mix = nil
        eventLoop.execute { [self] in
            if let index = participants.firstIndex(where: { $0 === leg }) {
                participants[index] = nil
                rebuild()
            }
        }
    }

    /// Changes who hears whom; `roles` has one entry per participant added so far.
    func setRoles(_ roles: [MixRole]) {
        eventLoop.assertInEventLoop()
        guard roles.count == self.roles.count else { return }
        self.roles = roles
        rebuild()
    }

    /// Ends the mix: participants fall silent until bridged or played to.
    ///
    /// Audio a participant's loop already sent this way, and role changes queued behind the
    /// end, may still arrive; with every participant gone they find nothing to touch.
    func end() {
        eventLoop.assertInEventLoop()
        guard !ended else { return }
        ended = true
        scheduler.unregister(self)
        for case let leg? in participants {
            leg.eventLoop.execute { [self] in
                leg.taps.removeAll { $0.consumer === self }
                if leg.mix === self { leg.mix = nil }
            }
        }
        participants.removeAll()
        buffers.removeAll()
        roles.removeAll()
        rebuild()
    }

    /// Called on the leg's loop when the leg is released.
    func legReleased(_ leg: RTPLeg) {
        eventLoop.execute { [self] in
            if let index = participants.firstIndex(where: { $0 === leg }) {
                participants[index] = nil
                rebuild()
            }
        }
    }

    private func rebuild() {
        // A participant who left neither speaks nor is heard.
        let effective = roles.indices.map { participants[$0] == nil ? MixRole.listener : roles[$0] }
        mixer = Mixer(roles: effective)
        inputs = Array(repeating: nil, count: effective.count)
    }

    func tapReceived(_ tap: Int, ssrc: UInt32, timestamp: UInt32, samples: UnsafeBufferPointer<Int16>) {
        guard tap < participants.count, participants[tap] != nil else { return }
        buffers[tap].insert(ssrc: ssrc, timestamp: timestamp, samples: samples)
    }

    func tapEnded(_ tap: Int) {
        guard tap < participants.count else { return }
        participants[tap] = nil
        rebuild()
    }

    func clockTicked(frame: Int64, frames: Int, now: Int64) {
        guard !ended else { return }
        for step in 0..<frames {
            let frameNow = now - Int64(frames - 1 - step) * MediaClock.frameNanos
            for i in participants.indices {
                var input = AudioFrame.silence
                buffers[i].read(into: &input)
                inputs[i] = participants[i] == nil ? nil : input
            }
            mixer.mix(inputs, into: &outputs)
            for (i, participant) in participants.enumerated() {
                guard let leg = participant else { continue }
                let output = outputs[i]
                if leg.eventLoop === eventLoop {
                    leg.mixedFrame(output, now: frameNow)
                } else {
                    leg.eventLoop.execute { leg.mixedFrame(output, now: frameNow) }
                }
            }
        }
    }
}
