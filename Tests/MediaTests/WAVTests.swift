// WAV reading and writing: round trips in every supported format, real files from sox, the
// incremental writer's crash safety, and errors that name the problem.

import Foundation
import Testing
@testable import Media

@Suite struct WAVTests {
    @Test("16-bit PCM mono and stereo survive encode and parse", arguments: [1, 2])
    func pcmRoundTrip(channels: Int) throws {
        let samples = (0..<800).map { Int16(truncatingIfNeeded: $0 * 97 - 30000) }
        let bytes = WAVEncoder.encode(samples: samples, channels: channels, sampleRate: 8000)
        let file = try WAVReader.parse(bytes)
        #expect(file.format == WAVFormat(encoding: .pcm16, channels: channels, sampleRate: 8000))
        #expect(file.linearSamples == samples)
        #expect(file.frameCount == 800 / channels)
        if channels == 2 {
            #expect(file.channel(0) == stride(from: 0, to: 800, by: 2).map { samples[$0] })
            #expect(file.channel(1) == stride(from: 1, to: 800, by: 2).map { samples[$0] })
        }
    }

    @Test("G.711 WAV files keep their bytes and decode to linear samples", arguments: [WAVEncoding.aLaw, .muLaw])
    func g711RoundTrip(encoding: WAVEncoding) throws {
        let data = (0...255).map { UInt8($0) }
        let bytes = WAVEncoder.encode(format: WAVFormat(encoding: encoding, channels: 1, sampleRate: 8000), data: data)
        let file = try WAVReader.parse(bytes)
        #expect(file.format.encoding == encoding)
        #expect(file.data == data)
        #expect(file.linearSamples == G711.decode(encoding == .aLaw ? .aLaw : .muLaw, data))
    }

    @Test("files written by sox (A-law, µ-law, PCM) are read as 8 kHz mono clips", arguments: ["speech-zh-alaw.wav", "speech-en-mulaw.wav", "speech-en.wav"])
    func soxFiles(name: String) throws {
        let clip = try Fixtures.clip(name)
        #expect(clip.samples.count >= 16000)
        #expect(Signal.level(clip.samples) > -40)
    }

    @Test("unknown chunks are skipped and an odd-sized chunk is padded")
    func chunksSkipped() throws {
        var bytes = WAVEncoder.encode(samples: [1, 2, 3])
        // Insert a 3-byte LIST chunk (padded to 4) before "data".
        let dataIndex = bytes.count - 6 - 8
        bytes.insert(contentsOf: Array("LIST".utf8) + [3, 0, 0, 0, 9, 9, 9, 0], at: dataIndex)
        #expect(try WAVReader.parse(bytes).linearSamples == [1, 2, 3])
    }

    @Test("a data size larger than the file (an unpatched streaming header) reads what is there")
    func oversizedData() throws {
        var bytes = WAVEncoder.encode(samples: [5, 6, 7, 8])
        bytes.replaceSubrange(40..<44, with: [0xFF, 0xFF, 0xFF, 0x7F])
        #expect(try WAVReader.parse(bytes).linearSamples == [5, 6, 7, 8])
    }

    @Test("bad files are refused with the reason", arguments: [
        ([UInt8](repeating: 0, count: 44), WAVError.notRIFFWAVE),
        (Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WAVE".utf8) + Array("data".utf8) + [0, 0, 0, 0], WAVError.missingFormatChunk),
    ] as [([UInt8], WAVError)])
    func badFiles(bytes: [UInt8], error: WAVError) {
        #expect(throws: error) { try WAVReader.parse(bytes) }
    }

    @Test("8-bit PCM, 24-bit PCM and MP3-in-WAV are refused with their format named")
    func unsupported() {
        var eightBit = WAVEncoder.encode(samples: [0, 0])
        eightBit[34] = 8
        #expect(throws: WAVError.unsupportedBitsPerSample(8)) { try WAVReader.parse(eightBit) }
        var mp3 = WAVEncoder.encode(samples: [0, 0])
        mp3[20] = 0x55
        #expect(throws: WAVError.unsupportedFormatTag(0x55)) { try WAVReader.parse(mp3) }
    }

    @Test("a 16 kHz prompt is refused with how to convert it")
    func notTelephony() throws {
        let file = try WAVReader.parse(WAVEncoder.encode(samples: [0, 0], sampleRate: 16000))
        #expect(throws: WAVError.notTelephonyAudio(file.format)) { try AudioClip(wav: file, name: "x") }
        #expect(WAVError.notTelephonyAudio(file.format).description.contains("sox in.wav -r 8000"))
    }

    @Test("the incremental writer leaves a valid file after each flush, before it is closed")
    func incrementalWriter() throws {
        let directory = Fixtures.temporaryDirectory("wav")
        defer { Fixtures.remove(directory) }
        let path = directory + "/incremental.wav"
        let writer = try WAVFileWriter(path: path, format: .telephonyStereo)
        try writer.append(samples: Array(repeating: 100, count: 16000))
        try writer.flush()
        try writer.append(samples: Array(repeating: 200, count: 3200))
        // A crash now: the file on disk holds the first second, and parses.
        let midway = try WAVReader.read(path: path)
        #expect(midway.frameCount >= 8000)
        #expect(midway.format == .telephonyStereo)
        try writer.close()
        let done = try WAVReader.read(path: path)
        #expect(done.frameCount == 9600)
        #expect(done.channel(1).last == 200)
    }
}
