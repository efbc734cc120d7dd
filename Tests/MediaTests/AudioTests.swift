// Prompts, tones, the jitter buffer and the mixer, all on arrays.

import Testing
@testable import Media

@Suite struct PromptPlayerTests {
    func play(_ prompt: ResolvedPrompt, maxFrames: Int = 10_000) -> (samples: [Int16], frames: Int) {
        var player = PromptPlayer(prompt)
        var frame = AudioFrame.silence
        var sink = CollectingAudioSink()
        var frames = 0
        while frames < maxFrames, player.read(into: &frame) {
            sink.write(frame)
            frames += 1
        }
        return (sink.samples, frames)
    }

    @Test("a sequence plays its parts back to back, padding only the last frame")
    func sequence() {
        let a = AudioClip(samples: Array(repeating: 1, count: 100))
        let b = AudioClip(samples: Array(repeating: 2, count: 250))
        let (samples, frames) = play(.sequence([.clip(a), .silence(samples: 10), .clip(b)]))
        #expect(frames == 3)
        #expect(Array(samples[0..<100]) == Array(repeating: 1, count: 100))
        #expect(Array(samples[100..<110]) == Array(repeating: 0, count: 10))
        #expect(Array(samples[110..<360]) == Array(repeating: 2, count: 250))
        #expect(Array(samples[360...]) == Array(repeating: 0, count: 120))
    }

    @Test("a loop repeats its prompt the given number of times; an endless loop keeps going")
    func loops() {
        let clip = AudioClip(samples: (0..<160).map { Int16($0) })
        #expect(play(.loop(.clip(clip), times: 3)).frames == 3)
        #expect(play(.loop(.clip(clip), times: nil), maxFrames: 500).frames == 500)
        #expect(play(.loop(.clip(AudioClip(samples: [])), times: nil)).frames == 0)
    }

    @Test("a limit cuts an endless tone at its length")
    func limit() {
        let cycle = TonePattern.chineseBusy.renderCycle()
        let (samples, _) = play(.limit(.loop(.clip(cycle), times: nil), samples: 8000 * 3))
        #expect(samples.count == 8000 * 3)
    }

    @Test("Chinese ringback is 450 Hz for 1 s then silent for 4 s")
    func ringback() {
        let cycle = TonePattern.chineseRingback.renderCycle()
        #expect(cycle.samples.count == 40000)
        let on = Array(cycle.samples[0..<8000])
        let off = Array(cycle.samples[8000..<40000])
        #expect(Signal.share(of: 450, in: on) > 0.95)
        #expect(Signal.level(off) == -120)
    }

    @Test("Chinese busy tone is 450 Hz, 350 ms on and 350 ms off")
    func busy() {
        let cycle = TonePattern.chineseBusy.renderCycle()
        #expect(cycle.samples.count == 5600)
        #expect(Signal.share(of: 450, in: Array(cycle.samples[0..<2800])) > 0.95)
        #expect(Signal.level(Array(cycle.samples[2800..<5600])) == -120)
    }
}

@Suite struct JitterBufferTests {
    func frame(_ value: Int16) -> [Int16] { Array(repeating: value, count: 160) }

    func read(_ buffer: inout JitterBuffer) -> [Int16] {
        var out = AudioFrame.silence
        buffer.read(into: &out)
        return out.samples
    }

    @Test("packets come out in timestamp order after the playout delay, lost ones as silence")
    func orderAndLoss() {
        var buffer = JitterBuffer(playoutDelay: 320)
        buffer.insert(ssrc: 1, timestamp: 1000, samples: frame(1))
        buffer.insert(ssrc: 1, timestamp: 1320, samples: frame(3))  // 1160 is lost
        buffer.insert(ssrc: 1, timestamp: 1480, samples: frame(4))
        let out = (0..<6).map { _ in read(&buffer)[0] }
        #expect(out == [0, 0, 1, 0, 3, 4])
    }

