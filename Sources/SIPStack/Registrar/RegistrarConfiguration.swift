// The registrar's settings: realm, expiry bounds, contact limit, authentication pacing.

/// How the registrar authenticates and bounds registrations.
public struct RegistrarConfiguration: Sendable {
    /// The digest realm (the SIP domain users register in); with ``realmFromDomain``, the
    /// realm of requests whose domain is an IP address.
    public var realm: String
    /// Each request authenticates in the realm of its domain (the To of a REGISTER, the From
    /// of an INVITE), so one node serves many tenants' SIP domains; bindings are kept per
    /// user and domain.
    public var realmFromDomain: Bool
    /// The shortest registration accepted; shorter ones get `423` with Min-Expires.
    public var minExpires: UInt32
    /// The longest registration granted; longer requests are shortened to this.
    public var maxExpires: UInt32
    /// The expiry used when the REGISTER names none.
    public var defaultExpires: UInt32
    /// The most contacts one user may register.
    public var maxContactsPerUser: Int
    /// How long a nonce stays fresh, in seconds (then `stale=true`).
    public var nonceLifetime: UInt64
    /// How long a failed authentication waits before its `403`.
    public var failureDelay: Duration
    /// The per-source failure throttle.
    public var throttle: RegistrationThrottle

    /// Settings with the defaults above unless given.
    public init(
        realm: String = "kefu",
        minExpires: UInt32 = 60,
        maxExpires: UInt32 = 3600,
        defaultExpires: UInt32 = 3600,
        maxContactsPerUser: Int = 10,
        nonceLifetime: UInt64 = 300,
        failureDelay: Duration = .milliseconds(500),
        throttle: RegistrationThrottle = RegistrationThrottle(),
        realmFromDomain: Bool = false
    ) {
        self.realm = realm
        self.realmFromDomain = realmFromDomain
        self.minExpires = minExpires
        self.maxExpires = maxExpires
        self.defaultExpires = defaultExpires
        self.maxContactsPerUser = maxContactsPerUser
        self.nonceLifetime = nonceLifetime
        self.failureDelay = failureDelay
        self.throttle = throttle
    }
}
