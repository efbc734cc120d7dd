// Micro-benchmarks of the Media module's per-packet and per-frame work: the costs that decide
// how many calls one core relays, records and mixes. They print instructions and mallocs; the
// whole-engine figures come from scripts/bench/media-bridge.sh and media-playback.sh.

import Benchmark
import Media
import NIOCore

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.instructions, .mallocCountTotal, .wallClock], maxDuration: .seconds(2))

    let samples = (0..<160).map { Int16(truncatingIfNeeded: $0 * 411) }
    let bytes = G711.encode(.aLaw, samples)

    Benchmark("G711.encode 20 ms A-law") { benchmark in
        var out = [UInt8](repeating: 0, count: 160)
        for _ in benchmark.scaledIterations {
            samples.withUnsafeBufferPointer { input in out.withUnsafeMutableBufferPointer { G711.encode(.aLaw, from: input, into: $0) } }
            blackHole(out)
        }
    }

    Benchmark("G711.decode 20 ms A-law") { benchmark in
        var out = [Int16](repeating: 0, count: 160)
        for _ in benchmark.scaledIterations {
            bytes.withUnsafeBytes { input in out.withUnsafeMutableBufferPointer { G711.decode(.aLaw, from: input, into: $0) } }
            blackHole(out)
        }
    }

    var packet = ByteBuffer()
    RTPHeader(marker: false, payloadType: 8, sequenceNumber: 1, timestamp: 160, ssrc: 9).write(to: &packet)
    packet.writeBytes(bytes)
    let frozen = packet

    Benchmark("RTP parse + relay header rewrite") { benchmark in
        var sequencer = RTPSequencer(ssrc: 1, initialSequence: 0, initialTimestamp: 0)
        var out = ByteBuffer()
        for i in benchmark.scaledIterations {
            let view = try RTPPacketView(parsing: frozen)
            let header = sequencer.relayedHeader(from: view.header, payloadType: 8, samples: 160, payloadBytes: 160, at: Int64(i) * 20_000_000)
            out.clear()
            header.write(to: &out)
            out.writeImmutableBuffer(frozen.getSlice(at: view.payloadOffset, length: view.payloadLength)!)
            blackHole(out)
        }
    }

    Benchmark("DTMFDetector 20 ms frame") { benchmark in
        var detector = DTMFDetector()
        for _ in benchmark.scaledIterations {
            blackHole(detector.process(samples))
        }
    }

    Benchmark("Mixer 3 parties 20 ms") { benchmark in
        let mixer = Mixer.supervised(.whisper)
        let frame = AudioFrame(samples: samples)
        var outputs: [AudioFrame] = []
        for _ in benchmark.scaledIterations {
            mixer.mix([frame, frame, frame], into: &outputs)
            blackHole(outputs)
        }
    }

    Benchmark("JitterBuffer insert + read 20 ms") { benchmark in
        var buffer = JitterBuffer()
        var frame = AudioFrame.silence
        for i in benchmark.scaledIterations {
            buffer.insert(ssrc: 1, timestamp: UInt32(truncatingIfNeeded: i * 160), samples: samples)
            buffer.read(into: &frame)
            blackHole(frame)
        }
    }

    Benchmark("PromptPlayer 20 ms of a looping prompt") { benchmark in
        var player = PromptPlayer(.loop(.clip(AudioClip(samples: Array(repeating: 1, count: 8000))), times: nil))
        var frame = AudioFrame.silence
        for _ in benchmark.scaledIterations {
            blackHole(player.read(into: &frame))
        }
    }
}
