// Percent-escaping of URI components (RFC 3261 §19.1.2 and §25.1).

/// Decoding and encoding of `escaped = "%" HEXDIG HEXDIG` in URI components.
enum URIEscaping {
    /// Decodes `range`, whose bytes must all be in `allowed` or form `%XX` escapes, into a
    /// string. Throws for a stray `%`, a disallowed byte, or escapes that do not decode to UTF-8.
    static func decode(
        _ scanner: SIPScanner,
        _ range: Range<Int>,
        allowed: SIPCharacterClass,
        component: String
    ) throws(SIPParseError) -> String {
        let bytes = scanner.bytes
        var hasEscape = false
        var position = range.lowerBound
        while position < range.upperBound {
            let byte = bytes[position]
            if byte == ASCII.percent {
                guard position + 2 < range.upperBound,
                      ASCII.hexValue(bytes[position + 1]) != nil,
                      ASCII.hexValue(bytes[position + 2]) != nil
                else {
                    throw SIPParseError(.invalidURI("bad escape in \(component)"), offset: position, headerName: scanner.headerName)
                }
                hasEscape = true
                position += 3
            } else if SIPCharacterClass.byte(byte, isIn: allowed) {
                position += 1
            } else {
                throw SIPParseError(.invalidURI("bad character in \(component)"), offset: position, headerName: scanner.headerName)
            }
        }
        guard hasEscape else { return scanner.string(range) }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(range.count)
        position = range.lowerBound
        while position < range.upperBound {
            let byte = bytes[position]
            if byte == ASCII.percent {
                decoded.append(ASCII.hexValue(bytes[position + 1])! << 4 | ASCII.hexValue(bytes[position + 2])!)
                position += 3
            } else {
                decoded.append(byte)
                position += 1
            }
        }
        guard let string = String(validating: decoded, as: UTF8.self) else {
            throw SIPParseError(.invalidURI("escapes in \(component) are not UTF-8"), offset: range.lowerBound, headerName: scanner.headerName)
        }
        return string
    }

    /// Appends `text`, writing bytes outside `allowed` as `%XX`.
    static func encode(_ text: String, allowed: SIPCharacterClass, into buffer: inout [UInt8]) {
        for byte in text.utf8 {
            if SIPCharacterClass.byte(byte, isIn: allowed) {
                buffer.append(byte)
            } else {
                buffer.append(ASCII.percent)
                buffer.append(ASCII.hexDigits[Int(byte >> 4)])
                buffer.append(ASCII.hexDigits[Int(byte & 0x0F)])
            }
        }
    }

    /// Bytes a `user` may hold unescaped.
    static let userAllowed: SIPCharacterClass = [.unreserved, .userUnreserved]
    /// Bytes a `password` may hold unescaped.
    static let passwordAllowed: SIPCharacterClass = [.unreserved, .passwordExtra]
    /// Bytes a URI parameter name or value may hold unescaped (`paramchar`).
    static let parameterAllowed: SIPCharacterClass = [.unreserved, .paramUnreserved]
    /// Bytes a URI header name or value may hold unescaped.
    static let headerAllowed: SIPCharacterClass = [.unreserved, .headerUnreserved]
}
