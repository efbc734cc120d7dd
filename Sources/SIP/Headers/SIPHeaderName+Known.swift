// The header fields Kefu knows by name: canonical spelling, compact form, list syntax.

/// Facts about one well-known header field.
@usableFromInline
struct KnownHeaderInfo: Sendable {
    /// The canonical spelling, e.g. `Call-ID`.
    let name: String
    /// The compact form of RFC 3261 §7.3.3 and later RFCs, lower case, if any.
    let compact: UInt8?
    /// Whether the value is a comma-separated list (`#element` in the grammar).
    let isList: Bool
    /// Whether a request may carry at most one field of this name (RFC 3261 §7.3.1, RFC 4475 §3.3.8).
    let isSingle: Bool
}

/// The table of well-known header fields, indexed by a small numeric id (0 is "extension").
@usableFromInline
enum KnownHeaders {
    /// Header facts; the index is the id used inside ``SIPHeaderName`` and ``SIPHeaders``.
    static let infos: [KnownHeaderInfo] = {
        func info(_ name: String, _ compact: Character? = nil, list: Bool = false, single: Bool = false) -> KnownHeaderInfo {
            KnownHeaderInfo(name: name, compact: compact.map { $0.asciiValue! }, isList: list, isSingle: single)
        }
        return [
            info("(extension)"),
            info("Accept", list: true),
            info("Accept-Contact", "a", list: true),
            info("Accept-Encoding", list: true),
            info("Accept-Language", list: true),
            info("Alert-Info", list: true),
            info("Allow", list: true),
            info("Allow-Events", "u", list: true),
            info("Authentication-Info"),
            info("Authorization"),
            info("Call-ID", "i", single: true),
            info("Call-Info", list: true),
            info("Contact", "m", list: true),
            info("Content-Disposition"),
            info("Content-Encoding", "e", list: true),
            info("Content-Language", list: true),
            info("Content-Length", "l", single: true),
            info("Content-Type", "c", single: true),
            info("CSeq", single: true),
            info("Date"),
            info("Diversion", list: true),
            info("Error-Info", list: true),
            info("Event", "o"),
            info("Expires"),
            info("From", "f", single: true),
            info("History-Info", list: true),
            info("Identity", "y"),
            info("In-Reply-To", list: true),
            info("Max-Forwards", single: true),
            info("MIME-Version"),
            info("Min-Expires"),
            info("Min-SE"),
            info("Organization"),
            info("P-Asserted-Identity", list: true),
            info("P-Preferred-Identity", list: true),
            info("Path", list: true),
            info("Priority"),
            info("Privacy"),
            info("Proxy-Authenticate"),
            info("Proxy-Authorization"),
            info("Proxy-Require", list: true),
            info("RAck"),
            info("Reason", list: true),
            info("Record-Route", list: true),
            info("Refer-To", "r"),
            info("Referred-By", "b"),
            info("Reject-Contact", "j", list: true),
            info("Replaces"),
            info("Reply-To"),
            info("Request-Disposition", "d", list: true),
            info("Require", list: true),
            info("Retry-After"),
            info("Route", list: true),
            info("RSeq"),
            info("Server"),
            info("Service-Route", list: true),
            info("Session-Expires", "x"),
            info("Subject", "s"),
            info("Subscription-State"),
            info("Supported", "k", list: true),
            info("Timestamp"),
            info("To", "t", single: true),
            info("Unsupported", list: true),
            info("User-Agent"),
            info("Via", "v", list: true),
            info("Warning", list: true),
            info("WWW-Authenticate"),
            info("Refer-Sub"),
            info("Target-Dialog"),
        ]
    }()

