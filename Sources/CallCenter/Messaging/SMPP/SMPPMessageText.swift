// Text to short-message octets and back: the SMSC default alphabet for plain ASCII, UCS-2
// (UTF-16BE) for Chinese and everything else, and concatenation with a user data header when
// the text is longer than one message.

/// One short message's payload: how it is coded and its octets (user data header included).
public struct SMPPMessageSegment: Hashable, Sendable {
    /// `data_coding`.
    public var dataCoding: UInt8
    /// `esm_class` (0x40 when the octets start with a user data header).
    public var esmClass: UInt8
    /// The octets for `short_message`.
    public var octets: [UInt8]
}

/// Encodes message text for SMPP.
public enum SMPPMessageText {
    /// `data_coding` of the SMSC default alphabet (GSM 03.38 on most SMSCs; ASCII passes).
    public static let defaultAlphabet: UInt8 = 0x00
    /// `data_coding` of UCS-2.
    public static let ucs2: UInt8 = 0x08

    /// The segments that carry `text`; `reference` tells a phone which parts belong together.
    public static func segments(_ text: String, reference: UInt8) -> [SMPPMessageSegment] {
        let plain = text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F || $0 == "\n" || $0 == "\r" }
        let units: [[UInt8]]
        let single: Int, perPart: Int, coding: UInt8
        if plain {
            units = text.utf8.map { [$0] }
            (single, perPart, coding) = (160, 153, defaultAlphabet)
        } else {
            // UTF-16 code units, a surrogate pair kept together as one unit of two.
            units = text.unicodeScalars.map { scalar in
                Array(String(scalar).utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
            }
            (single, perPart, coding) = (70, 67, ucs2)
        }
        let width: ([[UInt8]]) -> Int = { parts in parts.reduce(0) { $0 + (plain ? 1 : $1.count / 2) } }
        if width(units) <= single {
            return [SMPPMessageSegment(dataCoding: coding, esmClass: 0, octets: units.flatMap { $0 })]
        }
        var parts: [[UInt8]] = []
        var current: [UInt8] = []
        var currentWidth = 0
        for unit in units {
            let unitWidth = plain ? 1 : unit.count / 2
            if currentWidth + unitWidth > perPart {
                parts.append(current)
                current = []
                currentWidth = 0
            }
            current += unit
            currentWidth += unitWidth
        }
        if !current.isEmpty { parts.append(current) }
        let total = UInt8(min(parts.count, 255))
        return parts.prefix(255).enumerated().map { index, octets in
            SMPPMessageSegment(dataCoding: coding, esmClass: 0x40,
                               octets: [0x05, 0x00, 0x03, reference, total, UInt8(index + 1)] + octets)
        }
    }

    /// The text of `octets` coded as `dataCoding` (receipts and inbound messages).
    public static func decode(_ octets: [UInt8], dataCoding: UInt8) -> String {
        guard dataCoding == ucs2 else { return String(decoding: octets, as: UTF8.self) }
        var units: [UInt16] = []
        var index = 0
        while index + 1 < octets.count {
            units.append(UInt16(octets[index]) << 8 | UInt16(octets[index + 1]))
            index += 2
        }
        return String(decoding: units, as: UTF16.self)
    }
}
