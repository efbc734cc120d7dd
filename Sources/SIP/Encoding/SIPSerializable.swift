// The protocol of everything that writes itself as SIP bytes: messages, URIs, header values.

/// A value with a SIP wire form.
///
/// Serializing appends to a caller-owned buffer, so a whole message is written with one
/// growing array and no intermediate strings.
public protocol SIPSerializable {
    /// Appends the wire form of `self` to `buffer`.
    func serialize(into buffer: inout [UInt8])
}

extension SIPSerializable {
    /// The wire form as bytes.
    public var serializedBytes: [UInt8] {
        var buffer: [UInt8] = []
        serialize(into: &buffer)
        return buffer
    }

    /// The wire form as a string.
    public var serializedString: String {
        String(decoding: serializedBytes, as: UTF8.self)
    }
}

extension String: SIPSerializable {
    /// Appends the UTF-8 bytes of the string.
    public func serialize(into buffer: inout [UInt8]) {
        buffer.appendUTF8(self)
    }
}

extension Substring: SIPSerializable {
    /// Appends the UTF-8 bytes of the substring.
    public func serialize(into buffer: inout [UInt8]) {
        buffer.append(contentsOf: utf8)
    }
}

extension Int: SIPSerializable {
    /// Appends the decimal digits of the number.
    public func serialize(into buffer: inout [UInt8]) {
        buffer.appendDecimal(self)
    }
}

extension UInt32: SIPSerializable {
    /// Appends the decimal digits of the number.
    public func serialize(into buffer: inout [UInt8]) {
        buffer.appendDecimal(Int(self))
    }
}

extension Array where Element == UInt8 {
    /// Appends the decimal digits of `value` without creating a string.
    @inlinable
    mutating func appendDecimal(_ value: Int) {
        if value < 0 { append(0x2D) }
        let magnitude = value.magnitude
        var divisor: UInt = 1
        while divisor <= magnitude / 10 { divisor &*= 10 }
        while divisor > 0 {
            append(ASCII.zero &+ UInt8(truncatingIfNeeded: (magnitude / divisor) % 10))
            divisor /= 10
        }
    }

    /// Appends the UTF-8 bytes of `string`, copying contiguous storage in one go.
    @inlinable
    mutating func appendUTF8(_ string: String) {
        let copied: Void? = string.utf8.withContiguousStorageIfAvailable { append(contentsOf: $0) }
        if copied == nil { append(contentsOf: string.utf8) }
    }

    /// Appends the ASCII bytes of a static string.
    @inlinable
    mutating func append(ascii literal: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }
}
