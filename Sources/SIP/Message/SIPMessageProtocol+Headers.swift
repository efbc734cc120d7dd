// Typed header accessors on requests and responses, forwarding to `SIPHeaders`.

extension SIPMessageProtocol {
    /// Every Via value, top first.
    public var via: [Via] {
        get throws(SIPParseError) { try headers.via }
    }

    /// The topmost Via value; throws `missingHeader` when there is none.
    public var topVia: Via {
        get throws(SIPParseError) { try headers.topVia }
    }

    /// The From address; throws `missingHeader` when absent.
    public var from: NameAddress {
        get throws(SIPParseError) { try headers.from }
    }

    /// The To address; throws `missingHeader` when absent.
    public var to: NameAddress {
        get throws(SIPParseError) { try headers.to }
    }

    /// The Call-ID; throws `missingHeader` when absent.
    public var callID: SIPCallID {
        get throws(SIPParseError) { try headers.callID }
    }

    /// The CSeq; throws `missingHeader` when absent.
    public var cseq: CSeq {
        get throws(SIPParseError) { try headers.cseq }
    }

    /// Max-Forwards (0...255).
    public var maxForwards: Int? {
        get throws(SIPParseError) { try headers.maxForwards }
    }

    /// Expires in seconds.
    public var expires: UInt32? {
        get throws(SIPParseError) { try headers.expires }
    }

    /// Min-Expires in seconds.
    public var minExpires: UInt32? {
        get throws(SIPParseError) { try headers.minExpires }
    }

    /// Min-SE in seconds (RFC 4028).
    public var minSE: UInt32? {
        get throws(SIPParseError) { try headers.minSE }
    }

    /// RSeq (RFC 3262).
    public var rseq: UInt32? {
        get throws(SIPParseError) { try headers.rseq }
    }

    /// RAck (RFC 3262).
    public var rack: RAck? {
        get throws(SIPParseError) { try headers.rack }
    }

    /// Content-Type.
    public var contentType: SIPMediaType? {
        get throws(SIPParseError) { try headers.contentType }
    }

    /// Refer-To (RFC 3515).
    public var referTo: NameAddress? {
        get throws(SIPParseError) { try headers.referTo }
    }

    /// Referred-By (RFC 3892).
    public var referredBy: NameAddress? {
        get throws(SIPParseError) { try headers.referredBy }
    }

    /// Replaces (RFC 3891).
    public var replaces: Replaces? {
        get throws(SIPParseError) { try headers.replaces }
    }

    /// Session-Expires (RFC 4028).
    public var sessionExpires: SessionExpires? {
        get throws(SIPParseError) { try headers.sessionExpires }
    }

    /// Retry-After.
    public var retryAfter: RetryAfter? {
        get throws(SIPParseError) { try headers.retryAfter }
    }

    /// Contact addresses; empty for `*` (see ``isWildcardContact``).
    public var contact: [NameAddress] {
        get throws(SIPParseError) { try headers.contact }
    }

    /// Route addresses, top first.
    public var route: [NameAddress] {
        get throws(SIPParseError) { try headers.route }
    }

    /// Record-Route addresses, top first.
    public var recordRoute: [NameAddress] {
        get throws(SIPParseError) { try headers.recordRoute }
    }

    /// P-Asserted-Identity addresses (RFC 3325).
    public var pAssertedIdentity: [NameAddress] {
        get throws(SIPParseError) { try headers.pAssertedIdentity }
    }

    /// P-Preferred-Identity addresses (RFC 3325).
    public var pPreferredIdentity: [NameAddress] {
        get throws(SIPParseError) { try headers.pPreferredIdentity }
    }

    /// Diversion addresses (RFC 5806).
    public var diversion: [NameAddress] {
        get throws(SIPParseError) { try headers.diversion }
    }

    /// History-Info entries (RFC 7044).
    public var historyInfo: [NameAddress] {
        get throws(SIPParseError) { try headers.historyInfo }
    }

    /// Call-Info entries.
    public var callInfo: [NameAddress] {
        get throws(SIPParseError) { try headers.callInfo }
    }

    /// Alert-Info entries.
    public var alertInfo: [NameAddress] {
        get throws(SIPParseError) { try headers.alertInfo }
    }

    /// Allow: the methods the sender supports.
    public var allow: [SIPMethod] {
        get throws(SIPParseError) { try headers.allow }
    }

    /// Supported option tags.
    public var supported: [String] {
        get throws(SIPParseError) { try headers.supported }
    }

    /// Require option tags.
    public var require: [String] {
        get throws(SIPParseError) { try headers.require }
    }

    /// Proxy-Require option tags.
    public var proxyRequire: [String] {
        get throws(SIPParseError) { try headers.proxyRequire }
    }

    /// Unsupported option tags.
    public var unsupported: [String] {
        get throws(SIPParseError) { try headers.unsupported }
    }

    /// Accept media ranges.
    public var accept: [SIPMediaType] {
        get throws(SIPParseError) { try headers.accept }
    }

    /// Reason values (RFC 3326).
    public var reason: [SIPReason] {
        get throws(SIPParseError) { try headers.reason }
    }

    /// Privacy values (RFC 3323).
    public var privacy: [String] {
        get throws(SIPParseError) { try headers.privacy }
    }

    /// User-Agent text, as received.
    public var userAgent: String? { headers.userAgent }

    /// Server text, as received.
    public var server: String? { headers.server }

    /// Subject text, as received.
    public var subject: String? { headers.subject }

    /// Whether a Contact field is `*`.
    public var isWildcardContact: Bool { headers.isWildcardContact }
}
