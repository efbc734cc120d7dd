// One Via header value (RFC 3261 §20.42, RFC 3581 rport).

/// One value of a Via header: the transport and address a request was sent from, plus
/// parameters (`branch`, `received`, `rport`, `maddr`, `ttl`, and any extension).
///
/// ```swift
/// var via = Via(transport: "UDP", host: "10.0.0.5", port: 5060, branch: "z9hG4bK-74bf9")
/// via.requestRPort()                 // ;rport
/// via.description                    // "SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK-74bf9;rport"
/// ```
public struct Via: Hashable, Sendable {
    /// The magic cookie that starts every RFC 3261 branch (§8.1.1.7).
    public static let magicCookie = "z9hG4bK"

    /// The protocol name of sent-protocol, normally `SIP`.
    public var protocolName: String
    /// The protocol version of sent-protocol, normally `2.0`.
    public var protocolVersion: String
    /// The transport in upper case: `UDP`, `TCP`, `TLS`, `SCTP`, `WS`, `WSS` or another token.
    public var transport: String
    /// The sent-by host as written (an IPv6 reference keeps its brackets).
    public var host: String
    /// The sent-by port, if given.
    public var port: UInt16?
    /// The via-params in order, extension parameters included.
    public var parameters: SIPParameters

    /// Creates a Via value for SIP/2.0.
    public init(
        transport: String,
        host: String,
        port: UInt16? = nil,
        branch: String? = nil,
        parameters: SIPParameters = []
    ) {
        self.protocolName = "SIP"
        self.protocolVersion = "2.0"
        self.transport = ASCII.uppercased(transport)
        self.host = host
        self.port = port
        self.parameters = parameters
        if let branch { self.branch = branch }
    }

    /// Parses one Via value, e.g. `SIP/2.0/UDP host:5060;branch=z9hG4bK1`.
    public init(_ string: String) throws(SIPParseError) {
        self = try SIPScanner.withScanner(over: string, headerName: .via) { (scanner: inout SIPScanner) throws(SIPParseError) in
            let via = try Via.parse(&scanner)
            try scanner.expectEnd("unexpected text after value")
            return via
        }
    }

    /// The `branch` parameter: the transaction id (RFC 3261 §17.2.3).
    public var branch: String? {
        get { parameters["branch"] }
        set { parameters["branch"] = newValue }
    }

    /// Whether the branch is an RFC 3261 transaction id: the magic cookie followed by at least
    /// one more character. A bare cookie (RFC 4475 §3.2.1) or no branch means RFC 2543 matching.
    public var isRFC3261Branch: Bool {
        guard let branch, branch.utf8.count > Self.magicCookie.utf8.count else { return false }
        return branch.hasPrefix(Self.magicCookie)
    }

    /// The `received` parameter: the source address a server saw (RFC 3261 §18.2.1).
    public var received: String? {
        get { parameters["received"] }
        set { parameters["received"] = newValue }
    }

    /// Whether an `rport` parameter is present, with or without a value (RFC 3581).
    public var hasRPort: Bool { parameters.contains("rport") }

    /// The value of the `rport` parameter, nil when absent, valueless or not a port number;
    /// assigning a port sets `rport=<port>`, assigning nil removes the parameter.
    public var rport: UInt16? {
        get { parameters["rport"].flatMap { UInt16($0) } }
        set {
            if let newValue {
                parameters.setValue(String(newValue), for: "rport")
            } else {
                parameters.remove("rport")
            }
        }
    }

    /// Adds a valueless `rport` parameter, asking the server to fill in the source port.
    public mutating func requestRPort() {
        if !hasRPort { parameters.setValue(nil, for: "rport") }
    }

    /// The `maddr` parameter, if any.
    public var maddr: String? {
        get { parameters["maddr"] }
        set { parameters["maddr"] = newValue }
    }

    /// The `ttl` parameter (0...255), nil when absent or malformed.
    public var ttl: UInt8? {
        get { parameters["ttl"].flatMap { UInt8($0) } }
        set { parameters["ttl"] = newValue.map { String($0) } }
    }

