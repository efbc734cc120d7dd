// Byte classes of the RFC 3261 §25 grammar, as one 256-entry lookup table.

/// Sets of bytes that the SIP grammar (RFC 3261 §25.1) names, packed as bit flags so a
/// single table lookup answers "is this byte a token character?" and friends.
@usableFromInline
struct SIPCharacterClass: OptionSet, Sendable {
    @usableFromInline let rawValue: UInt32
    @inlinable init(rawValue: UInt32) { self.rawValue = rawValue }

    /// `token`: alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~".
    static let token = SIPCharacterClass(rawValue: 1 << 0)
    /// `word`: token characters plus "(" / ")" / "<" / ">" / ":" / "\" / DQUOTE / "/" / "[" / "]" / "?" / "{" / "}".
    static let word = SIPCharacterClass(rawValue: 1 << 1)
    /// `unreserved`: alphanum / mark.
    static let unreserved = SIPCharacterClass(rawValue: 1 << 2)
    /// `user-unreserved`: "&" / "=" / "+" / "$" / "," / ";" / "?" / "/".
    static let userUnreserved = SIPCharacterClass(rawValue: 1 << 3)
    /// The extra characters `password` allows: "&" / "=" / "+" / "$" / ",".
    static let passwordExtra = SIPCharacterClass(rawValue: 1 << 4)
    /// `param-unreserved`: "[" / "]" / "/" / ":" / "&" / "+" / "$".
    static let paramUnreserved = SIPCharacterClass(rawValue: 1 << 5)
    /// `hnv-unreserved`: "[" / "]" / "/" / "?" / ":" / "+" / "$".
    static let headerUnreserved = SIPCharacterClass(rawValue: 1 << 6)
    /// Characters of a hostname or IPv4 address: alphanum / "-" / "." (and "_", seen in the wild).
    static let host = SIPCharacterClass(rawValue: 1 << 7)
    /// ALPHA.
    static let alpha = SIPCharacterClass(rawValue: 1 << 8)
    /// DIGIT.
    static let digit = SIPCharacterClass(rawValue: 1 << 9)
    /// HEXDIG.
    static let hexDigit = SIPCharacterClass(rawValue: 1 << 10)
    /// Characters after the first one of a URI scheme: ALPHA / DIGIT / "+" / "-" / ".".
    static let scheme = SIPCharacterClass(rawValue: 1 << 11)
    /// `uric` plus "%": reserved / unreserved / escaped, for absolute URIs of unknown schemes.
    static let uric = SIPCharacterClass(rawValue: 1 << 12)
    /// Linear white space bytes: SP, HT, CR, LF.
    static let lws = SIPCharacterClass(rawValue: 1 << 13)
    /// Characters of an unquoted parameter value: token characters plus ":" / "[" / "]" (IPv6),
    /// and, leniently, "=" / "/" / "?" / "@" that peers put in unquoted values (multipart
    /// boundaries, URNs).
    static let parameterValue = SIPCharacterClass(rawValue: 1 << 14)
    /// Characters allowed in a telephone-subscriber of a tel URI (RFC 3966), unescaped.
    static let telephone = SIPCharacterClass(rawValue: 1 << 15)

    /// The classes of every byte value, as a literal so it needs no lazy initialization.
    /// ``specification()`` states the same table readably; a unit test checks they agree.
    @usableFromInline
    static let table: [UInt32] = [
        0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
        0x0000, 0x2000, 0x2000, 0x0000, 0x0000, 0x2000, 0x0000, 0x0000,
        0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
        0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
        0x2000, 0xD007, 0x0002, 0x8000, 0x9078, 0xD003, 0x9038, 0xD007,
        0x9006, 0x9006, 0xD007, 0xD87B, 0x9018, 0xD887, 0xD887, 0xD06A,
        0xDE87, 0xDE87, 0xDE87, 0xDE87, 0xDE87, 0xDE87, 0xDE87, 0xDE87,
        0xDE87, 0xDE87, 0xD062, 0x9008, 0x0002, 0xD018, 0x0002, 0xD04A,
        0x5000, 0xDD87, 0xDD87, 0xDD87, 0xDD87, 0xDD87, 0xDD87, 0xD987,
        0xD987, 0xD987, 0xD987, 0xD987, 0xD987, 0xD987, 0xD987, 0xD987,
        0xD987, 0xD987, 0xD987, 0xD987, 0xD987, 0xD987, 0xD987, 0xD987,
        0xD987, 0xD987, 0xD987, 0xC062, 0x0002, 0xC062, 0x0000, 0xD087,
        0x4003, 0xDD87, 0xDD87, 0xDD87, 0xDD87, 0xDD87, 0xDD87, 0xD987,
        0xD987, 0xD987, 0xD987, 0xD987, 0xD987, 0xD987, 0xD987, 0xD987,
        0xD987, 0xD987, 0xD987, 0xD987, 0xD987, 0xD987, 0xD987, 0xD987,
        0xD987, 0xD987, 0xD987, 0x0002, 0x0000, 0x0002, 0xD007, 0x0000,
        0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
        0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
        0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
        0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
        0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
        0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
        0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
        0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
        0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
        0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
        0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
        0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
        0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
        0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
        0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
        0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
    ]

