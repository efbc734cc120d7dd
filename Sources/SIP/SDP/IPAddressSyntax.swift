// Syntax checks for the IPv4 and IPv6 literals and host names that SDP address fields hold.

/// Checks address literals without converting them, so the parser can reject a malformed
/// `c=` address with a precise error instead of handing it to the media engine.
enum IPAddressSyntax {
    /// Whether `text` is a dotted-quad IPv4 address (`192.0.2.1`; no leading `+`, each part 0-255).
    static func isIPv4<C: Collection>(_ text: C) -> Bool where C.Element == UInt8 {
        var parts = 0
        var digits = 0
        var value = 0
        for byte in text {
            if byte == ASCII.dot {
                guard digits > 0 else { return false }
                parts += 1
                digits = 0
                value = 0
                continue
            }
            let digit = Int(byte &- ASCII.zero)
            guard digit < 10, digits < 3 else { return false }
            value = value * 10 + digit
            digits += 1
            guard value <= 255 else { return false }
        }
        return parts == 3 && digits > 0
    }

    /// Whether `text` is an IPv6 address in RFC 4291 §2.2 text form (hex groups, at most one
    /// `::`, optionally ending in an IPv4 dotted quad), without brackets or zone.
    static func isIPv6(_ text: [UInt8]) -> Bool {
        guard text.count >= 2, text.count <= 45 else { return false }
        var groups = 0
        var sawDoubleColon = false
        var index = 0
        if text[0] == ASCII.colon {
            guard text[1] == ASCII.colon else { return false }
            sawDoubleColon = true
            index = 2
            if index == text.count { return true }
        }
        while index < text.count {
            var end = index
            while end < text.count, text[end] != ASCII.colon { end += 1 }
            let group = text[index..<end]
            if end == text.count, group.contains(ASCII.dot) {
                guard isIPv4(group) else { return false }
                groups += 2
            } else {
                guard !group.isEmpty, group.count <= 4, group.allSatisfy(isHexDigit) else { return false }
                groups += 1
            }
            if end == text.count { break }
            index = end + 1
            if index < text.count, text[index] == ASCII.colon {
                guard !sawDoubleColon else { return false }
                sawDoubleColon = true
                index += 1
                if index == text.count { break }
            } else if index == text.count {
                return false
            }
        }
        return sawDoubleColon ? groups <= 7 : groups == 8
    }

    /// Whether `text` is a host name: letters, digits, `-`, `.` and `_` (seen in the wild).
    static func isHostName<C: Collection>(_ text: C) -> Bool where C.Element == UInt8 {
        !text.isEmpty && text.allSatisfy { byte in
            let lower = byte | 0x20
            return (lower >= 0x61 && lower <= 0x7A) || byte &- ASCII.zero < 10 || byte == 0x2D || byte == ASCII.dot || byte == 0x5F
        }
    }

    /// Whether `text` is the unspecified IPv6 address (`::`, `0::0`, `0:0:0:0:0:0:0:0`...).
    static func isUnspecifiedIPv6(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return isIPv6(bytes) && bytes.allSatisfy { $0 == ASCII.colon || $0 == ASCII.zero || $0 == ASCII.dot }
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return byte &- ASCII.zero < 10 || (lower >= 0x61 && lower <= 0x66)
    }
}
