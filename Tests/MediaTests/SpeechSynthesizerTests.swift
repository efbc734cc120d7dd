// TTS with espeak-ng: Mandarin and English render to 8 kHz prompts, the cache is used, and a
// missing espeak-ng gives an error that says what to install.

import Foundation
import Testing
@testable import Media

@Suite struct SpeechSynthesizerTests {
    @Test("Mandarin and English text render once to 8 kHz WAV files in the cache", arguments: [
        (SpeechVoice.mandarin, "您的排队位置是第三位"), (.english, "You are caller number three"),
    ])
    func renders(voice: SpeechVoice, text: String) async throws {
        let directory = Fixtures.temporaryDirectory("tts")
        defer { Fixtures.remove(directory) }
        let synthesizer = SpeechSynthesizer(cacheDirectory: directory)
        let clip = try await synthesizer.clip(for: text, voice: voice)
        #expect(clip.samples.count > 8000)  // more than a second of speech
        #expect(Signal.level(clip.samples) > -35)
        // Pieces of an announcement follow each other closely: at most 60 ms of silence after
        // the speech and 30 ms before it (espeak-ng leaves about 350 ms after).
        let audible = { (sample: Int16) in abs(Int(sample)) > 100 }
        let last = try #require(clip.samples.lastIndex(where: audible))
        let first = try #require(clip.samples.firstIndex(where: audible))
        #expect(clip.samples.count - 1 - last <= 480, "trailing silence of \(clip.samples.count - 1 - last) samples")
        #expect(first <= 240, "leading silence of \(first) samples")
        let path = try await synthesizer.cachedFile(for: text, voice: voice)
        let file = try WAVReader.read(path: path)
        #expect(file.format == .telephonyMono)
        #expect(file.linearSamples == clip.samples)

        // A second synthesizer over the same directory reads the cache, even with espeak-ng gone.
        let offline = SpeechSynthesizer(cacheDirectory: directory, executable: "/nonexistent/espeak-ng")
        #expect(try await offline.clip(for: text, voice: voice) == clip)
    }

    @Test("concurrent requests for the same prompt render it once")
    func concurrentRequests() async throws {
        let directory = Fixtures.temporaryDirectory("tts-concurrent")
        defer { Fixtures.remove(directory) }
        let synthesizer = SpeechSynthesizer(cacheDirectory: directory)
        let clips = try await withThrowingTaskGroup(of: AudioClip.self) { group in
            for _ in 0..<8 { group.addTask { try await synthesizer.clip(for: "请稍候", voice: .mandarin) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(clips).count == 1)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".wav") }
        #expect(files.count == 1)
    }

    @Test("without espeak-ng the error says to install it")
    func missingExecutable() async {
        let directory = Fixtures.temporaryDirectory("tts-missing")
        defer { Fixtures.remove(directory) }
        let synthesizer = SpeechSynthesizer(cacheDirectory: directory, executable: "/nonexistent/espeak-ng")
        await #expect(throws: SpeechError.synthesizerNotFound(searched: ["/nonexistent/espeak-ng"])) {
            try await synthesizer.clip(for: "hello", voice: .english)
        }
        #expect(SpeechError.synthesizerNotFound(searched: []).description.contains("install the Debian package espeak-ng"))
    }

    @Test("an unknown voice, a voice name with shell characters, and empty text are refused")
    func badInput() async {
        let directory = Fixtures.temporaryDirectory("tts-bad")
        defer { Fixtures.remove(directory) }
        let synthesizer = SpeechSynthesizer(cacheDirectory: directory)
        await #expect(throws: SpeechError.unknownVoice("no-such-voice-xyz")) { try await synthesizer.clip(for: "hello", voice: .espeak("no-such-voice-xyz")) }
        await #expect(throws: SpeechError.invalidVoice("en;rm -rf /")) { try await synthesizer.clip(for: "hello", voice: .espeak("en;rm -rf /")) }
        await #expect(throws: SpeechError.emptyText) { try await synthesizer.clip(for: "  ", voice: .english) }
    }
}

@Suite struct SpeechEdgesTests {
    @Test("silence around speech is cut to 20 ms before and 50 ms after; speech at the edges and all-silent audio stay whole")
    func trims() {
        let speech = [Int16](repeating: 3000, count: 800)
        let padded = [Int16](repeating: 20, count: 2000) + speech + [Int16](repeating: -30, count: 2800)
        let trimmed = SpeechEdges.trimmed(padded)
        #expect(trimmed.count == 160 + 800 + 400)
        #expect(Array(trimmed[160..<960]) == speech)
        #expect(SpeechEdges.trimmed(speech) == speech)
        #expect(SpeechEdges.trimmed(speech + [0, 0, 0]) == speech + [0, 0, 0])
        let silent = [Int16](repeating: 50, count: 1000)
        #expect(SpeechEdges.trimmed(silent) == silent)
        #expect(SpeechEdges.trimmed([]) == [])
    }
}
