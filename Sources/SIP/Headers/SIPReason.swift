// The Reason header (RFC 3326): why a request (BYE, CANCEL) was sent.

/// One Reason value: `Q.850;cause=16;text="Normal call clearing"` or `SIP;cause=200`.
public struct SIPReason: Hashable, Sendable {
    /// The protocol the cause belongs to: `SIP`, `Q.850`, or an extension token.
    public var protocolName: String
    /// The parameters in order (`cause`, `text`, extensions).
    public var parameters: SIPParameters

    /// Creates a reason.
    public init(protocolName: String, cause: Int? = nil, text: String? = nil) {
        self.protocolName = protocolName
        self.parameters = []
        if let cause { parameters["cause"] = String(cause) }
        if let text { parameters["text"] = SIPParameters.quote(text) }
    }

    /// Parses one reason value.
    public init(_ string: String) throws(SIPParseError) {
        self = try SIPScanner.withScanner(over: string, headerName: .reason) { (scanner: inout SIPScanner) throws(SIPParseError) in
            let reason = try SIPReason.parse(&scanner)
            try scanner.expectEnd("unexpected text after value")
            return reason
        }
    }

    /// The `cause` parameter (a SIP status code or a Q.850 cause), nil when absent or malformed.
    public var cause: Int? { parameters["cause"].flatMap { Int($0) } }

    /// The `text` parameter without its quotes.
    public var text: String? { parameters.unquotedValue(for: "text") }

    static func parse(_ scanner: inout SIPScanner) throws(SIPParseError) -> SIPReason {
        scanner.skipLWS()
        let name = try scanner.readToken("bad protocol")
        var reason = SIPReason(protocolName: scanner.string(name))
        reason.parameters = try scanner.readHeaderParameters()
        return reason
    }

    static func parseList(_ scanner: inout SIPScanner) throws(SIPParseError) -> [SIPReason] {
        var values: [SIPReason] = []
        repeat {
            values.append(try parse(&scanner))
            scanner.skipLWS()
            if scanner.isAtEnd { break }
            guard scanner.consume(ASCII.comma) else { throw scanner.error(.invalidValue("unexpected text after value")) }
        } while true
        return values
    }
}

extension SIPReason: SIPSerializable {
    /// Appends `protocol;params`.
    public func serialize(into buffer: inout [UInt8]) {
        buffer.appendUTF8(protocolName)
        parameters.serialize(into: &buffer)
    }
}
