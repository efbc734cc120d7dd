// The `Digest` scheme token and its comma-separated auth-params (RFC 2617 §1.2, RFC 7616 §3.3).

/// The parameters of one digest header value, in order, names compared case-insensitively.
///
/// `Digest realm="kefu", nonce="…", algorithm=MD5, qop="auth"`: values may be tokens or
/// quoted strings; quoted values are stored unescaped and remembered as quoted so the value
/// serializes back the same way.
struct DigestParameters: Hashable, Sendable {
    struct Parameter: Hashable, Sendable {
        var name: String
        var value: String
        var isQuoted: Bool
    }

    var items: [Parameter] = []

    /// Parses `Digest` followed by the auth-param list.
    static func parse(_ text: String) throws(DigestError) -> DigestParameters {
        let bytes = Array(text.utf8)
        var index = 0
        func skipSpace() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0D || bytes[index] == 0x0A {
                index += 1
            }
        }
        func readToken() -> String {
            let start = index
            while index < bytes.count, SIPCharacterClass.byte(bytes[index], isIn: .token) { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
        skipSpace()
        let scheme = readToken()
        guard !scheme.isEmpty else { throw .malformedParameters("no scheme") }
        guard scheme.lowercased() == "digest" else { throw .unsupportedScheme(scheme) }
        var result = DigestParameters()
        var seen = Set<String>()
        skipSpace()
        while index < bytes.count {
            let name = readToken()
            guard !name.isEmpty else { throw .malformedParameters("expected a parameter name") }
            skipSpace()
            guard index < bytes.count, bytes[index] == ASCII.equals else {
                throw .malformedParameters("expected = after \(name)")
            }
            index += 1
            skipSpace()
            var value: [UInt8] = []
            var isQuoted = false
            if index < bytes.count, bytes[index] == ASCII.quote {
                isQuoted = true
                index += 1
                var closed = false
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == ASCII.backslash, index + 1 < bytes.count {
                        value.append(bytes[index + 1])
                        index += 2
                    } else if byte == ASCII.quote {
                        index += 1
                        closed = true
                        break
                    } else {
                        value.append(byte)
                        index += 1
                    }
                }
                guard closed else { throw .malformedParameters("unterminated quoted value of \(name)") }
            } else {
                let start = index
                while index < bytes.count, SIPCharacterClass.byte(bytes[index], isIn: .token) || bytes[index] == ASCII.slash {
                    index += 1
                }
                value = Array(bytes[start..<index])
                guard !value.isEmpty else { throw .malformedParameters("empty value of \(name)") }
            }
            let lowered = name.lowercased()
            guard seen.insert(lowered).inserted else { throw .duplicateParameter(lowered) }
            result.items.append(Parameter(name: name, value: String(decoding: value, as: UTF8.self), isQuoted: isQuoted))
            skipSpace()
            guard index < bytes.count else { break }
            guard bytes[index] == ASCII.comma else { throw .malformedParameters("expected , after \(name)") }
            index += 1
            skipSpace()
        }
        return result
    }

    subscript(name: String) -> String? {
        let lowered = name.lowercased()
        return items.first { $0.name.lowercased() == lowered }?.value
    }

    func required(_ name: String) throws(DigestError) -> String {
        guard let value = self[name] else { throw .missingParameter(name) }
        return value
    }

    mutating func append(_ name: String, _ value: String?, quoted: Bool) {
        guard let value else { return }
        items.append(Parameter(name: name, value: value, isQuoted: quoted))
    }

    /// `Digest name="value", name=token, …`.
    var serialized: String {
        var text = "Digest "
        for (position, item) in items.enumerated() {
            if position > 0 { text += ", " }
            text += item.name
            text += "="
            if item.isQuoted {
                text += "\""
                for character in item.value {
                    if character == "\"" || character == "\\" { text += "\\" }
                    text.append(character)
                }
                text += "\""
            } else {
                text += item.value
            }
        }
        return text
    }
}
