// The name of a SIP header field: case-insensitive, compact forms equal to full forms.

/// The name of a header field, compared as RFC 3261 §7.3.1 says: case-insensitively, with
/// compact forms (`v`, `i`, `m`, ...) equal to their full names (`Via`, `Call-ID`, `Contact`).
///
/// Well-known names are constants (`.via`, `.callID`, `.pAssertedIdentity`, ...); any other
/// name is an extension header, kept as written:
/// ```swift
/// let name: SIPHeaderName = "X-Tenant"      // extension
/// SIPHeaderName("i") == .callID            // true
/// ```
public struct SIPHeaderName: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// Index into ``KnownHeaders/infos``; 0 for an extension header.
    @usableFromInline let knownID: UInt8
    /// The spelling of an extension header; empty for known headers.
    @usableFromInline let extensionName: String

    @usableFromInline
    init(knownID: UInt8) {
        self.knownID = knownID
        self.extensionName = ""
    }

    /// The header named `name` (full or compact form, any case).
    public init(_ name: String) {
        let id = KnownHeaders.id(of: name)
        self.knownID = id
        self.extensionName = id == 0 ? name : ""
    }

    /// The header named `value`.
    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// The canonical spelling for well-known headers (`Call-ID`), the given spelling otherwise.
    public var canonicalName: String {
        knownID == 0 ? extensionName : KnownHeaders.infos[Int(knownID)].name
    }

    /// The compact form (RFC 3261 §7.3.3), if the header has one.
    public var compactForm: String? {
        guard knownID != 0, let compact = KnownHeaders.infos[Int(knownID)].compact else { return nil }
        return String(UnicodeScalar(compact))
    }

    /// Whether the header's value is a comma-separated list, so several values may share a line.
    public var isList: Bool {
        knownID != 0 && KnownHeaders.infos[Int(knownID)].isList
    }

    /// Whether a request carries at most one field of this name (To, From, Call-ID, CSeq,
    /// Max-Forwards, Content-Length, Content-Type).
    public var isSingleValued: Bool {
        knownID != 0 && KnownHeaders.infos[Int(knownID)].isSingle
    }

    /// Whether this is a header Kefu knows by name (not an extension header).
    public var isWellKnown: Bool { knownID != 0 }

    public var description: String { canonicalName }

    public static func == (lhs: SIPHeaderName, rhs: SIPHeaderName) -> Bool {
        if lhs.knownID != rhs.knownID { return false }
        if lhs.knownID != 0 { return true }
        return ASCII.equalsIgnoringCase(lhs.extensionName, rhs.extensionName)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(knownID)
        if knownID == 0 {
            for byte in extensionName.utf8 { hasher.combine(ASCII.lowercased(byte)) }
        }
    }

    /// Whether the extension name equals the bytes, ignoring case.
    func matches(extensionBytes bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        knownID == 0 && ASCII.equalsIgnoringCase(extensionName, bytes)
    }

}

