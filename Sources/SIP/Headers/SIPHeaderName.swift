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
        return lhs.extensionName.utf8.elementsEqual(rhs.extensionName.utf8) { ASCII.lowercased($0) == ASCII.lowercased($1) }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(knownID)
        if knownID == 0 {
            for byte in extensionName.utf8 { hasher.combine(ASCII.lowercased(byte)) }
        }
    }

    /// Whether the extension name equals the bytes, ignoring case.
    func matches(extensionBytes bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        knownID == 0 && extensionName.utf8.elementsEqual(bytes) { ASCII.lowercased($0) == ASCII.lowercased($1) }
    }

    private static func known(_ name: String) -> SIPHeaderName {
        SIPHeaderName(knownID: KnownHeaders.id(of: name))
    }
}

extension SIPHeaderName {
    public static let accept = known("Accept")
    public static let acceptContact = known("Accept-Contact")
    public static let acceptEncoding = known("Accept-Encoding")
    public static let acceptLanguage = known("Accept-Language")
    public static let alertInfo = known("Alert-Info")
    public static let allow = known("Allow")
    public static let allowEvents = known("Allow-Events")
    /// Authentication-Info (RFC 3261 §20.6); parsed by the digest code, not here.
    public static let authenticationInfo = known("Authentication-Info")
    /// Authorization (RFC 3261 §20.7); parsed by the digest code, not here.
    public static let authorization = known("Authorization")
    public static let callID = known("Call-ID")
    public static let callInfo = known("Call-Info")
    public static let contact = known("Contact")
    public static let contentDisposition = known("Content-Disposition")
    public static let contentEncoding = known("Content-Encoding")
    public static let contentLanguage = known("Content-Language")
    public static let contentLength = known("Content-Length")
    public static let contentType = known("Content-Type")
    public static let cseq = known("CSeq")
    public static let date = known("Date")
    /// Diversion (RFC 5806).
    public static let diversion = known("Diversion")
    public static let errorInfo = known("Error-Info")
    public static let event = known("Event")
    public static let expires = known("Expires")
    public static let from = known("From")
    /// History-Info (RFC 7044).
    public static let historyInfo = known("History-Info")
    public static let identity = known("Identity")
    public static let inReplyTo = known("In-Reply-To")
    public static let maxForwards = known("Max-Forwards")
    public static let mimeVersion = known("MIME-Version")
    public static let minExpires = known("Min-Expires")
    /// Min-SE (RFC 4028).
    public static let minSE = known("Min-SE")
    public static let organization = known("Organization")
    /// P-Asserted-Identity (RFC 3325).
    public static let pAssertedIdentity = known("P-Asserted-Identity")
    /// P-Preferred-Identity (RFC 3325).
    public static let pPreferredIdentity = known("P-Preferred-Identity")
    public static let path = known("Path")
    public static let priority = known("Priority")
    /// Privacy (RFC 3323).
    public static let privacy = known("Privacy")
    /// Proxy-Authenticate (RFC 3261 §20.27); parsed by the digest code, not here.
    public static let proxyAuthenticate = known("Proxy-Authenticate")
    /// Proxy-Authorization (RFC 3261 §20.28); parsed by the digest code, not here.
    public static let proxyAuthorization = known("Proxy-Authorization")
    public static let proxyRequire = known("Proxy-Require")
    /// RAck (RFC 3262).
    public static let rack = known("RAck")
    /// Reason (RFC 3326).
    public static let reason = known("Reason")
    public static let recordRoute = known("Record-Route")
    /// Refer-To (RFC 3515).
    public static let referTo = known("Refer-To")
    /// Referred-By (RFC 3892).
    public static let referredBy = known("Referred-By")
    public static let rejectContact = known("Reject-Contact")
    /// Replaces (RFC 3891).
    public static let replaces = known("Replaces")
    public static let replyTo = known("Reply-To")
    public static let requestDisposition = known("Request-Disposition")
    public static let require = known("Require")
    public static let retryAfter = known("Retry-After")
    public static let route = known("Route")
    /// RSeq (RFC 3262).
    public static let rseq = known("RSeq")
    public static let server = known("Server")
    public static let serviceRoute = known("Service-Route")
    /// Session-Expires (RFC 4028).
    public static let sessionExpires = known("Session-Expires")
    public static let subject = known("Subject")
    public static let subscriptionState = known("Subscription-State")
    public static let supported = known("Supported")
    public static let timestamp = known("Timestamp")
    public static let to = known("To")
    public static let unsupported = known("Unsupported")
    public static let userAgent = known("User-Agent")
    public static let via = known("Via")
    public static let warning = known("Warning")
    /// WWW-Authenticate (RFC 3261 §20.44); parsed by the digest code, not here.
    public static let wwwAuthenticate = known("WWW-Authenticate")
    /// Refer-Sub (RFC 4488).
    public static let referSub = known("Refer-Sub")
    /// Target-Dialog (RFC 4538).
    public static let targetDialog = known("Target-Dialog")
}
