// The RAck header (RFC 3262 §7.2): which reliable provisional response a PRACK acknowledges.

/// A RAck value: `RAck: 776656 1 INVITE` (RSeq, CSeq number, CSeq method).
public struct RAck: Hashable, Sendable {
    /// The RSeq of the provisional response being acknowledged.
    public var responseNumber: UInt32
    /// The CSeq number of the request that provisional response answered.
    public var cseqNumber: UInt32
    /// The CSeq method of that request.
    public var method: SIPMethod

    /// Creates a value.
    public init(responseNumber: UInt32, cseqNumber: UInt32, method: SIPMethod) {
        self.responseNumber = responseNumber
        self.cseqNumber = cseqNumber
        self.method = method
    }

    /// Parses `response-num LWS CSeq-num LWS Method`.
    public init(_ string: String) throws(SIPParseError) {
        self = try SIPScanner.withScanner(over: string, headerName: .rack) { (scanner: inout SIPScanner) throws(SIPParseError) in
            try RAck.parse(&scanner)
        }
    }

    static func parse(_ scanner: inout SIPScanner) throws(SIPParseError) -> RAck {
        scanner.skipLWS()
        let response = try scanner.readNumber(maximum: UInt64(UInt32.max), "bad response number")
        scanner.skipLWS()
        let cseq = try scanner.readNumber(maximum: UInt64(UInt32.max), "bad CSeq number")
        scanner.skipLWS()
        let method = try scanner.readToken("missing method")
        try scanner.expectEnd("unexpected text after method")
        return RAck(responseNumber: UInt32(response), cseqNumber: UInt32(cseq), method: SIPMethod(rawValue: scanner.string(method)))
    }
}

extension RAck: SIPSerializable {
    /// Appends `<rseq> <cseq> <METHOD>`.
    public func serialize(into buffer: inout [UInt8]) {
        buffer.appendDecimal(Int(responseNumber))
        buffer.append(ASCII.space)
        buffer.appendDecimal(Int(cseqNumber))
        buffer.append(ASCII.space)
        method.serialize(into: &buffer)
    }
}