extension SIPHeaderName {
    /// Accept.
    public static let accept = SIPHeaderName(knownID: 1)
    /// Accept-Contact.
    public static let acceptContact = SIPHeaderName(knownID: 2)
    /// Accept-Encoding.
    public static let acceptEncoding = SIPHeaderName(knownID: 3)
    /// Accept-Language.
    public static let acceptLanguage = SIPHeaderName(knownID: 4)
    /// Alert-Info.
    public static let alertInfo = SIPHeaderName(knownID: 5)
    /// Allow.
    public static let allow = SIPHeaderName(knownID: 6)
    /// Allow-Events.
    public static let allowEvents = SIPHeaderName(knownID: 7)
    /// Authentication-Info (RFC 3261 §20.6); parsed by the digest code, not here.
    public static let authenticationInfo = SIPHeaderName(knownID: 8)
    /// Authorization (RFC 3261 §20.7); parsed by the digest code, not here.
    public static let authorization = SIPHeaderName(knownID: 9)
    /// Call-ID.
    public static let callID = SIPHeaderName(knownID: 10)
    /// Call-Info.
    public static let callInfo = SIPHeaderName(knownID: 11)
    /// Contact.
    public static let contact = SIPHeaderName(knownID: 12)
    /// Content-Disposition.
    public static let contentDisposition = SIPHeaderName(knownID: 13)
    /// Content-Encoding.
    public static let contentEncoding = SIPHeaderName(knownID: 14)
    /// Content-Language.
    public static let contentLanguage = SIPHeaderName(knownID: 15)
    /// Content-Length.
    public static let contentLength = SIPHeaderName(knownID: 16)
    /// Content-Type.
    public static let contentType = SIPHeaderName(knownID: 17)
    /// CSeq.
    public static let cseq = SIPHeaderName(knownID: 18)
    /// Date.
    public static let date = SIPHeaderName(knownID: 19)
    /// Diversion (RFC 5806).
    public static let diversion = SIPHeaderName(knownID: 20)
    /// Error-Info.
    public static let errorInfo = SIPHeaderName(knownID: 21)
    /// Event.
    public static let event = SIPHeaderName(knownID: 22)
    /// Expires.
    public static let expires = SIPHeaderName(knownID: 23)
    /// From.
    public static let from = SIPHeaderName(knownID: 24)
    /// History-Info (RFC 7044).
    public static let historyInfo = SIPHeaderName(knownID: 25)
    /// Identity.
    public static let identity = SIPHeaderName(knownID: 26)
    /// In-Reply-To.
    public static let inReplyTo = SIPHeaderName(knownID: 27)
    /// Max-Forwards.
    public static let maxForwards = SIPHeaderName(knownID: 28)
    /// MIME-Version.
    public static let mimeVersion = SIPHeaderName(knownID: 29)
    /// Min-Expires.
    public static let minExpires = SIPHeaderName(knownID: 30)
    /// Min-SE (RFC 4028).
    public static let minSE = SIPHeaderName(knownID: 31)
    /// Organization.
    public static let organization = SIPHeaderName(knownID: 32)
    /// P-Asserted-Identity (RFC 3325).
    public static let pAssertedIdentity = SIPHeaderName(knownID: 33)
    /// P-Preferred-Identity (RFC 3325).
    public static let pPreferredIdentity = SIPHeaderName(knownID: 34)
    /// Path.
    public static let path = SIPHeaderName(knownID: 35)
    /// Priority.
    public static let priority = SIPHeaderName(knownID: 36)
    /// Privacy (RFC 3323).
    public static let privacy = SIPHeaderName(knownID: 37)
    /// Proxy-Authenticate (RFC 3261 §20.27); parsed by the digest code, not here.
    public static let proxyAuthenticate = SIPHeaderName(knownID: 38)
    /// Proxy-Authorization (RFC 3261 §20.28); parsed by the digest code, not here.
    public static let proxyAuthorization = SIPHeaderName(knownID: 39)
    /// Proxy-Require.
    public static let proxyRequire = SIPHeaderName(knownID: 40)
    /// RAck (RFC 3262).
    public static let rack = SIPHeaderName(knownID: 41)
    /// Reason (RFC 3326).
    public static let reason = SIPHeaderName(knownID: 42)
    /// Record-Route.
    public static let recordRoute = SIPHeaderName(knownID: 43)
    /// Refer-To (RFC 3515).
    public static let referTo = SIPHeaderName(knownID: 44)
    /// Referred-By (RFC 3892).
    public static let referredBy = SIPHeaderName(knownID: 45)
    /// Reject-Contact.
    public static let rejectContact = SIPHeaderName(knownID: 46)
    /// Replaces (RFC 3891).
    public static let replaces = SIPHeaderName(knownID: 47)
    /// Reply-To.
    public static let replyTo = SIPHeaderName(knownID: 48)
    /// Request-Disposition.
    public static let requestDisposition = SIPHeaderName(knownID: 49)
    /// Require.
    public static let require = SIPHeaderName(knownID: 50)
    /// Retry-After.
    public static let retryAfter = SIPHeaderName(knownID: 51)
    /// Route.
    public static let route = SIPHeaderName(knownID: 52)
    /// RSeq (RFC 3262).
    public static let rseq = SIPHeaderName(knownID: 53)
    /// Server.
    public static let server = SIPHeaderName(knownID: 54)
    /// Service-Route.
    public static let serviceRoute = SIPHeaderName(knownID: 55)
    /// Session-Expires (RFC 4028).
    public static let sessionExpires = SIPHeaderName(knownID: 56)
    /// Subject.
    public static let subject = SIPHeaderName(knownID: 57)
    /// Subscription-State.
    public static let subscriptionState = SIPHeaderName(knownID: 58)
    /// Supported.
    public static let supported = SIPHeaderName(knownID: 59)
    /// Timestamp.
    public static let timestamp = SIPHeaderName(knownID: 60)
    /// To.
    public static let to = SIPHeaderName(knownID: 61)
    /// Unsupported.
    public static let unsupported = SIPHeaderName(knownID: 62)
    /// User-Agent.
    public static let userAgent = SIPHeaderName(knownID: 63)
    /// Via.
    public static let via = SIPHeaderName(knownID: 64)
    /// Warning.
    public static let warning = SIPHeaderName(knownID: 65)
    /// WWW-Authenticate (RFC 3261 §20.44); parsed by the digest code, not here.
    public static let wwwAuthenticate = SIPHeaderName(knownID: 66)
    /// Refer-Sub (RFC 4488).
    public static let referSub = SIPHeaderName(knownID: 67)
    /// Target-Dialog (RFC 4538).
    public static let targetDialog = SIPHeaderName(knownID: 68)
}
