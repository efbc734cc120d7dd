// Why a well-formed message must still be refused, and with which status.

/// A defect found by ``SIPRequest/validate(_:)`` or ``SIPResponse/validate()`` after the
/// message parsed: each case knows the status a server answers with and a reason phrase that
/// names the defect without echoing the peer's bytes.
public enum SIPValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The SIP-Version is not 2.0: `505 Version Not Supported` (RFC 4475 §3.1.2.16).
    case unsupportedVersion(SIPVersion)
    /// A mandatory header is absent: `400` (RFC 3261 §8.1.1, RFC 4475 §3.3.1).
    case missingHeader(SIPHeaderName)
    /// A header that may appear once appears more often: `400` (RFC 4475 §3.3.8).
    case duplicateHeader(SIPHeaderName)
    /// A header's value does not parse: `400` naming the header.
    case malformedHeader(SIPParseError)
    /// CSeq names another method than the Request-Line: `400` (RFC 4475 §3.1.2.17).
    case cseqMethodMismatch(requestMethod: SIPMethod, cseqMethod: SIPMethod)
    /// The Request-URI carries a headers component: `400` (RFC 4475 §3.1.2.11).
    case requestURIHasHeaders
    /// The Request-URI's scheme is not sip, sips or tel: `416` (RFC 4475 §3.3.2).
    case unsupportedURIScheme(String)

    /// The status a server answers the request with.
    public var status: SIPStatus {
        switch self {
        case .unsupportedVersion: return .versionNotSupported
        case .unsupportedURIScheme: return .unsupportedURIScheme
        default: return .badRequest
        }
    }

    /// The reason phrase for that response, naming the defect.
    public var reasonPhrase: String {
        switch self {
        case .unsupportedVersion: return "Version Not Supported"
        case .missingHeader(let name): return "Missing \(name.canonicalName)"
        case .duplicateHeader(let name): return "Multiple \(name.canonicalName) Headers"
        case .malformedHeader(let error): return error.reasonPhrase
        case .cseqMethodMismatch: return "CSeq Method Mismatch"
        case .requestURIHasHeaders: return "Bad Request-URI: headers not allowed"
        case .unsupportedURIScheme: return "Unsupported URI Scheme"
        }
    }

    /// The header the defect is in, if any.
    public var headerName: SIPHeaderName? {
        switch self {
        case .missingHeader(let name), .duplicateHeader(let name): return name
        case .malformedHeader(let error): return error.headerName
        case .cseqMethodMismatch: return .cseq
        default: return nil
        }
    }

    /// The status and reason phrase, for logs.
    public var description: String { "\(status.code) \(reasonPhrase)" }
}
