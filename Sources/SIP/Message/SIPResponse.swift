// A SIP response: status, reason phrase, header fields and body.

/// A SIP response (RFC 3261 §7.2).
public struct SIPResponse: SIPMessageProtocol {
    /// The SIP version of the Status-Line.
    public var version: SIPVersion
    /// The status code.
    public var status: SIPStatus
    /// The reason phrase as received or chosen (may be empty, RFC 4475 §3.1.1.13).
    public var reasonPhrase: String
    /// The header fields, in order.
    public var headers: SIPHeaders
    /// The body bytes; assigning them sets Content-Length to their count.
    public var body: [UInt8] {
        didSet { headers.set(.contentLength, body.count) }
    }

    /// Creates a response; the reason phrase defaults to the status's standard one. A
    /// Content-Length header is added when `headers` has none.
    public init(
        status: SIPStatus,
        reasonPhrase: String? = nil,
        version: SIPVersion = .v2_0,
        headers: SIPHeaders = SIPHeaders(),
        body: [UInt8] = []
    ) {
        self.version = version
        self.status = status
        self.reasonPhrase = reasonPhrase ?? status.defaultReasonPhrase
        self.headers = headers
        self.body = body
        if !self.headers.contains(.contentLength) {
            self.headers.add(.contentLength, body.count)
        }
    }

    /// Builds an unparsed response from parser output, leaving the headers as received.
    init(parsedStatus status: SIPStatus, reasonPhrase: String, version: SIPVersion, headers: SIPHeaders, body: [UInt8]) {
        self.version = version
        self.status = status
        self.reasonPhrase = reasonPhrase
        self.headers = headers
        self.body = body
    }
}

extension SIPResponse: CustomStringConvertible {
    /// The response as it would be sent, for logs and test failures.
    public var description: String { serializedString }
}