    @Test("a reordered packet that arrives before its turn is played in place")
    func reorder() {
        var buffer = JitterBuffer(playoutDelay: 320)
        buffer.insert(ssrc: 1, timestamp: 0, samples: frame(1))
        buffer.insert(ssrc: 1, timestamp: 320, samples: frame(3))
        buffer.insert(ssrc: 1, timestamp: 160, samples: frame(2))
        #expect((0..<5).map { _ in read(&buffer)[0] } == [0, 0, 1, 2, 3])
    }

    @Test("a sender that pauses without advancing its timestamps is re-synchronised after a few late packets")
    func pausedSender() {
        var buffer = JitterBuffer(playoutDelay: 320)
        for n in 0..<10 { buffer.insert(ssrc: 1, timestamp: UInt32(n * 160), samples: frame(1)) }
        for _ in 0..<40 { _ = read(&buffer) }  // 800 ms pass; the sender paused
        for n in 10..<20 {
            buffer.insert(ssrc: 1, timestamp: UInt32(n * 160), samples: frame(2))
            _ = read(&buffer)
        }
        #expect(buffer.resynchronisations == 1)
        #expect((0..<4).map { _ in read(&buffer)[0] }.contains(2))
    }

    @Test("a new SSRC starts a new timeline")
    func newSource() {
        var buffer = JitterBuffer(playoutDelay: 160)
        buffer.insert(ssrc: 1, timestamp: 50_000, samples: frame(1))
        _ = read(&buffer)
        buffer.insert(ssrc: 2, timestamp: 7, samples: frame(9))
        #expect((0..<2).map { _ in read(&buffer)[0] } == [0, 9])
    }
}

@Suite struct MixerTests {
    let caller = AudioFrame(samples: Array(repeating: 100, count: 160))
    let agent = AudioFrame(samples: Array(repeating: 20, count: 160))
    let supervisor = AudioFrame(samples: Array(repeating: 3, count: 160))

    func heard(_ mixer: Mixer) -> [Int16] {
        mixer.mix([caller, agent, supervisor]).map { $0.samples[0] }
    }

    @Test("in a conference everyone hears everyone but themselves")
    func conference() {
        #expect(heard(.conference(count: 3)) == [23, 103, 120])
    }

    @Test("listen: the supervisor hears both and nobody hears the supervisor")
    func listen() {
        #expect(heard(.supervised(.listen)) == [20, 100, 120])
    }

    @Test("whisper: only the agent hears the supervisor")
    func whisper() {
        #expect(heard(.supervised(.whisper)) == [20, 103, 120])
    }

    @Test("barge: everyone hears everyone")
    func barge() {
        #expect(heard(.supervised(.barge)) == [23, 103, 120])
    }

    @Test("loud parties saturate instead of wrapping around")
    func saturation() {
        let loud = AudioFrame(samples: Array(repeating: 30000, count: 160))
        let out = Mixer.conference(count: 3).mix([loud, loud, loud])
        #expect(out[0].samples[0] == Int16.max)
        #expect(Mixer.sum([AudioFrame(samples: Array(repeating: -30000, count: 160)), AudioFrame(samples: Array(repeating: -30000, count: 160))]).samples[0] == Int16.min)
    }

    @Test("a silent participant (no frame) adds nothing")
    func missingInput() {
        #expect(Mixer.conference(count: 3).mix([caller, nil, supervisor]).map { $0.samples[0] } == [3, 103, 100])
    }
}

@Suite struct PortPoolTests {
    @Test("hands out even ports round-robin and takes them back, ignoring double releases")
    func pool() throws {
        let pool = try PortPool(range: 20001...20008)
        #expect(pool.range == 20002...20006)
        let a = try #require(pool.acquire())
        let b = try #require(pool.acquire())
        let c = try #require(pool.acquire())
        #expect([a, b, c] == [20002, 20004, 20006])
        #expect(pool.acquire() == nil)
        pool.release(b)
        pool.release(b)
        #expect(pool.available == 1)
        #expect(pool.acquire() == 20004)
    }

    @Test("a range without an even port and its neighbour is refused")
    func invalidRange() {
        #expect(throws: MediaError.self) { try PortPool(range: 20001...20002) }
    }
}
