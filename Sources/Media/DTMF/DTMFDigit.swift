// The sixteen DTMF keys and the RFC 4733 event codes and tone pairs that stand for them.

/// A key of the DTMF keypad: 0-9, `*`, `#` and A-D.
public enum DTMFDigit: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case zero = 0, one, two, three, four, five, six, seven, eight, nine
    case star = 10, pound = 11
    case a = 12, b = 13, c = 14, d = 15

    /// Creates the digit for an RFC 4733 event code (0-15); nil for other events (flash, tones).
    public init?(eventCode: UInt8) {
        self.init(rawValue: eventCode)
    }

    /// Creates the digit for its keypad character (`0`-`9`, `*`, `#`, `A`-`D`, case-insensitive).
    public init?(_ character: Character) {
        switch character {
        case "0"..."9": self.init(rawValue: UInt8(character.asciiValue! - 48))
        case "*": self = .star
        case "#": self = .pound
        case "A", "a": self = .a
        case "B", "b": self = .b
        case "C", "c": self = .c
        case "D", "d": self = .d
        default: return nil
        }
    }

    /// The RFC 4733 event code.
    public var eventCode: UInt8 { rawValue }

    /// The keypad character.
    public var character: Character {
        switch self {
        case .star: "*"
        case .pound: "#"
        case .a: "A"
        case .b: "B"
        case .c: "C"
        case .d: "D"
        default: Character(UnicodeScalar(48 + rawValue))
        }
    }

    public var description: String { String(character) }

    /// The row (low group) frequency of the key, in hertz (ITU-T Q.23).
    public var rowFrequency: Double { DTMFDigit.rowFrequencies[Int(keypadPosition.row)] }

    /// The column (high group) frequency of the key, in hertz (ITU-T Q.23).
    public var columnFrequency: Double { DTMFDigit.columnFrequencies[Int(keypadPosition.column)] }

    /// The four low-group frequencies.
    public static let rowFrequencies: [Double] = [697, 770, 852, 941]
    /// The four high-group frequencies.
    public static let columnFrequencies: [Double] = [1209, 1336, 1477, 1633]

    /// The key at a keypad row and column.
    public static func at(row: Int, column: Int) -> DTMFDigit {
        keypad[row][column]
    }

    private static let keypad: [[DTMFDigit]] = [
        [.one, .two, .three, .a],
        [.four, .five, .six, .b],
        [.seven, .eight, .nine, .c],
        [.star, .zero, .pound, .d],
    ]

    private var keypadPosition: (row: UInt8, column: UInt8) {
        for (row, keys) in DTMFDigit.keypad.enumerated() {
            if let column = keys.firstIndex(of: self) { return (UInt8(row), UInt8(column)) }
        }
        return (0, 0)
    }
}

extension Array where Element == DTMFDigit {
    /// Parses a string of keypad characters; nil if any character is not a DTMF key.
    public init?(dialString: String) {
        var digits: [DTMFDigit] = []
        for character in dialString {
            guard let digit = DTMFDigit(character) else { return nil }
            digits.append(digit)
        }
        self = digits
    }
}
