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

    /// Lower-case spellings of the canonical names, for byte comparison.
    static let lowercasedNames: [[UInt8]] = infos.map { Array($0.name.lowercased().utf8) }

    /// Open-addressing table from a name hash to an id (0 = empty slot).
    static let hashTable: [UInt8] = {
        var table = [UInt8](repeating: 0, count: hashTableSize)
        for id in 1..<infos.count {
            var slot = Int(hash(lowercasedNames[id]) & UInt32(hashTableSize - 1))
            while table[slot] != 0 { slot = (slot + 1) & (hashTableSize - 1) }
            table[slot] = UInt8(id)
        }
        return table
    }()

    /// From a lower-case compact letter to an id.
    static let compactTable: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 128)
        for id in 1..<infos.count {
            if let compact = infos[id].compact { table[Int(compact)] = UInt8(id) }
        }
        return table
    }()

    static let hashTableSize = 256

    /// FNV-1a over lower-cased bytes.
    @inline(__always)
    static func hash(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in bytes {
            hash = (hash ^ UInt32(ASCII.lowercased(byte))) &* 16_777_619
        }
        return hash
    }

    /// The id of the header spelled by `bytes` (full or compact form, any case), or 0.
    static func id(of bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
        if bytes.count == 1 {
            let letter = ASCII.lowercased(bytes[0])
            return letter < 128 ? compactTable[Int(letter)] : 0
        }
        var slot = Int(hash(bytes) & UInt32(hashTableSize - 1))
        while true {
            let id = hashTable[slot]
            if id == 0 { return 0 }
            let name = lowercasedNames[Int(id)]
            if name.count == bytes.count {
                var equal = true
                for offset in 0..<name.count where ASCII.lowercased(bytes[offset]) != name[offset] {
                    equal = false
                    break
                }
                if equal { return id }
            }
            slot = (slot + 1) & (hashTableSize - 1)
        }
    }

    /// The id of the header spelled by `name` (full or compact form, any case), or 0.
    static func id(of name: String) -> UInt8 {
        var name = name
        return name.withUTF8 { id(of: $0) }
    }
}
