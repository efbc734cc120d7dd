// Text to speech with espeak-ng: each (voice, text) is rendered once to an 8 kHz mono WAV in the
// cache directory and read from there afterwards, by this process or the next one.

import Foundation
import Synchronization

/// Renders prompts with espeak-ng and caches them on disk.
///
/// The cache file name is a hash of voice and text; a sidecar `.txt` file holds the exact
/// voice and text, so a hash collision is detected and rendered anew rather than played.
/// Concurrent requests for the same prompt share one rendering.
public actor SpeechSynthesizer {
    /// Where rendered prompts are kept.
    public nonisolated let cacheDirectory: String
    /// The espeak-ng executable, if one was given; otherwise `PATH` is searched.
    public nonisolated let executable: String?
    /// Words per minute passed to espeak-ng.
    public nonisolated let wordsPerMinute: Int
    private var inFlight: [String: Task<AudioClip, any Error>] = [:]
    private var memory: [String: AudioClip] = [:]
    /// Rendered prompts kept in memory; past this the memory cache starts over (the files stay).
    static let memoryLimit = 512
    /// Where prompts are loaded and rendered, one at a time, off the Swift concurrency pool:
    /// rendering waits on espeak-ng child processes, and a pool thread blocked there stalls
    /// every call's actor (a queue of distinct position announcements once took a 2-core
    /// machine's whole pool and the call path with it).
    private static let renderQueue = DispatchQueue(label: "kefu.tts.render")
    /// The voice names of each espeak-ng executable, listed once (a listing is a child process).
    private static let knownVoices = Mutex<[String: Set<String>]>([:])

    /// Creates a synthesizer caching into `cacheDirectory` (created when needed).
    public init(cacheDirectory: String, executable: String? = nil, wordsPerMinute: Int = 160) {
        self.cacheDirectory = cacheDirectory
        self.executable = executable
        self.wordsPerMinute = wordsPerMinute
    }

    /// The prompt for `text` in `voice`: from memory, from the cache directory, or rendered now.
    public func clip(for text: String, voice: SpeechVoice) async throws(SpeechError) -> AudioClip {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw .emptyText }
        let name = voice.espeakName
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw .invalidVoice(name)
        }
        let key = Self.cacheKey(voice: name, text: text)
        if let clip = memory[key] { return clip }
        let task: Task<AudioClip, any Error>
        if let running = inFlight[key] {
            task = running
        } else {
            let directory = cacheDirectory
            let executable = executable
            let rate = wordsPerMinute
            task = Task {
                try await withCheckedThrowingContinuation { continuation in
                    Self.renderQueue.async {
                        do {
                            continuation.resume(returning: try Self.loadOrRender(
                                text: text, voice: name, key: key, directory: directory, executable: executable, wordsPerMinute: rate))
                        } catch {
                            continuation.resume(throwing: error)
                        }
                    }
                }
            }
            inFlight[key] = task
        }
        do {
            let clip = try await task.value
            inFlight[key] = nil
            if memory.count >= Self.memoryLimit { memory.removeAll(keepingCapacity: true) }
            memory[key] = clip
            return clip
        } catch {
            inFlight[key] = nil
            throw error as? SpeechError ?? .cache(path: cacheDirectory, reason: "\(error)")
        }
    }

    /// The path of the cached WAV for (voice, text), rendering it first if needed.
    public func cachedFile(for text: String, voice: SpeechVoice) async throws(SpeechError) -> String {
        _ = try await clip(for: text, voice: voice)
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return Self.paths(directory: cacheDirectory, key: Self.cacheKey(voice: voice.espeakName, text: text)).wav
    }

    /// The espeak-ng executable that would be used, or the error saying it is missing.
    public nonisolated func locateExecutable() throws(SpeechError) -> String {
        try Self.locate(executable)
    }

    static func cacheKey(voice: String, text: String) -> String {
        // FNV-1a, 64 bits, over "voice\0text".
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in voice.utf8 + [0] + text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return voice + "-" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    static func paths(directory: String, key: String) -> (wav: String, text: String) {
        let base = (directory as NSString).appendingPathComponent(key)
        return (base + ".wav", base + ".txt")
    }

    private static func loadOrRender(
        text: String, voice: String, key: String, directory: String, executable: String?, wordsPerMinute: Int
    ) throws(SpeechError) -> AudioClip {
        let (wavPath, textPath) = paths(directory: directory, key: key)
        let identity = voice + "\n" + text
        if let stored = try? String(contentsOfFile: textPath, encoding: .utf8), stored == identity,
            let clip = try? AudioClip(contentsOfWAV: wavPath)
        {
            return AudioClip(samples: clip.samples, name: "tts:\(voice):\(text)")
        }
        let espeak = try locate(executable)
        // espeak-ng silently falls back to its default voice for an unknown name: check first.
        guard try cachedVoices(espeak).contains(voice) else { throw .unknownVoice(voice) }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .cache(path: directory, reason: "cannot create the directory: \(error.localizedDescription)")
        }
        let unique = "\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        let rawPath = (directory as NSString).appendingPathComponent(".render-\(unique).wav")
        defer { try? FileManager.default.removeItem(atPath: rawPath) }
        try run(espeak, arguments: ["-v", voice, "-s", String(wordsPerMinute), "-w", rawPath, "--stdin"], input: text, voice: voice)
        let raw: WAVFile
        do {
            raw = try WAVReader.read(path: rawPath)
        } catch {
            throw .cache(path: rawPath, reason: "espeak-ng wrote an unreadable WAV: \(error)")
        }
        let mono = raw.channel(0)
        let samples = SpeechEdges.trimmed(Resampler.resample(mono, from: raw.format.sampleRate, to: AudioFrame.sampleRate))
        let bytes = WAVEncoder.encode(samples: samples)
        let temporary = wavPath + ".\(unique).tmp"
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: temporary))
            guard rename(temporary, wavPath) == 0 else {
                throw SpeechError.cache(path: wavPath, reason: "cannot rename \(temporary) into place: errno \(errno)")
            }
            try identity.write(toFile: textPath, atomically: true, encoding: .utf8)
        } catch let error as SpeechError {
            throw error
        } catch {
            throw .cache(path: wavPath, reason: error.localizedDescription)
        }
        return AudioClip(samples: samples, name: "tts:\(voice):\(text)")
    }

    private static func locate(_ configured: String?) throws(SpeechError) -> String {
        if let configured {
            guard FileManager.default.isExecutableFile(atPath: configured) else { throw .synthesizerNotFound(searched: [configured]) }
            return configured
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        let candidates = path.split(separator: ":").map { ($0 as Substring).description + "/espeak-ng" }
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        throw .synthesizerNotFound(searched: candidates)
    }

    /// ``voices(_:)`` of `executable`, listed on first use.
    private static func cachedVoices(_ executable: String) throws(SpeechError) -> Set<String> {
        if let known = knownVoices.withLock({ $0[executable] }) { return known }
        let listed = try voices(executable)
        knownVoices.withLock { $0[executable] = listed }
        return listed
    }

    /// The names `espeak-ng -v` accepts: languages, voice names and voice files.
    private static func voices(_ executable: String) throws(SpeechError) -> Set<String> {
        let listing = try run(executable, arguments: ["--voices"], input: "", voice: "-")
        var names: Set<String> = []
        for line in listing.split(separator: "\n").dropFirst() {
            let columns = line.split(separator: " ", omittingEmptySubsequences: true)
            guard columns.count >= 5 else { continue }
            names.insert(String(columns[1]))
            names.insert(String(columns[3]))
            names.insert(String(columns[4]))
            if let file = columns[4].split(separator: "/").last { names.insert(String(file)) }
        }
        return names
    }

    @discardableResult
    private static func run(_ executable: String, arguments: [String], input: String, voice: String) throws(SpeechError) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdin = Pipe()
        let output = Pipe()
        process.standardInput = stdin
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            throw .synthesizerNotFound(searched: [executable])
        }
        // The input is a short prompt text, well under a pipe's buffer, so it is written whole
        // before the output is read, all on this thread: no second thread to wait for (a
        // reader on the global queue could starve behind blocked workers and hang the render).
        // A watchdog ends an espeak-ng that runs too long.
        let watch = RenderWatch()
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + 30) {
            guard !watch.finished.load(ordering: .acquiring) else { return }
            watch.timedOut.store(true, ordering: .releasing)
            kill(pid, SIGTERM)
        }
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try? stdin.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watch.finished.store(true, ordering: .releasing)
        if watch.timedOut.load(ordering: .acquiring) { throw .synthesizerTimedOut(voice: voice, seconds: 30) }
        let message = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw .synthesizerFailed(voice: voice, status: process.terminationStatus, output: message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return message
    }
}

/// Whether a render's child process ended, and whether its watchdog had to end it.
private final class RenderWatch: Sendable {
    let finished = Atomic<Bool>(false)
    let timedOut = Atomic<Bool>(false)
}
