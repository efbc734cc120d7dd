// A telephone number as rules, flows and SMS use it, with the normalisation that lets one
// rule match a caller however the trunk wrote the number (+86..., 0086..., 0 + mobile).

/// A telephone number: digits, possibly with a leading `+` as the trunk sent it.
///
/// Rules and the caller-area table match on ``nationalForm``: the number as dialled inside
/// China (mobile `13800138000`, landline `057188886666` with its trunk prefix `0`).
public struct PhoneNumber: StringIdentifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The digits alone, with `+`, spaces, dashes and brackets removed.
    public var digits: String { String(rawValue.filter(\.isASCIIDigitCharacter)) }

    /// True when the number has at least one digit and nothing but digits, `+`, spaces,
    /// dashes and brackets.
    public var isWellFormed: Bool {
        var sawDigit = false
        for character in rawValue {
            if character.isASCIIDigitCharacter { sawDigit = true; continue }
            if " -()+".contains(character) { continue }
            return false
        }
        return sawDigit
    }

    /// The number in Chinese national form, for prefix matching.
    ///
    /// `+8613800138000`, `008613800138000`, `8613800138000` (13 digits) and `013800138000`
    /// become `13800138000`; `+8657188886666` becomes `057188886666`. Anything else is
    /// returned as its plain digits.
    public var nationalForm: String {
        var number = Substring(digits)
        let international = rawValue.hasPrefix("+") || number.hasPrefix("00")
        if number.hasPrefix("00") { number = number.dropFirst(2) }
        if number.hasPrefix("86") && (international || (number.count == 13 && number.dropFirst(2).hasPrefix("1"))) {
            let rest = number.dropFirst(2)
            return rest.hasPrefix("1") ? String(rest) : "0" + rest
        }
        if number.count == 12 && number.hasPrefix("01") && !number.hasPrefix("010") {
            return String(number.dropFirst())
        }
        return String(number)
    }
}

extension Character {
    /// True for the ten ASCII digits only (not other Unicode digits).
    var isASCIIDigitCharacter: Bool { ("0"..."9").contains(self) }

    /// True for a key on a telephone keypad: 0-9, `*` and `#`.
    var isDTMFCharacter: Bool { isASCIIDigitCharacter || self == "*" || self == "#" }
}

extension String {
    /// True when the string is non-empty and made of ASCII digits only.
    var isAllASCIIDigits: Bool { !isEmpty && allSatisfy(\.isASCIIDigitCharacter) }
}
