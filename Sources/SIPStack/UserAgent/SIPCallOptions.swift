// What the call path gives to place an outgoing INVITE.

import SIP

/// The parameters of an outgoing call leg.
public struct SIPCallOptions: Sendable {
    /// The Request-URI (the callee's Contact for an agent, `sip:number@trunk` for a trunk).
    public var requestURI: SIPURI
    /// The From address (its tag is generated).
    public var from: NameAddress
    /// The To address; defaults to the Request-URI.
    public var to: NameAddress?
    /// The SDP offer; nil for a late offer (the answer's SDP comes in the 2xx).
    public var sdp: [UInt8]?
    /// Extra headers: Call-Info, Alert-Info, P-Asserted-Identity, Privacy, Diversion, Replaces, ...
    public var headers: SIPHeaders
    /// Where to send the INVITE instead of the Request-URI's host: an outbound proxy, a trunk,
    /// or the address a NAT'd phone registered from.
    public var destination: SIPDestination?
    /// The transport when no destination is given; by default the URI's `transport=` or UDP.
    public var transport: SIPTransportProtocol?
    /// Credentials for answering a `401`/`407` from the trunk or callee.
    public var credentials: SIPClientCredentials?
    /// A Call-ID to use (the B2BUA may correlate legs); generated when nil.
    public var callID: String?

    /// Options for a call to `requestURI` from `from`.
    public init(
        requestURI: SIPURI,
        from: NameAddress,
        to: NameAddress? = nil,
        sdp: [UInt8]? = nil,
        headers: SIPHeaders = SIPHeaders(),
        destination: SIPDestination? = nil,
        transport: SIPTransportProtocol? = nil,
        credentials: SIPClientCredentials? = nil,
        callID: String? = nil
    ) {
        self.requestURI = requestURI
        self.from = from
        self.to = to
        self.sdp = sdp
        self.headers = headers
        self.destination = destination
        self.transport = transport
        self.credentials = credentials
        self.callID = callID
    }
}

/// A user name and password (or its HA1) for answering digest challenges to requests we send.
public struct SIPClientCredentials: Sendable {
    /// The user name.
    public var username: String
    /// The password, hashed per realm when a challenge arrives; nil when `ha1` is given.
    public var password: String?
    /// A precomputed HA1 for `realm`.
    public var ha1: String?
    /// The realm the HA1 belongs to.
    public var realm: String?

    /// Credentials from a password.
    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    /// Credentials from a stored HA1 for `realm`.
    public init(username: String, ha1: String, realm: String) {
        self.username = username
        self.ha1 = ha1
        self.realm = realm
    }

    /// The HA1 for `challenge`, or nil when these credentials do not fit its realm.
    func ha1(for challenge: DigestChallenge) -> String? {
        if let password {
            return DigestComputation.ha1(username: username, realm: challenge.realm, password: password, algorithm: challenge.algorithm)
        }
        if let ha1, realm == challenge.realm, challenge.algorithm.base == .md5 { return ha1 }
        return nil
    }
}
