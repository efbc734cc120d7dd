// What a call recording holds: per channel, how much is loud and which test tones are in it.

import Foundation
import Media
import SIPTesting

/// A stereo call recording (caller left, agent right), analysed in 20 ms blocks.
struct RecordingAudio: CustomStringConvertible {
    /// The file's format.
    var format: WAVFormat
    /// The caller's channel.
    var caller: ToneAnalysis.BlockCounts
    /// The agent's channel.
    var agent: ToneAnalysis.BlockCounts

    /// Reads the WAV at `path` (relative paths are inside `dataDirectory`) and counts loud
    /// blocks and blocks carrying each of `tones`.
    static func read(path: String, dataDirectory: String, tones: [Int]) throws -> RecordingAudio {
        let full = path.hasPrefix("/") ? path : dataDirectory + "/" + path
        let file = try WAVReader.read(path: full)
        let blockSize = max(1, file.format.sampleRate / 50)
        let left = ToneAnalysis.analyse(file.channel(0), frequencies: tones, blockSize: blockSize, sampleRate: Double(file.format.sampleRate))
        let right = file.format.channels > 1 ? ToneAnalysis.analyse(file.channel(1), frequencies: tones, blockSize: blockSize, sampleRate: Double(file.format.sampleRate)) : ToneAnalysis.BlockCounts()
        return RecordingAudio(format: file.format, caller: left, agent: right)
    }

    var description: String {
        "\(format.channels) channel(s) \(format.encoding) \(format.sampleRate) Hz; caller channel: \(caller); agent channel: \(agent)"
    }
}
