// The CSeq header (RFC 3261 §20.16): a sequence number and the request's method.

/// A CSeq value: `CSeq: 4711 INVITE`.
public struct CSeq: Hashable, Sendable {
    /// The sequence number (0...2³²-1).
    public var sequence: UInt32
    /// The method; it must equal the request's method (RFC 3261 §8.2.2 and RFC 4475 §3.1.2.17).
    public var method: SIPMethod

    /// Creates a CSeq value.
    public init(_ sequence: UInt32, _ method: SIPMethod) {
        self.sequence = sequence
        self.method = method
    }

    /// Parses `1*DIGIT LWS Method`.
    public init(_ string: String) throws(SIPParseError) {
        self = try SIPScanner.withScanner(over: string, headerName: .cseq) { (scanner: inout SIPScanner) throws(SIPParseError) in
            try CSeq.parse(&scanner)
        }
    }

    static func parse(_ scanner: inout SIPScanner) throws(SIPParseError) -> CSeq {
        scanner.skipLWS()
        let number = try scanner.readNumber(maximum: UInt64(UInt32.max), "sequence number out of range")
        let afterNumber = scanner.index
        scanner.skipLWS()
        guard scanner.index > afterNumber else { throw scanner.error(.invalidValue("missing method")) }
        let method = try scanner.readToken("missing method")
        try scanner.expectEnd("unexpected text after method")
        return CSeq(UInt32(number), SIPMethod(rawValue: scanner.string(method)))
    }
}

extension CSeq: SIPSerializable {
    /// Appends `<sequence> <METHOD>`.
    public func serialize(into buffer: inout [UInt8]) {
        buffer.appendDecimal(Int(sequence))
        buffer.append(ASCII.space)
        method.serialize(into: &buffer)
    }
}

extension CSeq: CustomStringConvertible {
    /// `4711 INVITE`.
    public var description: String { serializedString }
}
