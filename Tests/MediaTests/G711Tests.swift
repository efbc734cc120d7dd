// G.711 against known values, the decoding tables of an independent implementation (sox), and
// round trips over every byte of both laws.

import Foundation
import Testing
@testable import Media

@Suite struct G711Tests {
    @Test("encodes the ITU reference points of µ-law and A-law", arguments: [
        (G711Law.muLaw, Int16(0), UInt8(0xFF)), (.muLaw, -1, 0x7F), (.muLaw, 32767, 0x80), (.muLaw, -32768, 0x00),
        (.muLaw, 1000, 0xCE), (.muLaw, -1000, 0x4E),
        (.aLaw, 0, 0xD5), (.aLaw, -1, 0x55), (.aLaw, 32767, 0xAA), (.aLaw, -32768, 0x2A),
        (.aLaw, 1000, 0xFA), (.aLaw, -1000, 0x7A),
    ])
    func referencePoints(law: G711Law, sample: Int16, byte: UInt8) {
        #expect(G711.encode(law, sample: sample) == byte)
    }

    @Test("decodes every byte exactly as sox does", arguments: [G711Law.muLaw, .aLaw])
    func decodingMatchesSox(law: G711Law) throws {
        let raw = try Fixtures.bytes(law == .muLaw ? "g711-mulaw-decoded.s16le" : "g711-alaw-decoded.s16le")
        let expected = (0..<256).map { Int16(bitPattern: UInt16(raw[2 * $0]) | UInt16(raw[2 * $0 + 1]) << 8) }
        #expect(G711.decode(law, (0...255).map { UInt8($0) }) == expected)
    }

    @Test("every byte survives decode then encode (µ-law's negative zero becomes positive zero)", arguments: [G711Law.muLaw, .aLaw])
    func allBytesRoundTrip(law: G711Law) {
        for byte in 0...255 {
            let sample = G711.decode(law, byte: UInt8(byte))
            let expected: UInt8 = law == .muLaw && byte == 0x7F ? 0xFF : UInt8(byte)
            #expect(G711.encode(law, sample: sample) == expected, "byte \(byte)")
        }
    }

    @Test("encoding picks the nearest level below in magnitude: the error stays within one step", arguments: [G711Law.muLaw, .aLaw])
    func quantisationErrorIsBounded(law: G711Law) {
        for value in stride(from: -32768, through: 32767, by: 7) {
            let sample = Int16(value)
            let decoded = Int(G711.decode(law, byte: G711.encode(law, sample: sample)))
            let magnitude = abs(value)
            // Step size grows with the segment: 1/16 of the magnitude plus the smallest step.
            let step = magnitude / 16 + (law == .muLaw ? 8 : 16)
            #expect(abs(decoded - value) <= step, "sample \(value) decoded as \(decoded)")
        }
    }

    @Test("transcoding µ-law to A-law in place matches decoding and re-encoding")
    func transcoding() {
        var bytes = (0...255).map { UInt8($0) }
        bytes.withUnsafeMutableBytes { G711.transcode($0, from: .muLaw, to: .aLaw) }
        let expected = (0...255).map { G711.encode(.aLaw, sample: G711.decode(.muLaw, byte: UInt8($0))) }
        #expect(bytes == expected)
    }

    @Test("a tone survives encode and decode with a signal-to-noise ratio above 30 dB", arguments: [G711Law.muLaw, .aLaw])
    func toneFidelity(law: G711Law) {
        let tone = Signal.tone(1000, milliseconds: 100, amplitude: 0.5)
        let decoded = G711.decode(law, G711.encode(law, tone))
        let noise = zip(tone, decoded).map { Int16(clamping: Int($0) - Int($1)) }
        #expect(Signal.level(tone) - Signal.level(noise) > 30)
    }
}
