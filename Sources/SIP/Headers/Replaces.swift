// The Replaces header (RFC 3891), used for attended transfer.

/// A Replaces value: the dialog a new INVITE replaces, `callid;to-tag=..;from-tag=..[;early-only]`.
///
/// It arrives as a header or, escaped, inside a Refer-To URI's headers component
/// (`<sip:bob@host?Replaces=...>`); ``init(_:)`` parses the unescaped text of either.
public struct Replaces: Hashable, Sendable {
    /// The Call-ID of the dialog to replace.
    public var callID: SIPCallID
    /// The other parameters (`to-tag`, `from-tag`, `early-only`, extensions), in order.
    public var parameters: SIPParameters

    /// Creates a Replaces value.
    public init(callID: SIPCallID, toTag: String, fromTag: String, earlyOnly: Bool = false) {
        self.callID = callID
        self.parameters = [SIPParameter(name: "to-tag", value: toTag), SIPParameter(name: "from-tag", value: fromTag)]
        if earlyOnly { parameters.setValue(nil, for: "early-only") }
    }

    /// Parses `callid *(SEMI replaces-param)`.
    public init(_ string: String) throws(SIPParseError) {
        self = try SIPScanner.withScanner(over: string, headerName: .replaces) { (scanner: inout SIPScanner) throws(SIPParseError) in
            try Replaces.parse(&scanner)
        }
    }

    /// The to-tag of the dialog to replace.
    public var toTag: String? { parameters["to-tag"] }
    /// The from-tag of the dialog to replace.
    public var fromTag: String? { parameters["from-tag"] }
    /// Whether only an early dialog may be replaced.
    public var isEarlyOnly: Bool { parameters.contains("early-only") }

    static func parse(_ scanner: inout SIPScanner) throws(SIPParseError) -> Replaces {
        scanner.skipLWS()
        let start = scanner.index
        let first = scanner.read(.word)
        guard !first.isEmpty else { throw scanner.error(.invalidValue("bad Call-ID")) }
        if scanner.consume(ASCII.at), scanner.read(.word).isEmpty {
            throw scanner.error(.invalidValue("bad Call-ID"))
        }
        let callID = SIPCallID(rawValue: scanner.string(start..<scanner.index))
        let parameters = try scanner.readHeaderParameters()
        try scanner.expectEnd("unexpected text after value")
        guard parameters.contains("to-tag"), parameters.contains("from-tag") else {
            throw scanner.error(.invalidValue("missing to-tag or from-tag"))
        }
        var replaces = Replaces(callID: callID, toTag: "", fromTag: "")
        replaces.parameters = parameters
        return replaces
    }
}

extension Replaces: SIPSerializable {
    /// Appends `callid;to-tag=..;from-tag=..`.
    public func serialize(into buffer: inout [UInt8]) {
        callID.serialize(into: &buffer)
        parameters.serialize(into: &buffer)
    }
}

extension Replaces: CustomStringConvertible {
    /// The value as written in a Replaces header.
    public var description: String { serializedString }
}
