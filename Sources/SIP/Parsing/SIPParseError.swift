// The error every SIP parser in this module throws: what is wrong, where, and in which header.

/// Why a SIP message, header value or URI could not be parsed.
///
/// Each error names the defect precisely enough to become the reason phrase of a `400 Bad
/// Request` (``reasonPhrase``), carries the byte offset where parsing stopped and, when the
/// defect is inside a header field, that header's name. Reason phrases never echo the
/// offending bytes, so they are safe to send back and to log.
///
/// When the start line or a header line of a request is broken but the header section could
/// still be split into fields, ``headers`` holds those fields and ``requestMethod`` the method,
/// so the stack can still copy Via/From/To/Call-ID/CSeq into a `400` response
/// (``SIPResponse/init(replyingTo:method:status:reasonPhrase:toTag:)``).
public struct SIPParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public enum Kind: Hashable, Sendable {
        /// The message is larger than ``SIPMessageParser/Configuration/maxMessageSize``.
        case messageTooLarge(limit: Int)
        /// The message has more header lines than ``SIPMessageParser/Configuration/maxHeaderCount``.
        case tooManyHeaders(limit: Int)
        /// A start line or header field is longer than ``SIPMessageParser/Configuration/maxHeaderLineLength``.
        case lineTooLong(limit: Int)
        /// The input holds no message (nothing but line ends).
        case emptyMessage
        /// The header section does not end with an empty line.
        case incompleteHeaderSection
        /// The Request-Line is not `Method SP Request-URI SP SIP-Version`; the text says how.
        case malformedRequestLine(String)
        /// The Status-Line is not `SIP-Version SP Status-Code SP Reason-Phrase`; the text says how.
        case malformedStatusLine(String)
        /// The SIP-Version is not `SIP/<digits>.<digits>`.
        case invalidVersion
        /// The status code is not three digits from 100 to 699.
        case invalidStatusCode
        /// A header line has no colon.
        case missingColon
        /// A header name contains characters outside `token`.
        case invalidHeaderName
        /// A continuation line (starting with white space) comes before any header line.
        case foldedLineWithoutHeader
        /// A bare CR that does not end a line.
        case bareCarriageReturn
        /// A stream message (TCP) has no Content-Length header (RFC 3261 §18.3).
        case missingContentLength
        /// Content-Length is not a non-negative decimal number.
        case invalidContentLength
        /// Content-Length appears more than once.
        case multipleContentLength
        /// Content-Length promises more body bytes than the datagram holds.
        case contentLengthExceedsMessage
        /// A header value does not match its grammar; the text says how.
        case invalidValue(String)
        /// A header the caller asked for is absent.
        case missingHeader
        /// A URI does not match its grammar; the text says how.
        case invalidURI(String)
        /// A URI has a scheme other than sip, sips or tel where one of those is required
        /// (the stack answers `416 Unsupported URI Scheme`).
        case unsupportedURIScheme
    }

    /// What is wrong.
    public var kind: Kind
    /// The byte offset where parsing stopped: into the message for message parsing and header
    /// values of a parsed message, into the string for values parsed from a string.
    public var offset: Int
    /// The header field the defect is in, if any.
    public var headerName: SIPHeaderName?
    /// The header fields that could be split from a request whose start line or a header line
    /// is broken, so a `400` can still be answered; nil when the message is beyond repair.
    public var headers: SIPHeaders?
    /// The method of a request whose start line could be read far enough, else nil.
    public var requestMethod: SIPMethod?

    /// Creates an error.
    public init(
        _ kind: Kind,
        offset: Int,
        headerName: SIPHeaderName? = nil,
        headers: SIPHeaders? = nil,
        requestMethod: SIPMethod? = nil
    ) {
        self.kind = kind
        self.offset = offset
        self.headerName = headerName
        self.headers = headers
        self.requestMethod = requestMethod
    }

    /// A short phrase naming the defect, fit for the reason phrase of a `400 Bad Request`,
    /// e.g. `Bad CSeq: sequence number out of range` or `Missing Call-ID`.
    public var reasonPhrase: String {
        switch kind {
        case .messageTooLarge: return "Message Too Large"
        case .tooManyHeaders: return "Too Many Headers"
        case .lineTooLong: return headerName.map { "\($0.canonicalName) Too Long" } ?? "Header Line Too Long"
        case .emptyMessage: return "Empty Message"
        case .incompleteHeaderSection: return "Header Section Not Terminated"
        case .malformedRequestLine(let detail): return "Bad Request-Line: \(detail)"
        case .malformedStatusLine(let detail): return "Bad Status-Line: \(detail)"
        case .invalidVersion: return "Bad SIP-Version"
        case .invalidStatusCode: return "Bad Status-Code"
        case .missingColon: return "Bad Header Line: missing colon"
        case .invalidHeaderName: return "Bad Header Name"
        case .foldedLineWithoutHeader: return "Bad Header Line: continuation without header"
        case .bareCarriageReturn: return "Bad Line End: bare CR"
        case .missingContentLength: return "Missing Content-Length"
        case .invalidContentLength: return "Bad Content-Length"
        case .multipleContentLength: return "Multiple Content-Length"
        case .contentLengthExceedsMessage: return "Bad Content-Length: larger than message"
        case .invalidValue(let detail):
            return "Bad \(headerName?.canonicalName ?? "Header"): \(detail)"
        case .missingHeader: return "Missing \(headerName?.canonicalName ?? "Header")"
        case .invalidURI(let detail):
            if let headerName { return "Bad \(headerName.canonicalName): \(detail)" }
            return "Bad URI: \(detail)"
        case .unsupportedURIScheme: return "Unsupported URI Scheme"
        }
    }

    /// The status a server answers a request with this defect: `413` for an oversized message,
    /// `416` for an unsupported URI scheme, `400` otherwise.
    public var status: SIPStatus {
        switch kind {
        case .messageTooLarge: return .requestEntityTooLarge
        case .unsupportedURIScheme: return .unsupportedURIScheme
        default: return .badRequest
        }
    }

    /// The reason phrase and the offset, for logs.
    public var description: String {
        "\(reasonPhrase) (at byte \(offset))"
    }
}
