// Fixture loading and signal helpers shared by the media tests.

import Foundation
import KefuTesting
@testable import Media

enum Fixtures {
    /// The path of a file in Tests/MediaTests/Fixtures.
    static func path(_ name: String) -> String {
        Bundle.module.path(forResource: "Fixtures/" + name, ofType: nil)
            ?? Bundle.module.bundlePath + "/Fixtures/" + name
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path(name))))
    }

    static func clip(_ name: String) throws -> AudioClip {
        try AudioClip(contentsOfWAV: path(name))
    }

    /// A fresh directory under the system temporary directory; pair it with
    /// `defer { Fixtures.remove(directory) }` so test runs leave nothing behind.
    static func temporaryDirectory(_ label: String) -> String {
        let path = NSTemporaryDirectory() + "kefu-media-\(label)-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Removes a directory made by `temporaryDirectory(_:)` and everything in it.
    static func remove(_ directory: String) {
        try? FileManager.default.removeItem(atPath: directory)
    }
}

enum Signal {
    /// A sine tone of `frequency` at `amplitude` (fraction of full scale).
    static func tone(_ frequency: Double, milliseconds: Int, amplitude: Double = 0.3, phase: Int = 0) -> [Int16] {
        let count = milliseconds * 8
        return (0..<count).map { n in
            Int16(clamping: Int((amplitude * 32767 * sin(2 * Double.pi * frequency * Double(n + phase) / 8000)).rounded()))
        }
    }

    /// The DTMF pair of `digit`.
    static func dtmf(_ digit: DTMFDigit, milliseconds: Int, amplitude: Double = 0.2) -> [Int16] {
        let low = tone(digit.rowFrequency, milliseconds: milliseconds, amplitude: amplitude)
        let high = tone(digit.columnFrequency, milliseconds: milliseconds, amplitude: amplitude)
        return zip(low, high).map { Int16(clamping: Int($0) + Int($1)) }
    }

    static func silence(milliseconds: Int) -> [Int16] {
        Array(repeating: 0, count: milliseconds * 8)
    }

    /// Adds white noise of RMS `rms` (fraction of full scale), reproducibly.
    static func addNoise(_ samples: [Int16], rms: Double, seed: UInt64) -> [Int16] {
        var generator = SeededRandom(seed: seed)
        // Uniform noise in [-a, a] has RMS a/√3.
        let a = rms * sqrt(3) * 32767
        return samples.map { sample in
            let noise = (Double(generator.next() >> 11) / Double(1 << 53) * 2 - 1) * a
            return Int16(clamping: Int((Double(sample) + noise).rounded()))
        }
    }

    /// Power of `frequency` in `samples` relative to the signal's total power (0...1), by a
    /// single-bin DFT (Goertzel).
    static func share(of frequency: Double, in samples: [Int16]) -> Double {
        guard !samples.isEmpty else { return 0 }
        let coefficient = 2 * cos(2 * Double.pi * frequency / 8000)
        var s1 = 0.0
        var s2 = 0.0
        var energy = 0.0
        for sample in samples {
            let x = Double(sample) / 32768
            energy += x * x
            let s0 = x + coefficient * s1 - s2
            s2 = s1
            s1 = s0
        }
        let power = (s1 * s1 + s2 * s2 - coefficient * s1 * s2) * 2 / Double(samples.count)
        return energy > 0 ? power / energy : 0
    }

    /// Mean power in dBFS.
    static func level(_ samples: [Int16]) -> Double { AudioLevel.dBFS(samples) }
}
