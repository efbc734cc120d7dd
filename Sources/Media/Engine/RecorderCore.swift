// The engine's side of a recording: legs' received audio goes into jitter buffers; every 20 ms
// the clock reads one frame per leg, sums the legs of each channel, and appends the frame to
// the file. The file is written and its header patched once a second on a serial queue, so a
// crash loses at most the last second and the timeline always matches the wall clock.

import Dispatch
import NIOCore
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Writes a recording file off the event loop, in order: the file is created, appended to and
/// closed on one of a few serial queues shared by all recordings, so neither the event loop
/// nor the caller's task waits for the file system, and a thousand recordings use two threads.
final class RecordingFileWriter: @unchecked Sendable {
    /// The queues recordings are spread over, round-robin.
    private static let queues = (0..<2).map { DispatchQueue(label: "kefu.media.recording.\($0)") }
    private static let nextQueue = Atomic<Int>(0)

    private let path: String
    private let queue: DispatchQueue
    private var writer: WAVFileWriter?
    private var failure: WAVError?

    /// Starts creating the file at `path` with `format`'s header; a failure to create it is
    /// reported when the recording finishes.
    init(path: String, format: WAVFormat) {
        self.path = path
        let index = Self.nextQueue.add(1, ordering: .relaxed).oldValue
        self.queue = Self.queues[index % Self.queues.count]
        queue.async { [self] in
            do throws(WAVError) {
                writer = try WAVFileWriter(path: path, format: format)
            } catch {
                failure = error
            }
        }
    }

    /// Appends samples and patches the header.
    func append(_ samples: [Int16]) {
        queue.async { [self] in
            guard failure == nil, let writer else { return }
            do throws(WAVError) {
                try writer.append(samples: samples)
                try writer.flush()
            } catch {
                failure = error
            }
        }
    }

    /// Appends the last samples, closes the file, and reports the data bytes written.
    func finish(_ samples: [Int16], completion: @escaping @Sendable (Result<Int, WAVError>) -> Void) {
        queue.async { [self] in
            guard let writer else {
                completion(.failure(failure ?? .io(path: path, errno: EBADF)))
                return
            }
            if failure == nil {
                do throws(WAVError) {
                    if !samples.isEmpty { try writer.append(samples: samples) }
                    try writer.close()
                } catch {
                    failure = error
                }
            } else {
                try? writer.close()
            }
            self.writer = nil
            if let failure {
                completion(.failure(failure))
            } else {
                completion(.success(writer.dataBytes))
            }
        }
    }
}

/// A recording in progress, confined to `eventLoop`.
final class RecorderCore: ClockDriven, AudioTapConsumer, @unchecked Sendable {
    let eventLoop: any EventLoop
    let path: String
    private let scheduler: LoopScheduler
    private let channelCount: Int
    private var channelOfTap: [Int]
    private var buffers: [JitterBuffer]
    private var legs: [RTPLeg?]
    private let writer: RecordingFileWriter
    /// The frames of the next write: `chunkFill` samples of it are filled.
    private var chunk: [Int16]
    private var chunkFill = 0
    private var sums: [Int32]
    private var frame = AudioFrame.silence
    private(set) var framesWritten: Int64 = 0
    private var stopped = false
    private var onStopped: (@Sendable () -> Void)?

    /// Frames per write (one second).
    static let framesPerFlush = 50

    init(eventLoop: any EventLoop, scheduler: LoopScheduler, path: String, channels: [[RTPLeg]]) {
        self.eventLoop = eventLoop
        self.scheduler = scheduler
        self.path = path
        self.channelCount = channels.count
        var channelOfTap: [Int] = []
        var legs: [RTPLeg?] = []
        for (channel, members) in channels.enumerated() {
            for leg in members {
                channelOfTap.append(channel)
                legs.append(leg)
            }
        }
        self.channelOfTap = channelOfTap
        self.legs = legs
        self.buffers = Array(repeating: JitterBuffer(), count: legs.count)
        self.sums = Array(repeating: 0, count: AudioFrame.sampleCount * channels.count)
        let format = WAVFormat(encoding: .pcm16, channels: channels.count, sampleRate: AudioFrame.sampleRate)
        self.writer = RecordingFileWriter(path: path, format: format)
        self.chunk = Array(repeating: 0, count: AudioFrame.sampleCount * channels.count * Self.framesPerFlush)
    }

    /// Taps the legs and starts writing frames on the clock.
    func start() {
        eventLoop.assertInEventLoop()
        for (index, leg) in legs.enumerated() {
            guard let leg else { continue }
            let tap = AudioTap(consumer: self, index: index)
            leg.eventLoop.execute { leg.taps.append(tap) }
        }
        scheduler.register(self)
    }