    /// The lower-case canonical names, concatenated; name `id` spans
    /// `nameOffsets[id - 1]..<nameOffsets[id]`. Literal tables need no lazy initialization;
    /// `KnownHeaderTableTests` checks them against ``infos``.
    static let lowercasedNameBytes: [UInt8] = [
        97, 99, 99, 101, 112, 116, 97, 99, 99, 101, 112, 116, 45, 99, 111, 110, 116, 97, 99, 116,
        97, 99, 99, 101, 112, 116, 45, 101, 110, 99, 111, 100, 105, 110, 103, 97, 99, 99, 101, 112,
        116, 45, 108, 97, 110, 103, 117, 97, 103, 101, 97, 108, 101, 114, 116, 45, 105, 110, 102, 111,
        97, 108, 108, 111, 119, 97, 108, 108, 111, 119, 45, 101, 118, 101, 110, 116, 115, 97, 117, 116,
        104, 101, 110, 116, 105, 99, 97, 116, 105, 111, 110, 45, 105, 110, 102, 111, 97, 117, 116, 104,
        111, 114, 105, 122, 97, 116, 105, 111, 110, 99, 97, 108, 108, 45, 105, 100, 99, 97, 108, 108,
        45, 105, 110, 102, 111, 99, 111, 110, 116, 97, 99, 116, 99, 111, 110, 116, 101, 110, 116, 45,
        100, 105, 115, 112, 111, 115, 105, 116, 105, 111, 110, 99, 111, 110, 116, 101, 110, 116, 45, 101,
        110, 99, 111, 100, 105, 110, 103, 99, 111, 110, 116, 101, 110, 116, 45, 108, 97, 110, 103, 117,
        97, 103, 101, 99, 111, 110, 116, 101, 110, 116, 45, 108, 101, 110, 103, 116, 104, 99, 111, 110,
        116, 101, 110, 116, 45, 116, 121, 112, 101, 99, 115, 101, 113, 100, 97, 116, 101, 100, 105, 118,
        101, 114, 115, 105, 111, 110, 101, 114, 114, 111, 114, 45, 105, 110, 102, 111, 101, 118, 101, 110,
        116, 101, 120, 112, 105, 114, 101, 115, 102, 114, 111, 109, 104, 105, 115, 116, 111, 114, 121, 45,
        105, 110, 102, 111, 105, 100, 101, 110, 116, 105, 116, 121, 105, 110, 45, 114, 101, 112, 108, 121,
        45, 116, 111, 109, 97, 120, 45, 102, 111, 114, 119, 97, 114, 100, 115, 109, 105, 109, 101, 45,
        118, 101, 114, 115, 105, 111, 110, 109, 105, 110, 45, 101, 120, 112, 105, 114, 101, 115, 109, 105,
        110, 45, 115, 101, 111, 114, 103, 97, 110, 105, 122, 97, 116, 105, 111, 110, 112, 45, 97, 115,
        115, 101, 114, 116, 101, 100, 45, 105, 100, 101, 110, 116, 105, 116, 121, 112, 45, 112, 114, 101,
        102, 101, 114, 114, 101, 100, 45, 105, 100, 101, 110, 116, 105, 116, 121, 112, 97, 116, 104, 112,
        114, 105, 111, 114, 105, 116, 121, 112, 114, 105, 118, 97, 99, 121, 112, 114, 111, 120, 121, 45,
        97, 117, 116, 104, 101, 110, 116, 105, 99, 97, 116, 101, 112, 114, 111, 120, 121, 45, 97, 117,
        116, 104, 111, 114, 105, 122, 97, 116, 105, 111, 110, 112, 114, 111, 120, 121, 45, 114, 101, 113,
        117, 105, 114, 101, 114, 97, 99, 107, 114, 101, 97, 115, 111, 110, 114, 101, 99, 111, 114, 100,
        45, 114, 111, 117, 116, 101, 114, 101, 102, 101, 114, 45, 116, 111, 114, 101, 102, 101, 114, 114,
        101, 100, 45, 98, 121, 114, 101, 106, 101, 99, 116, 45, 99, 111, 110, 116, 97, 99, 116, 114,
        101, 112, 108, 97, 99, 101, 115, 114, 101, 112, 108, 121, 45, 116, 111, 114, 101, 113, 117, 101,
        115, 116, 45, 100, 105, 115, 112, 111, 115, 105, 116, 105, 111, 110, 114, 101, 113, 117, 105, 114,
        101, 114, 101, 116, 114, 121, 45, 97, 102, 116, 101, 114, 114, 111, 117, 116, 101, 114, 115, 101,
        113, 115, 101, 114, 118, 101, 114, 115, 101, 114, 118, 105, 99, 101, 45, 114, 111, 117, 116, 101,
        115, 101, 115, 115, 105, 111, 110, 45, 101, 120, 112, 105, 114, 101, 115, 115, 117, 98, 106, 101,
        99, 116, 115, 117, 98, 115, 99, 114, 105, 112, 116, 105, 111, 110, 45, 115, 116, 97, 116, 101,
        115, 117, 112, 112, 111, 114, 116, 101, 100, 116, 105, 109, 101, 115, 116, 97, 109, 112, 116, 111,
        117, 110, 115, 117, 112, 112, 111, 114, 116, 101, 100, 117, 115, 101, 114, 45, 97, 103, 101, 110,
        116, 118, 105, 97, 119, 97, 114, 110, 105, 110, 103, 119, 119, 119, 45, 97, 117, 116, 104, 101,
        110, 116, 105, 99, 97, 116, 101, 114, 101, 102, 101, 114, 45, 115, 117, 98, 116, 97, 114, 103,
        101, 116, 45, 100, 105, 97, 108, 111, 103,
    ]

