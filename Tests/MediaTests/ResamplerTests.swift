// Resampling espeak-ng's 22,050 Hz output to 8 kHz keeps tones and drops what 8 kHz cannot hold.

import Foundation
import KefuTesting
import Testing
@testable import Media

@Suite struct ResamplerTests {
    func tone(_ frequency: Double, rate: Int, seconds: Double) -> [Int16] {
        (0..<Int(Double(rate) * seconds)).map { Int16((0.4 * 32767 * sin(2 * Double.pi * frequency * Double($0) / Double(rate))).rounded()) }
    }

    @Test("a 1 kHz tone at 22,050 Hz is a 1 kHz tone at 8 kHz of the same length and level")
    func keepsTone() {
        let output = Resampler.resample(tone(1000, rate: 22050, seconds: 1), from: 22050, to: 8000)
        #expect(abs(output.count - 8000) <= 1)
        let middle = Array(output[1000..<7000])
        #expect(Signal.share(of: 1000, in: middle) > 0.95)
        #expect(abs(Signal.level(middle) - Signal.level(tone(1000, rate: 8000, seconds: 1))) < 0.5)
    }

    @Test("a 6 kHz tone, above the new Nyquist frequency, is filtered out rather than folded to 2 kHz")
    func filtersAliases() {
        let output = Resampler.resample(tone(6000, rate: 22050, seconds: 1), from: 22050, to: 8000)
        #expect(Signal.level(Array(output[1000..<7000])) < -40)
    }

    @Test("weights computed once per position give the same samples as weights computed per sample",
          arguments: [(22050, 8000), (44100, 8000), (16000, 8000), (11025, 8000)])
    func tabledWeightsMatch(inputRate: Int, outputRate: Int) {
        var generator = SeededRandom(seed: 7)
        let noise = (0..<inputRate / 4).map { _ in Int16(truncatingIfNeeded: generator.next()) / 4 }
        let tabled = Resampler.resample(noise, from: inputRate, to: outputRate, taps: 16, maximumTablePhases: 4096)
        let direct = Resampler.resample(noise, from: inputRate, to: outputRate, taps: 16, maximumTablePhases: 0)
        #expect(tabled.count == direct.count)
        #expect(zip(tabled, direct).allSatisfy { abs(Int($0) - Int($1)) <= 1 })
    }
}
