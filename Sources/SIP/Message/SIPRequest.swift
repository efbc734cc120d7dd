// A SIP request: method, Request-URI, header fields and body.

/// A SIP request (RFC 3261 §7.1).
///
/// ```swift
/// let request = try SIPRequest.parse(datagramBytes)
/// let branch = try request.topVia.branch
/// var reply = SIPResponse(to: request, status: .ringing, toTag: "a6c85cf")
/// ```
public struct SIPRequest: SIPMessageProtocol {
    /// The method of the Request-Line.
    public var method: SIPMethod
    /// The Request-URI; any scheme parses, the stack answers `416` for schemes it does not serve.
    public var uri: AnyURI
    /// The SIP version of the Request-Line.
    public var version: SIPVersion
    /// The header fields, in order.
    public var headers: SIPHeaders
    /// The body bytes; assigning them sets Content-Length to their count.
    public var body: [UInt8] {
        didSet { headers.set(.contentLength, body.count) }
    }

    /// Creates a request. A Content-Length header is added when `headers` has none.
    public init(
        method: SIPMethod,
        uri: AnyURI,
        version: SIPVersion = .v2_0,
        headers: SIPHeaders = SIPHeaders(),
        body: [UInt8] = []
    ) {
        self.method = method
        self.uri = uri
        self.version = version
        self.headers = headers
        self.body = body
        if !self.headers.contains(.contentLength) {
            self.headers.add(.contentLength, body.count)
        }
    }

    /// Creates a request to a SIP URI.
    public init(
        method: SIPMethod,
        uri: SIPURI,
        headers: SIPHeaders = SIPHeaders(),
        body: [UInt8] = []
    ) {
        self.init(method: method, uri: .sip(uri), headers: headers, body: body)
    }

    /// Builds an unparsed request from parser output, leaving the headers as received.
    init(parsedMethod method: SIPMethod, uri: AnyURI, version: SIPVersion, headers: SIPHeaders, body: [UInt8]) {
        self.method = method
        self.uri = uri
        self.version = version
        self.headers = headers
        self.body = body
    }
}

extension SIPRequest: CustomStringConvertible {
    /// The request as it would be sent, for logs and test failures.
    public var description: String { serializedString }
}
