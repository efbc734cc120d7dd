// Writes WAV files incrementally: the header is written first with the sizes known so far and
// patched on every flush, so a file cut short by a crash is still a valid WAV up to the last
// flush.

import Foundation

/// Builds WAV bytes in memory (fixtures, prompts, tests).
public enum WAVEncoder {
    /// The length of ``header(format:dataBytes:)`` for `format`: 44 bytes for PCM, 58 with
    /// the `fact` chunk that other encodings carry.
    public static func headerSize(format: WAVFormat) -> Int {
        format.encoding == .pcm16 ? 44 : 58
    }

    /// The header for `dataBytes` bytes of audio in `format`.
    public static func header(format: WAVFormat, dataBytes: Int) -> [UInt8] {
        var out: [UInt8] = []
        let isPCM = format.encoding == .pcm16
        let formatSize = isPCM ? 16 : 18
        let factSize = isPCM ? 0 : 12
        out.append(contentsOf: "RIFF".utf8)
        append32(&out, UInt32(clamping: 4 + (8 + formatSize) + factSize + 8 + dataBytes))
        out.append(contentsOf: "WAVE".utf8)
        out.append(contentsOf: "fmt ".utf8)
        append32(&out, UInt32(formatSize))
        append16(&out, format.encoding.formatTag)
        append16(&out, UInt16(format.channels))
        append32(&out, UInt32(format.sampleRate))
        append32(&out, UInt32(format.byteRate))
        append16(&out, UInt16(format.blockAlign))
        append16(&out, UInt16(format.encoding.bytesPerSample * 8))
        if !isPCM {
            append16(&out, 0)
            out.append(contentsOf: "fact".utf8)
            append32(&out, 4)
            append32(&out, UInt32(clamping: dataBytes / format.blockAlign))
        }
        out.append(contentsOf: "data".utf8)
        append32(&out, UInt32(clamping: dataBytes))
        return out
    }

    /// A whole WAV file holding `data` (already encoded as `format` says).
    public static func encode(format: WAVFormat, data: [UInt8]) -> [UInt8] {
        header(format: format, dataBytes: data.count) + data
    }

    /// A whole 16-bit PCM WAV file from interleaved samples.
    public static func encode(samples: [Int16], channels: Int = 1, sampleRate: Int = 8000) -> [UInt8] {
        let format = WAVFormat(encoding: .pcm16, channels: channels, sampleRate: sampleRate)
        return encode(format: format, data: littleEndianBytes(samples))
    }

    /// Samples as little-endian 16-bit bytes.
    public static func littleEndianBytes(_ samples: [Int16]) -> [UInt8] {
        #if _endian(little)
        return samples.withUnsafeBytes { Array($0) }
        #else
        var bytes = [UInt8](repeating: 0, count: samples.count * 2)
        for (i, sample) in samples.enumerated() {
            let value = UInt16(bitPattern: sample)
            bytes[2 * i] = UInt8(value & 0xFF)
            bytes[2 * i + 1] = UInt8(value >> 8)
        }
        return bytes
        #endif
    }

    static func append16(_ out: inout [UInt8], _ value: UInt16) {
        out.append(UInt8(value & 0xFF))
        out.append(UInt8(value >> 8))
    }

    static func append32(_ out: inout [UInt8], _ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }
}

/// A WAV file being written: appends go to the end of the file, and `flush()` patches the
/// RIFF and data sizes so the file is complete up to that point.
///
/// Not thread-safe: one owner (a recorder's serial queue) calls it.
public final class WAVFileWriter {
    /// The file's path.
    public let path: String
    /// The format written.
    public let format: WAVFormat
    /// Data bytes written so far.
    public private(set) var dataBytes = 0

    private var descriptor: Int32

    /// Creates (or truncates) the file and writes its header.
    public init(path: String, format: WAVFormat) throws(WAVError) {
        self.path = path
        self.format = format
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(path: path, errno: errno) }
        self.descriptor = fd
        let header = WAVEncoder.header(format: format, dataBytes: 0)
        try write(header, at: nil)
    }

    deinit {
        if descriptor >= 0 { Foundation.close(descriptor) }
    }

    /// Appends encoded audio bytes.
    public func append(_ bytes: [UInt8]) throws(WAVError) {
        try write(bytes, at: nil)
        dataBytes += bytes.count
    }

    /// Appends interleaved 16-bit samples (PCM files only).
    public func append(samples: [Int16]) throws(WAVError) {
        #if _endian(little)
        if let error = samples.withUnsafeBytes({ writeAll($0, at: nil) }) { throw .io(path: path, errno: error) }
        dataBytes += samples.count * 2
        #else
        try append(WAVEncoder.littleEndianBytes(samples))
        #endif
    }

    /// Rewrites the header with the current sizes.
    public func flush() throws(WAVError) {
        let header = WAVEncoder.header(format: format, dataBytes: dataBytes)
        try write(header, at: 0)
    }

    /// Patches the header and closes the file. Further appends fail.
    public func close() throws(WAVError) {
        guard descriptor >= 0 else { return }
        try flush()
        Foundation.close(descriptor)
        descriptor = -1
    }

    private func write(_ bytes: [UInt8], at offset: off_t?) throws(WAVError) {
        if let error = bytes.withUnsafeBytes({ writeAll($0, at: offset) }) { throw .io(path: path, errno: error) }
    }

    /// Writes all of `bytes` (at `offset`, or at the end); the `errno` of a failure.
    private func writeAll(_ bytes: UnsafeRawBufferPointer, at offset: off_t?) -> Int32? {
        guard descriptor >= 0 else { return EBADF }
        guard let start = bytes.baseAddress else { return nil }
        var done = 0
        while done < bytes.count {
            let base = start + done
            let result = offset.map { pwrite(descriptor, base, bytes.count - done, $0 + off_t(done)) }
                ?? Foundation.write(descriptor, base, bytes.count - done)
            if result < 0 {
                if errno == EINTR { continue }
                return errno
            }
            done += result
        }
        return nil
    }
}