    /// Puts `members` in `channel` instead of the legs there now (a transfer hands the agent's
    /// channel to the new agent; one file keeps the whole call).
    func setChannel(_ channel: Int, to members: [RTPLeg]) {
        eventLoop.assertInEventLoop()
        guard !stopped, channel < channelCount else { return }
        for index in legs.indices where channelOfTap[index] == channel {
            guard let leg = legs[index], !members.contains(where: { $0 === leg }) else { continue }
            legs[index] = nil
            leg.eventLoop.execute { [self] in leg.taps.removeAll { $0.consumer === self && $0.index == index } }
        }
        for leg in members where !legs.indices.contains(where: { legs[$0] === leg && channelOfTap[$0] == channel }) {
            let index = legs.count
            legs.append(leg)
            buffers.append(JitterBuffer())
            channelOfTap.append(channel)
            let tap = AudioTap(consumer: self, index: index)
            leg.eventLoop.execute { leg.taps.append(tap) }
        }
    }

    func tapReceived(_ tap: Int, ssrc: UInt32, timestamp: UInt32, samples: UnsafeBufferPointer<Int16>) {
        guard !stopped, tap < buffers.count, legs[tap] != nil else { return }
        buffers[tap].insert(ssrc: ssrc, timestamp: timestamp, samples: samples)
    }

    func tapEnded(_ tap: Int) {
        guard tap < legs.count else { return }
        legs[tap] = nil
    }

    func clockTicked(frame index: Int64, frames: Int, now: Int64) {
        guard !stopped else { return }
        for _ in 0..<frames { appendFrame() }
    }

    /// Mixes each tap's next 20 ms into its channel and writes the interleaved frame into the
    /// chunk in place. Runs for every recording 50 times a second, so it works on the buffers
    /// directly rather than through checked, exclusivity-tracked element accesses of the
    /// recorder's arrays, and clamps straight into the chunk (a lazy map appended to an array
    /// goes through the generic, element-at-a-time path).
    private func appendFrame() {
        let channels = channelCount
        let start = chunkFill
        sums.withUnsafeMutableBufferPointer { sums in
            sums.update(repeating: 0)
            let taps = channelOfTap
            buffers.withUnsafeMutableBufferPointer { buffers in
                frame.samples.withUnsafeMutableBufferPointer { samples in
                    for tap in 0..<buffers.count {
                        buffers[tap].read(into: samples)
                        let channel = taps[tap]
                        for i in 0..<samples.count { sums[i &* channels &+ channel] &+= Int32(samples[i]) }
                    }
                }
            }
            chunk.withUnsafeMutableBufferPointer { chunk in
                for i in 0..<sums.count { chunk[start &+ i] = Int16(clamping: sums[i]) }
            }
        }
        chunkFill += sums.count
        framesWritten += 1
        if chunkFill == chunk.count {
            writer.append(chunk)
            chunkFill = 0
        }
    }

    /// Calls `body` once the recording has stopped (on its event loop).
    func whenStopped(_ body: @escaping @Sendable () -> Void) {
        eventLoop.execute { [self] in
            if stopped { body() } else { onStopped = body }
        }
    }

    /// Stops recording, untaps the legs, and completes with the frames written.
    func stop(promise: EventLoopPromise<RecordingSummary>) {
        eventLoop.assertInEventLoop()
        guard !stopped else {
            promise.fail(MediaError.recordingFailed(path: path, reason: "already stopped"))
            return
        }
        stopped = true
        onStopped?()
        onStopped = nil
        scheduler.unregister(self)
        for leg in legs.compactMap({ $0 }) {
            leg.eventLoop.execute { [self] in leg.taps.removeAll { $0.consumer === self } }
        }
        let frames = framesWritten
        let path = self.path
        let channels = channelCount
        let headerBytes = WAVEncoder.headerSize(format: WAVFormat(encoding: .pcm16, channels: channels, sampleRate: AudioFrame.sampleRate))
        writer.finish(Array(chunk[..<chunkFill])) { result in
            switch result {
            case .success(let bytes):
                promise.succeed(RecordingSummary(path: path, channels: channels, frames: Int(frames), dataBytes: bytes, fileBytes: headerBytes + bytes))
            case .failure(let error):
                promise.fail(MediaError.recordingFailed(path: path, reason: error.description))
            }
        }
        chunk = []
    }
}

/// What a finished recording holds.
public struct RecordingSummary: Sendable, Hashable {
    /// The WAV file.
    public var path: String
    /// Channels (2 for caller/agent stereo).
    public var channels: Int
    /// 20 ms frames written.
    public var frames: Int
    /// Bytes in the data chunk.
    public var dataBytes: Int
    /// Bytes in the file: the header and the data.
    public var fileBytes: Int

    /// Length of the recording in milliseconds.
    public var durationMilliseconds: Int { frames * AudioFrame.milliseconds }
}