    static let nameOffsets: [UInt16] = [
        0, 6, 20, 35, 50, 60, 65, 77, 96, 109, 116, 125, 132, 151, 167, 183,
        197, 209, 213, 217, 226, 236, 241, 248, 252, 264, 272, 283, 295, 307, 318, 324,
        336, 355, 375, 379, 387, 394, 412, 431, 444, 448, 454, 466, 474, 485, 499, 507,
        515, 534, 541, 552, 557, 561, 567, 580, 595, 602, 620, 629, 638, 640, 651, 661,
        664, 671, 687, 696, 709,
    ]

    /// Open addressing from ``slot(length:first:last:)`` of the lower-case name to an id,
    /// 0 = empty slot. The key needs only three bytes, so a lookup costs one compare.
    static let hashTable: [UInt8] = [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 36, 0, 25, 0, 0, 0, 65, 0, 0, 59, 0, 0, 34, 31, 55,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 63, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 21, 11, 0, 0, 26, 0, 0, 0, 0, 41, 7, 43,
        68, 0, 0, 53, 0, 44, 48, 60, 0, 47, 0, 0, 0, 0, 0, 0, 37, 39, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 33, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 17, 0, 0, 27, 15, 4, 14, 3, 18, 22, 0, 0, 50, 0, 0, 0, 0, 0,
        0, 8, 0, 0, 0, 19, 0, 38, 0, 0, 0, 51, 0, 0, 0, 49, 0, 0, 45, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 10, 57, 0, 0, 0, 29, 0, 56, 0, 0, 28, 0, 0, 0, 0, 0, 5, 1, 12, 0, 0, 0, 13, 0,
        0, 2, 40, 42, 0, 0, 0, 0, 0, 0, 0, 24, 0, 0, 0, 0, 46, 0, 0, 0, 0, 0, 0, 0, 0, 0, 62, 0, 0, 0, 66, 0,
        0, 0, 0, 0, 58, 54, 0, 0, 0, 0, 0, 32, 0, 0, 64, 0, 0, 30, 0, 16, 0, 23, 0, 0, 52, 67, 9, 6, 35, 61, 0, 0,
    ]

    static let hashTableSize = 256

    /// The home slot of a name from its length and lower-case first and last bytes.
    @inline(__always)
    static func slot(length: Int, first: UInt8, last: UInt8) -> Int {
        ((length &* 31 &+ Int(first)) &* 31 &+ Int(last)) & (hashTableSize - 1)
    }

    /// From a lower-case compact letter (ASCII) to an id, 0 = none.
    static let compactTable: [UInt8] = [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 2, 45, 17, 49, 14, 24, 0, 0, 10, 46, 59, 16, 12, 0, 22, 0, 0, 44, 57, 61, 7, 64, 0, 56, 26, 0, 0, 0, 0, 0, 0,
    ]

    /// The id of the header spelled by `bytes` (full or compact form, any case), or 0.
    static func id(of bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
        if bytes.count == 1 {
            let letter = ASCII.lowercased(bytes[0])
            return letter < 128 ? compactTable[Int(letter)] : 0
        }
        guard bytes.count > 1, bytes.count < 32 else { return 0 }
        return lowercasedNameBytes.withUnsafeBufferPointer { names in
            var slot = slot(length: bytes.count, first: ASCII.lowercased(bytes[0]), last: ASCII.lowercased(bytes[bytes.count - 1]))
            while true {
                let id = hashTable[slot]
                if id == 0 { return 0 }
                let start = Int(nameOffsets[Int(id) - 1])
                let end = Int(nameOffsets[Int(id)])
                if end - start == bytes.count {
                    var equal = true
                    for offset in 0..<bytes.count where ASCII.lowercased(bytes[offset]) != names[start + offset] {
                        equal = false
                        break
                    }
                    if equal { return id }
                }
                slot = (slot + 1) & (hashTableSize - 1)
            }
        }
    }

    /// The id of the header spelled by `name` (full or compact form, any case), or 0.
    static func id(of name: String) -> UInt8 {
        var name = name
        return name.withUTF8 { id(of: $0) }
    }
}
