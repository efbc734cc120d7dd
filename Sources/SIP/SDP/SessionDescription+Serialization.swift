// Writing a session description in the line order of RFC 8866 §5, with CRLF line ends.

extension SessionDescription: SIPSerializable {
    /// Appends the description: `v=0`, then `o s i u e p c b t r z k a` and every media section
    /// (`m i c b k a`), each line ending in CRLF.
    public func serialize(into buffer: inout [UInt8]) {
        buffer.append(ascii: "v=0\r\n")
        buffer.writeLine("o=", origin)
        buffer.writeLine("s=", sessionName)
        if let information { buffer.writeLine("i=", information) }
        if let uri { buffer.writeLine("u=", uri) }
        for email in emails { buffer.writeLine("e=", email) }
        for phone in phones { buffer.writeLine("p=", phone) }
        if let connection { buffer.writeLine("c=", connection) }
        for bandwidth in bandwidths { buffer.writeLine("b=", bandwidth) }
        for timing in timings {
            buffer.writeLine("t=", timing)
            for repeats in timing.repeats { buffer.writeLine("r=", repeats) }
        }
        if !timeZoneAdjustments.isEmpty {
            buffer.append(ascii: "z=")
            for (index, adjustment) in timeZoneAdjustments.enumerated() {
                if index > 0 { buffer.append(ASCII.space) }
                buffer.appendDecimal(adjustment.time)
                buffer.append(ASCII.space)
                buffer.appendUTF8(adjustment.offset)
            }
            buffer.append(ascii: "\r\n")
        }
        if let encryptionKey { buffer.writeLine("k=", encryptionKey) }
        for attribute in attributes { buffer.writeLine("a=", attribute) }
        for media in media { media.serialize(into: &buffer) }
    }
}

extension MediaDescription: SIPSerializable {
    /// Appends the `m=` line and the lines of this media section, each ending in CRLF.
    public func serialize(into buffer: inout [UInt8]) {
        buffer.append(ascii: "m=")
        buffer.appendUTF8(media.rawValue)
        buffer.append(ASCII.space)
        buffer.appendDecimal(Int(port))
        if let numberOfPorts {
            buffer.append(ASCII.slash)
            buffer.appendDecimal(numberOfPorts)
        }
        buffer.append(ASCII.space)
        buffer.appendUTF8(proto)
        for format in formats {
            buffer.append(ASCII.space)
            buffer.appendUTF8(format)
        }
        buffer.append(ascii: "\r\n")
        if let information { buffer.writeLine("i=", information) }
        for connection in connections { buffer.writeLine("c=", connection) }
        for bandwidth in bandwidths { buffer.writeLine("b=", bandwidth) }
        if let encryptionKey { buffer.writeLine("k=", encryptionKey) }
        for attribute in attributes { buffer.writeLine("a=", attribute) }
    }
}

extension Array where Element == UInt8 {
    /// Appends `<prefix><value>\r\n`.
    mutating func writeLine(_ prefix: StaticString, _ value: some SIPSerializable) {
        append(ascii: prefix)
        value.serialize(into: &self)
        append(ascii: "\r\n")
    }

    /// Appends the decimal digits of an unsigned 64-bit value without creating a string.
    mutating func appendDecimal(_ value: UInt64) {
        var divisor: UInt64 = 1
        while divisor <= value / 10 { divisor &*= 10 }
        while divisor > 0 {
            append(ASCII.zero &+ UInt8(truncatingIfNeeded: (value / divisor) % 10))
            divisor /= 10
        }
    }
}
