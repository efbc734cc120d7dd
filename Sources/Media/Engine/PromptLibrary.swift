// Loads what prompts name (WAV files, TTS text, tone cycles) once and keeps it in memory, so a
// thousand callers hearing the same prompt share one copy of it.

import Synchronization

/// Resolves `Prompt`s into playable audio, caching files and tones.
final class PromptLibrary: Sendable {
    private let files = Mutex<[String: AudioClip]>([:])
    private let tones = Mutex<[TonePattern: AudioClip]>([:])
    let speech: SpeechSynthesizer

    init(speech: SpeechSynthesizer) {
        self.speech = speech
    }

    /// Loads files, renders speech and tones; throws with the prompt that failed.
    func resolve(_ prompt: Prompt) async throws(MediaError) -> ResolvedPrompt {
        switch prompt {
        case .file(let path):
            return .clip(try clip(path: path))
        case .speech(let text, let voice):
            do {
                return .clip(try await speech.clip(for: text, voice: voice))
            } catch {
                throw .promptUnavailable(prompt: "speech \"\(text)\" (\(voice))", reason: error.description)
            }
        case .tone(let pattern, let milliseconds):
            let cycle = toneCycle(pattern)
            if let milliseconds {
                return .limit(.loop(.clip(cycle), times: nil), samples: milliseconds * AudioFrame.sampleRate / 1000)
            }
            return .loop(.clip(cycle), times: nil)
        case .silence(let milliseconds):
            return .silence(samples: max(0, milliseconds) * AudioFrame.sampleRate / 1000)
        case .clip(let clip):
            return .clip(clip)
        case .sequence(let prompts):
            var resolved: [ResolvedPrompt] = []
            for prompt in prompts { resolved.append(try await resolve(prompt)) }
            return .sequence(resolved)
        case .loop(let prompt, let times):
            return .loop(try await resolve(prompt), times: times)
        }
    }

    /// The clip of a WAV file, read on first use.
    func clip(path: String) throws(MediaError) -> AudioClip {
        if let cached = files.withLock({ $0[path] }) { return cached }
        let clip: AudioClip
        do {
            clip = try AudioClip(contentsOfWAV: path)
        } catch {
            throw .promptUnavailable(prompt: path, reason: error.description)
        }
        files.withLock { $0[path] = clip }
        return clip
    }

    /// Forgets a cached file (after the tenant uploaded a new version).
    func invalidate(path: String) {
        _ = files.withLock { $0.removeValue(forKey: path) }
    }

    private func toneCycle(_ pattern: TonePattern) -> AudioClip {
        if let cached = tones.withLock({ $0[pattern] }) { return cached }
        let clip = pattern.renderCycle()
        tones.withLock { $0[pattern] = clip }
        return clip
    }
}
