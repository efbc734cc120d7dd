// The Session-Expires header (RFC 4028 §4): session timer interval and refresher.

/// A Session-Expires value: `1800;refresher=uac`.
public struct SessionExpires: Hashable, Sendable {
    /// Which side refreshes the session.
    public enum Refresher: String, Hashable, Sendable {
        /// The user agent client of the transaction.
        case uac
        /// The user agent server of the transaction.
        case uas
    }

    /// The session interval in seconds.
    public var seconds: UInt32
    /// The parameters in order (`refresher` and extensions).
    public var parameters: SIPParameters

    /// Creates a value.
    public init(seconds: UInt32, refresher: Refresher? = nil) {
        self.seconds = seconds
        self.parameters = []
        if let refresher { parameters["refresher"] = refresher.rawValue }
    }

    /// Parses `delta-seconds *(SEMI se-params)`.
    public init(_ string: String) throws(SIPParseError) {
        self = try SIPScanner.withScanner(over: string, headerName: .sessionExpires) { (scanner: inout SIPScanner) throws(SIPParseError) in
            try SessionExpires.parse(&scanner)
        }
    }

    /// The `refresher` parameter, nil when absent or neither `uac` nor `uas`.
    public var refresher: Refresher? {
        get { parameters["refresher"].flatMap { Refresher(rawValue: $0.lowercased()) } }
        set { parameters["refresher"] = newValue?.rawValue }
    }

    static func parse(_ scanner: inout SIPScanner) throws(SIPParseError) -> SessionExpires {
        scanner.skipLWS()
        let seconds = try scanner.readNumber(maximum: UInt64(UInt32.max), "bad delta-seconds")
        let parameters = try scanner.readHeaderParameters()
        try scanner.expectEnd("unexpected text after value")
        var value = SessionExpires(seconds: UInt32(seconds))
        value.parameters = parameters
        return value
    }
}

extension SessionExpires: SIPSerializable {
    /// Appends `seconds;params`.
    public func serialize(into buffer: inout [UInt8]) {
        buffer.appendDecimal(Int(seconds))
        parameters.serialize(into: &buffer)
    }
}
