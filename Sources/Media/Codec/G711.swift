// G.711 µ-law and A-law (ITU-T G.711), table-driven in both directions, writing into buffers
// the caller owns so the RTP hot path allocates nothing.

/// One of the two G.711 companding laws.
public enum G711Law: Sendable, Hashable, CustomStringConvertible {
    /// µ-law (PCMU, static RTP payload type 0), used in North America and Japan.
    case muLaw
    /// A-law (PCMA, static RTP payload type 8), used in China and Europe.
    case aLaw

    public var description: String {
        switch self {
        case .muLaw: "PCMU"
        case .aLaw: "PCMA"
        }
    }

    /// The companded byte that stands for digital silence (0) in this law.
    public var silenceByte: UInt8 {
        switch self {
        case .muLaw: 0xFF
        case .aLaw: 0xD5
        }
    }
}

/// G.711 encoder and decoder. Encoding looks each 16-bit sample up in a 64 KiB table;
/// decoding looks each byte up in a 256-entry table; transcoding between the laws uses a
/// 256-entry table per direction.
public enum G711 {
    /// Encodes linear samples into companded bytes. `output` must hold `input.count` bytes.
    @inlinable
    public static func encode(
        _ law: G711Law,
        from input: UnsafeBufferPointer<Int16>,
        into output: UnsafeMutableBufferPointer<UInt8>
    ) {
        precondition(output.count >= input.count, "G.711 output buffer is smaller than the input")
        let table = encodeTable(law)
        table.withUnsafeBufferPointer { table in
            for i in 0..<input.count {
                output[i] = table[Int(UInt16(bitPattern: input[i]))]
            }
        }
    }

    /// Decodes companded bytes into linear samples. `output` must hold `input.count` samples.
    @inlinable
    public static func decode(
        _ law: G711Law,
        from input: UnsafeRawBufferPointer,
        into output: UnsafeMutableBufferPointer<Int16>
    ) {
        precondition(output.count >= input.count, "G.711 output buffer is smaller than the input")
        let table = decodeTable(law)
        table.withUnsafeBufferPointer { table in
            for i in 0..<input.count {
                output[i] = table[Int(input[i])]
            }
        }
    }

    /// Rewrites companded bytes from one law to the other in place (same length both ways).
    @inlinable
    public static func transcode(_ bytes: UnsafeMutableRawBufferPointer, from source: G711Law, to target: G711Law) {
        guard source != target else { return }
        let table = source == .muLaw ? muLawToALawTable : aLawToMuLawTable
        table.withUnsafeBufferPointer { table in
            for i in 0..<bytes.count {
                bytes[i] = table[Int(bytes[i])]
            }
        }
    }

    /// Encodes one sample.
    @inlinable
    public static func encode(_ law: G711Law, sample: Int16) -> UInt8 {
        encodeTable(law)[Int(UInt16(bitPattern: sample))]
    }

    /// Decodes one byte.
    @inlinable
    public static func decode(_ law: G711Law, byte: UInt8) -> Int16 {
        decodeTable(law)[Int(byte)]
    }

    /// Convenience for tests and offline work: encodes an array of samples.
    public static func encode(_ law: G711Law, _ samples: [Int16]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: samples.count)
        samples.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { encode(law, from: input, into: $0) }
        }
        return out
    }

    /// Convenience for tests and offline work: decodes an array of bytes.
    public static func decode(_ law: G711Law, _ bytes: [UInt8]) -> [Int16] {
        var out = [Int16](repeating: 0, count: bytes.count)
        bytes.withUnsafeBytes { input in
            out.withUnsafeMutableBufferPointer { decode(law, from: input, into: $0) }
        }
        return out
    }

    @usableFromInline
    static func encodeTable(_ law: G711Law) -> [UInt8] {
        law == .muLaw ? muLawEncodeTable : aLawEncodeTable
    }

    @usableFromInline
    static func decodeTable(_ law: G711Law) -> [Int16] {
        law == .muLaw ? muLawDecodeTable : aLawDecodeTable
    }

    @usableFromInline static let muLawEncodeTable: [UInt8] = (0...0xFFFF).map {
        linearToMuLaw(Int16(bitPattern: UInt16($0)))
    }
    @usableFromInline static let aLawEncodeTable: [UInt8] = (0...0xFFFF).map {
        linearToALaw(Int16(bitPattern: UInt16($0)))
    }
    @usableFromInline static let muLawDecodeTable: [Int16] = (0...255).map { muLawToLinear(UInt8($0)) }
    @usableFromInline static let aLawDecodeTable: [Int16] = (0...255).map { aLawToLinear(UInt8($0)) }
    @usableFromInline static let muLawToALawTable: [UInt8] = (0...255).map {
        linearToALaw(muLawToLinear(UInt8($0)))
    }
    @usableFromInline static let aLawToMuLawTable: [UInt8] = (0...255).map {
        linearToMuLaw(aLawToLinear(UInt8($0)))
    }
}

// MARK: - The reference algorithms the tables are built from (G.711 §2 and §3).

extension G711 {
    static let muLawBias: Int32 = 0x84
    static let muLawClip: Int32 = 32635

    /// µ-law compression of one 16-bit sample (bias 0x84, 8 segments, bits inverted).
    static func linearToMuLaw(_ sample: Int16) -> UInt8 {
        var value = Int32(sample)
        let sign: Int32 = value < 0 ? 0x80 : 0
        if value < 0 { value = -value }
        value = min(value, muLawClip) + muLawBias
        var exponent: Int32 = 7
        var mask: Int32 = 0x4000
        while exponent > 0 && value & mask == 0 {
            exponent -= 1
            mask >>= 1
        }
        let mantissa = (value >> (exponent + 3)) & 0x0F
        return ~UInt8(truncatingIfNeeded: sign | (exponent << 4) | mantissa)
    }

    /// µ-law expansion of one byte to a 16-bit sample.
    static func muLawToLinear(_ byte: UInt8) -> Int16 {
        let value = Int32(~byte)
        let exponent = (value >> 4) & 0x07
        let mantissa = value & 0x0F
        let magnitude = (((mantissa << 3) + muLawBias) << exponent) - muLawBias
        return Int16(value & 0x80 != 0 ? -magnitude : magnitude)
    }

    /// A-law compression of one 16-bit sample (13-bit magnitude, even bits inverted).
    static func linearToALaw(_ sample: Int16) -> UInt8 {
        var value = Int32(sample) >> 3
        let mask: Int32
        if value >= 0 {
            mask = 0xD5
        } else {
            mask = 0x55
            value = -value - 1
        }
        let segmentEnds: [Int32] = [0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF]
        guard let segment = segmentEnds.firstIndex(where: { value <= $0 }) else {
            return UInt8(truncatingIfNeeded: 0x7F ^ mask)
        }
        var result = Int32(segment) << 4
        result |= segment < 2 ? (value >> 1) & 0x0F : (value >> Int32(segment)) & 0x0F
        return UInt8(truncatingIfNeeded: result ^ mask)
    }

    /// A-law expansion of one byte to a 16-bit sample.
    static func aLawToLinear(_ byte: UInt8) -> Int16 {
        let value = Int32(byte ^ 0x55)
        var magnitude = (value & 0x0F) << 4
        let segment = (value & 0x70) >> 4
        switch segment {
        case 0: magnitude += 8
        case 1: magnitude += 0x108
        default:
            magnitude += 0x108
            magnitude <<= segment - 1
        }
        return Int16(value & 0x80 != 0 ? magnitude : -magnitude)
    }
}
