// In-band DTMF: tones with noise are found, speech in two languages never yields a digit.

import Foundation
import Testing
@testable import Media

@Suite struct DTMFDetectorTests {
    func detect(_ samples: [Int16]) -> [DTMFDigit] {
        var detector = DTMFDetector()
        return (detector.process(samples) + detector.flush()).map(\.digit)
    }

    func keyed(_ digits: [DTMFDigit], toneMilliseconds: Int = 100, gapMilliseconds: Int = 100) -> [Int16] {
        var samples = Signal.silence(milliseconds: 200)
        for digit in digits {
            samples += Signal.dtmf(digit, milliseconds: toneMilliseconds)
            samples += Signal.silence(milliseconds: gapMilliseconds)
        }
        return samples
    }

    @Test("all sixteen keys are detected once each, in order")
    func allKeys() {
        let digits = DTMFDigit.allCases
        #expect(detect(keyed(digits)) == digits)
    }

    @Test("keys are still detected with white noise at 20, 15 and 10 dB below the tones", arguments: [20.0, 15.0, 10.0])
    func noise(snr: Double) {
        let digits = [DTMFDigit](dialString: "13579*02468#ABCD")!
        let clean = keyed(digits)
        // Each tone is 0.2 amplitude: RMS 0.2/√2 per tone, two tones.
        let toneRMS = 0.2
        let noisy = Signal.addNoise(clean, rms: toneRMS / pow(10, snr / 20), seed: UInt64(snr))
        #expect(detect(noisy) == digits)
    }

    @Test("a key held for two seconds is one digit with its duration")
    func longPress() {
        var detector = DTMFDetector()
        let digits = detector.process(Signal.dtmf(.five, milliseconds: 2000) + Signal.silence(milliseconds: 200))
        #expect(digits.map(\.digit) == [.five])
        #expect(digits.first.map { $0.durationMilliseconds > 1800 && $0.durationMilliseconds <= 2000 } == true)
    }

    @Test("the same key twice with a 60 ms gap is two digits")
    func repeatedKey() {
        #expect(detect(keyed([.eight, .eight, .eight], toneMilliseconds: 80, gapMilliseconds: 60)) == [.eight, .eight, .eight])
    }

    @Test("a single 450 Hz tone, and a chord off the DTMF grid, are not digits")
    func tonesAreNotDigits() {
        let ringback = Signal.tone(450, milliseconds: 1000)
        let chord = zip(Signal.tone(600, milliseconds: 1000), Signal.tone(1100, milliseconds: 1000)).map { Int16(clamping: Int($0) + Int($1)) }
        #expect(detect(ringback).isEmpty)
        #expect(detect(chord).isEmpty)
    }

    @Test("espeak-ng speech in English and Mandarin gives no digit", arguments: ["speech-en.wav", "speech-zh.wav"])
    func speech(file: String) throws {
        let clip = try Fixtures.clip(file)
        #expect(clip.samples.count > 8000 * 5)
        #expect(detect(clip.samples).isEmpty)
        // Louder and quieter versions too.
        #expect(detect(clip.samples.map { Int16(clamping: Int($0) * 3) }).isEmpty)
        #expect(detect(clip.samples.map { $0 / 8 }).isEmpty)
    }

    @Test("digits spoken over by speech at a lower level are still found")
    func digitsOverSpeech() throws {
        let speech = try Fixtures.clip("speech-en.wav").samples
        let keys = keyed([.one, .nine, .pound], toneMilliseconds: 120, gapMilliseconds: 300)
        let mixed = keys.indices.map { Int16(clamping: Int(keys[$0]) + Int(speech[$0 % speech.count]) / 20) }
        #expect(detect(mixed) == [.one, .nine, .pound])
    }
}