    /// The byte classes as RFC 3261 §25.1 defines them, built at run time (for the unit test
    /// that guards ``table``).
    static func specification() -> [UInt32] {
        var table = [UInt32](repeating: 0, count: 256)
        func add(_ characters: String, _ set: SIPCharacterClass) {
            for byte in characters.utf8 { table[Int(byte)] |= set.rawValue }
        }
        let lower = "abcdefghijklmnopqrstuvwxyz"
        let upper = lower.uppercased()
        let digits = "0123456789"
        let alphanum = lower + upper + digits
        add(lower + upper, .alpha)
        add(digits, .digit)
        add(digits + "abcdefABCDEF", .hexDigit)
        add(alphanum + "-.!%*_+`'~", [.token, .word, .parameterValue])
        add("()<>:\\\"/[]?{}", .word)
        add(":[]=/?@", .parameterValue)
        add(alphanum + "-_.!~*'()", .unreserved)
        add("&=+$,;?/", .userUnreserved)
        add("&=+$,", .passwordExtra)
        add("[]/:&+$", .paramUnreserved)
        add("[]/?:+$", .headerUnreserved)
        add(alphanum + "-._", .host)
        add(alphanum + "+-.", .scheme)
        add(alphanum + "-_.!~*'()" + ";/?:@&=+$,%", .uric)
        add(" \t\r\n", .lws)
        add(alphanum + "-_.!~*'()" + "&=+$,;?/" + "%:#[]", .telephone)
        return table
    }

    /// Whether `byte` belongs to at least one of the classes in `set`.
    @inlinable
    static func byte(_ byte: UInt8, isIn set: SIPCharacterClass) -> Bool {
        table[Int(byte)] & set.rawValue != 0
    }
}

/// ASCII constants used across the parser and the serializer.
@usableFromInline
enum ASCII {
    @usableFromInline static let cr: UInt8 = 0x0D
    @usableFromInline static let lf: UInt8 = 0x0A
    @usableFromInline static let space: UInt8 = 0x20
    @usableFromInline static let tab: UInt8 = 0x09
    @usableFromInline static let colon: UInt8 = 0x3A
    @usableFromInline static let semicolon: UInt8 = 0x3B
    @usableFromInline static let comma: UInt8 = 0x2C
    @usableFromInline static let equals: UInt8 = 0x3D
    @usableFromInline static let quote: UInt8 = 0x22
    @usableFromInline static let backslash: UInt8 = 0x5C
    @usableFromInline static let lessThan: UInt8 = 0x3C
    @usableFromInline static let greaterThan: UInt8 = 0x3E
    @usableFromInline static let at: UInt8 = 0x40
    @usableFromInline static let question: UInt8 = 0x3F
    @usableFromInline static let ampersand: UInt8 = 0x26
    @usableFromInline static let percent: UInt8 = 0x25
    @usableFromInline static let slash: UInt8 = 0x2F
    @usableFromInline static let dot: UInt8 = 0x2E
    @usableFromInline static let plus: UInt8 = 0x2B
    @usableFromInline static let leftBracket: UInt8 = 0x5B
    @usableFromInline static let rightBracket: UInt8 = 0x5D
    @usableFromInline static let leftParenthesis: UInt8 = 0x28
    @usableFromInline static let rightParenthesis: UInt8 = 0x29
    @usableFromInline static let star: UInt8 = 0x2A
    @usableFromInline static let zero: UInt8 = 0x30

    /// The byte lowercased if it is an ASCII upper-case letter.
    @inlinable
    static func lowercased(_ byte: UInt8) -> UInt8 {
        (byte &- 0x41) < 26 ? byte | 0x20 : byte
    }

    /// Whether two strings are equal ignoring the case of ASCII letters.
    @inlinable
    static func equalsIgnoringCase(_ lhs: String, _ rhs: String) -> Bool {
        let left = lhs.utf8
        let right = rhs.utf8
        guard left.count == right.count else { return false }
        var leftBytes = left.makeIterator()
        var rightBytes = right.makeIterator()
        while let a = leftBytes.next(), let b = rightBytes.next() {
            if a != b, lowercased(a) != lowercased(b) { return false }
        }
        return true
    }

    /// Whether a string equals bytes, ignoring the case of ASCII letters.
    @inlinable
    static func equalsIgnoringCase(_ lhs: String, _ rhs: UnsafeBufferPointer<UInt8>) -> Bool {
        let left = lhs.utf8
        guard left.count == rhs.count else { return false }
        var index = 0
        for a in left {
            let b = rhs[index]
            if a != b, lowercased(a) != lowercased(b) { return false }
            index += 1
        }
        return true
    }

    /// The string with ASCII letters upper-cased (other characters unchanged).
    static func uppercased(_ string: String) -> String {
        guard string.utf8.contains(where: { (0x61...0x7A).contains($0) }) else { return string }
        return String(decoding: string.utf8.map { (0x61...0x7A).contains($0) ? $0 - 0x20 : $0 }, as: UTF8.self)
    }

    /// Whether `byte` is SP or HT.
    @inlinable
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab
    }

    /// The value of a hexadecimal digit, or nil.
    @inlinable
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }

    /// Upper-case hexadecimal digits for percent-encoding.
    @usableFromInline static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)
}
