// telephone-event (RFC 4733): the payload type DTMF events travel on, and which events.

/// Kefu's support for RFC 4733 telephone-events (DTMF and friends) on an audio stream.
public struct SDPTelephoneEvent: Hashable, Sendable {
    /// The payload type used in our offers (answers use the offerer's number).
    public var payloadType: UInt8
    /// The events supported, as a set of event codes 0-255.
    public var events: SDPEventSet

    /// Creates the capability; events 0-16 are the DTMF keys 0-9, *, #, A-D and flash.
    public init(payloadType: UInt8 = 101, events: SDPEventSet = SDPEventSet("0-16")!) {
        self.payloadType = payloadType
        self.events = events
    }

    /// The encoding name as RFC 4733 registers it.
    public static let encodingName = "telephone-event"

    /// Whether `map` is telephone-event at `clockRate`.
    static func matches(_ map: SDPRTPMap, clockRate: Int) -> Bool {
        map.clockRate == clockRate && ASCII.equalsIgnoringCase(map.encodingName, encodingName)
    }
}

/// A set of telephone-event codes (0-255), read from and written as an `a=fmtp` list such as
/// `0-15,32,36-41` (RFC 4733 §2.4.1).
public struct SDPEventSet: Hashable, Sendable, CustomStringConvertible {
    private var bits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    /// The empty set.
    public init() {}

    /// Reads a comma-separated list of codes and ranges; nil when it is malformed.
    public init?(_ list: String) {
        for item in list.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = item.split(separator: "-", omittingEmptySubsequences: false)
            guard bounds.count <= 2,
                  let low = UInt8(bounds[0].trimmedOfSpaces()),
                  let high = bounds.count == 2 ? UInt8(bounds[1].trimmedOfSpaces()) : low,
                  low <= high else { return nil }
            for code in low...high { insert(code) }
        }
    }

    /// The events RFC 4733 §2.4.1 assumes when an offer has no fmtp: 0-15.
    public static let dtmfDigits = SDPEventSet("0-15")!

    /// Adds `code`.
    public mutating func insert(_ code: UInt8) {
        let bit = UInt64(1) << UInt64(code & 63)
        switch code >> 6 {
        case 0: bits.0 |= bit
        case 1: bits.1 |= bit
        case 2: bits.2 |= bit
        default: bits.3 |= bit
        }
    }

    /// Whether `code` is in the set.
    public func contains(_ code: UInt8) -> Bool {
        let word: UInt64
        switch code >> 6 {
        case 0: word = bits.0
        case 1: word = bits.1
        case 2: word = bits.2
        default: word = bits.3
        }
        return word & (UInt64(1) << UInt64(code & 63)) != 0
    }

    /// Whether no code is in the set.
    public var isEmpty: Bool { bits == (0, 0, 0, 0) }

    /// The codes in both sets.
    public func intersection(_ other: SDPEventSet) -> SDPEventSet {
        var result = SDPEventSet()
        result.bits = (bits.0 & other.bits.0, bits.1 & other.bits.1, bits.2 & other.bits.2, bits.3 & other.bits.3)
        return result
    }

    /// The fmtp form with ranges collapsed, e.g. `0-15,32`.
    public var listString: String {
        var parts: [String] = []
        var code = 0
        while code < 256 {
            guard contains(UInt8(code)) else {
                code += 1
                continue
            }
            var end = code
            while end + 1 < 256, contains(UInt8(end + 1)) { end += 1 }
            parts.append(end == code ? "\(code)" : "\(code)-\(end)")
            code = end + 1
        }
        return parts.joined(separator: ",")
    }

    /// The fmtp form, e.g. `0-15,32`.
    public var description: String { listString }

    public static func == (lhs: SDPEventSet, rhs: SDPEventSet) -> Bool {
        lhs.bits == rhs.bits
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(bits.0)
        hasher.combine(bits.1)
        hasher.combine(bits.2)
        hasher.combine(bits.3)
    }
}

extension Substring {
    fileprivate func trimmedOfSpaces() -> Substring {
        var result = self
        while result.first == " " { result = result.dropFirst() }
        while result.last == " " { result = result.dropLast() }
        return result
    }
}
