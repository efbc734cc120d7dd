// The Call-ID header (RFC 3261 §20.8): the identifier shared by every message of a dialog.

/// A Call-ID value: `word [ "@" word ]`, compared case-sensitively (RFC 3261 §20.8).
public struct SIPCallID: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
    /// The Call-ID as sent.
    public let rawValue: String

    /// Wraps a Call-ID string without checking it (use ``init(_:)`` to validate one).
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Validates `string` as `word [ "@" word ]`.
    public init(_ string: String) throws(SIPParseError) {
        self = try SIPScanner.withScanner(over: string, headerName: .callID) { (scanner: inout SIPScanner) throws(SIPParseError) in
            try SIPCallID.parse(&scanner)
        }
    }

    public var description: String { rawValue }

    static func parse(_ scanner: inout SIPScanner) throws(SIPParseError) -> SIPCallID {
        scanner.skipLWS()
        let start = scanner.index
        let first = scanner.read(.word)
        guard !first.isEmpty else { throw scanner.error(.invalidValue("empty or invalid")) }
        if scanner.consume(ASCII.at) {
            guard !scanner.read(.word).isEmpty else { throw scanner.error(.invalidValue("invalid after @")) }
        }
        let end = scanner.index
        try scanner.expectEnd("invalid character")
        return SIPCallID(rawValue: scanner.string(start..<end))
    }
}

extension SIPCallID: SIPSerializable {
    /// Appends the Call-ID.
    public func serialize(into buffer: inout [UInt8]) {
        buffer.appendUTF8(rawValue)
    }
}
