// Media types of Content-Type and Accept (RFC 3261 §20.15 and §20.1).

/// A media type such as `application/sdp`, with parameters (`boundary=...`, `charset=...`).
///
/// Type and subtype compare case-insensitively through ``matches(_:)``; `==` is exact.
public struct SIPMediaType: Hashable, Sendable {
    /// The top-level type, e.g. `application` (`*` in an Accept range).
    public var type: String
    /// The subtype, e.g. `sdp` (`*` in an Accept range).
    public var subtype: String
    /// The parameters in order.
    public var parameters: SIPParameters

    /// Creates a media type.
    public init(type: String, subtype: String, parameters: SIPParameters = []) {
        self.type = type
        self.subtype = subtype
        self.parameters = parameters
    }

    /// Parses `type/subtype;params`.
    public init(_ string: String) throws(SIPParseError) {
        self = try SIPScanner.withScanner(over: string, headerName: .contentType) { (scanner: inout SIPScanner) throws(SIPParseError) in
            let type = try SIPMediaType.parse(&scanner)
            try scanner.expectEnd("unexpected text after media type")
            return type
        }
    }

    /// `application/sdp` (RFC 4566).
    public static let sdp = SIPMediaType(type: "application", subtype: "sdp")
    /// `application/dtmf-relay`, as SIP INFO carries key presses.
    public static let dtmfRelay = SIPMediaType(type: "application", subtype: "dtmf-relay")
    /// `message/sipfrag` (RFC 3420), the body of REFER progress NOTIFYs.
    public static let sipfrag = SIPMediaType(type: "message", subtype: "sipfrag")
    /// `text/plain`.
    public static let textPlain = SIPMediaType(type: "text", subtype: "plain")

    /// Whether type and subtype match, ignoring case and parameters; `*` in either matches anything.
    public func matches(_ other: SIPMediaType) -> Bool {
        func same(_ lhs: String, _ rhs: String) -> Bool {
            lhs == "*" || rhs == "*" || SIPURI.equalIgnoringCase(lhs, rhs)
        }
        return same(type, other.type) && same(subtype, other.subtype)
    }

    static func parse(_ scanner: inout SIPScanner) throws(SIPParseError) -> SIPMediaType {
        scanner.skipLWS()
        let type = try scanner.readToken("bad media type")
        try scanner.expectSeparator(ASCII.slash, "bad media type")
        let subtype = try scanner.readToken("bad media subtype")
        let parameters = try scanner.readHeaderParameters()
        return SIPMediaType(type: scanner.string(type), subtype: scanner.string(subtype), parameters: parameters)
    }
}

extension SIPMediaType: SIPSerializable {
    /// Appends `type/subtype;params`.
    public func serialize(into buffer: inout [UInt8]) {
        buffer.appendUTF8(type)
        buffer.append(ASCII.slash)
        buffer.appendUTF8(subtype)
        parameters.serialize(into: &buffer)
    }
}

extension SIPMediaType: CustomStringConvertible {
    /// `application/sdp`.
    public var description: String { serializedString }
}
