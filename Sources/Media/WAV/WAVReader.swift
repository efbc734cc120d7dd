// Reads WAV files: RIFF chunk walking, PCM 16-bit and G.711 A-law/µ-law, mono or stereo.

import Foundation

/// A parsed WAV file: its format and the bytes of its data chunk.
public struct WAVFile: Sendable, Hashable {
    /// The sample format.
    public var format: WAVFormat
    /// The data chunk's bytes, as stored.
    public var data: [UInt8]

    /// Creates a file value.
    public init(format: WAVFormat, data: [UInt8]) {
        self.format = format
        self.data = data
    }

    /// Frames (samples per channel) in the data.
    public var frameCount: Int { data.count / format.blockAlign }

    /// All samples as 16-bit linear values, channels interleaved.
    public var linearSamples: [Int16] {
        switch format.encoding {
        case .pcm16:
            var samples = [Int16](repeating: 0, count: data.count / 2)
            for i in samples.indices {
                samples[i] = Int16(bitPattern: UInt16(data[2 * i]) | UInt16(data[2 * i + 1]) << 8)
            }
            return samples
        case .muLaw: return G711.decode(.muLaw, data)
        case .aLaw: return G711.decode(.aLaw, data)
        }
    }

    /// The samples of one channel (0 = left).
    public func channel(_ index: Int) -> [Int16] {
        let all = linearSamples
        guard format.channels > 1 else { return all }
        return stride(from: index, to: all.count, by: format.channels).map { all[$0] }
    }
}

/// Parses WAV bytes and files.
public enum WAVReader {
    /// Parses a WAV file held in memory.
    ///
    /// Unknown chunks (LIST, fact, ...) are skipped. A data chunk whose size runs past the end
    /// of the file (a streamed or crashed recording whose header was not patched) is read up to
    /// the end of the file.
    public static func parse(_ bytes: [UInt8]) throws(WAVError) -> WAVFile {
        guard bytes.count >= 12, bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WAVE".utf8) else {
            throw .notRIFFWAVE
        }
        var offset = 12
        var format: WAVFormat?
        while offset + 8 <= bytes.count {
            let id = String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
            let size = Int(readUInt32(bytes, offset + 4))
            let body = offset + 8
            switch id {
            case "fmt ":
                guard size >= 16, body + 16 <= bytes.count else { throw .truncated(chunk: "fmt") }
                format = try parseFormat(bytes, at: body, size: size)
            case "data":
                guard let format else { throw .missingFormatChunk }
                let end = min(bytes.count, body + size)
                let usable = (end - body) / format.blockAlign * format.blockAlign
                return WAVFile(format: format, data: Array(bytes[body..<body + usable]))
            default:
                break
            }
            offset = body + size + (size & 1)
        }
        throw format == nil ? .missingFormatChunk : .missingDataChunk
    }

    /// Reads and parses a WAV file from disk.
    public static func read(path: String) throws(WAVError) -> WAVFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .io(path: path, errno: errno == 0 ? ENOENT : errno)
        }
        return try parse([UInt8](data))
    }

    private static func parseFormat(_ bytes: [UInt8], at body: Int, size: Int) throws(WAVError) -> WAVFormat {
        var tag = readUInt16(bytes, body)
        let channels = Int(readUInt16(bytes, body + 2))
        let rate = Int(readUInt32(bytes, body + 4))
        let bits = Int(readUInt16(bytes, body + 14))
        if tag == 0xFFFE {
            // WAVE_FORMAT_EXTENSIBLE: the real tag is the first two bytes of the sub-format GUID.
            guard size >= 40, body + 26 <= bytes.count else { throw .truncated(chunk: "fmt") }
            tag = readUInt16(bytes, body + 24)
        }
        let encoding: WAVEncoding
        switch tag {
        case 1:
            guard bits == 16 else { throw .unsupportedBitsPerSample(bits) }
            encoding = .pcm16
        case 6, 7:
            guard bits == 8 else { throw .unsupportedBitsPerSample(bits) }
            encoding = tag == 6 ? .aLaw : .muLaw
        default:
            throw .unsupportedFormatTag(tag)
        }
        guard (1...2).contains(channels), rate > 0 else { throw .unsupportedLayout(channels: channels, sampleRate: rate) }
        return WAVFormat(encoding: encoding, channels: channels, sampleRate: rate)
    }

    static func readUInt16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    static func readUInt32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
    }
}