    /// The host without the brackets of an IPv6 reference.
    public var unbracketedHost: String { SIPURI.unbracketed(host) }

    /// The sent-by port, or the transport's default when absent: 5061 for TLS and WSS, else
    /// 5060 (RFC 3261 §18.2.2).
    public var portOrDefault: UInt16 {
        port ?? (transport == "TLS" || transport == "WSS" ? 5061 : 5060)
    }

    /// `host` or `host:port`, as sent-by is written.
    public var sentBy: String {
        port.map { "\(host):\($0)" } ?? host
    }

    /// Reads `sent-protocol LWS sent-by *( SEMI via-params )`, white space allowed around the
    /// slashes (RFC 4475 §3.1.1.1).
    static func parse(_ scanner: inout SIPScanner) throws(SIPParseError) -> Via {
        scanner.skipLWS()
        let name = try scanner.readToken("bad sent-protocol")
        try scanner.expectSeparator(ASCII.slash, "bad sent-protocol")
        let version = try scanner.readToken("bad sent-protocol")
        try scanner.expectSeparator(ASCII.slash, "bad sent-protocol")
        let transport = try scanner.readToken("bad transport")
        scanner.skipLWS()

        let host: String
        if scanner.peek() == ASCII.leftBracket {
            let start = scanner.index
            scanner.advance()
            let address = scanner.read { !(ASCII.hexValue($0) != nil || $0 == ASCII.colon || $0 == ASCII.dot) }
            guard !address.isEmpty, scanner.consume(ASCII.rightBracket) else {
                throw scanner.error(.invalidValue("bad sent-by host"))
            }
            host = scanner.string(start..<scanner.index)
        } else {
            let range = scanner.read(.host)
            guard !range.isEmpty else { throw scanner.error(.invalidValue("bad sent-by host")) }
            host = scanner.string(range)
        }
        var port: UInt16?
        let afterHost = scanner.index
        scanner.skipLWS()
        if scanner.consume(ASCII.colon) {
            scanner.skipLWS()
            port = UInt16(try scanner.readNumber(maximum: UInt64(UInt16.max), "bad sent-by port"))
        } else {
            scanner.index = afterHost
        }
        let parameters = try scanner.readHeaderParameters()

        var via = Via(transport: scanner.string(transport), host: host, port: port, parameters: parameters)
        via.protocolName = scanner.string(name)
        via.protocolVersion = scanner.string(version)
        return via
    }

    /// Reads a comma-separated list of Via values; empty elements are an error (RFC 4475 §3.1.2.1).
    static func parseList(_ scanner: inout SIPScanner) throws(SIPParseError) -> [Via] {
        var values: [Via] = []
        repeat {
            scanner.skipLWS()
            guard !scanner.isAtEnd, scanner.peek() != ASCII.comma else {
                throw scanner.error(.invalidValue("empty value"))
            }
            values.append(try parse(&scanner))
            scanner.skipLWS()
            if scanner.isAtEnd { break }
            guard scanner.consume(ASCII.comma) else { throw scanner.error(.invalidValue("unexpected text after value")) }
        } while true
        return values
    }
}

extension Via: SIPSerializable {
    /// Appends `SIP/2.0/UDP host:port;params`.
    public func serialize(into buffer: inout [UInt8]) {
        buffer.appendUTF8(protocolName)
        buffer.append(ASCII.slash)
        buffer.appendUTF8(protocolVersion)
        buffer.append(ASCII.slash)
        buffer.appendUTF8(transport)
        buffer.append(ASCII.space)
        buffer.appendUTF8(host)
        if let port {
            buffer.append(ASCII.colon)
            buffer.appendDecimal(Int(port))
        }
        parameters.serialize(into: &buffer)
    }
}

extension Via: CustomStringConvertible {
    /// The value as written in a Via header.
    public var description: String { serializedString }
}
