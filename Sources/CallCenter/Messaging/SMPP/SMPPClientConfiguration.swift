// Where the SMSC is and how Kefu's SMPP client behaves: account, bind mode, keep-alive,
// timeouts, reconnect backoff and the submit rate the carrier allows.

/// The SMPP client's settings.
public struct SMPPClientConfiguration: Sendable {
    /// The SMSC's host.
    public var host: String
    /// The SMSC's port (2775 by custom).
    public var port: Int
    /// The bind's account.
    public var systemID: String
    /// The bind's password (never logged).
    public var password: String
    /// `system_type`, often empty.
    public var systemType: String
    /// The sender address when a message names none.
    public var defaultSource: String
    /// How often an idle link is checked with `enquire_link`.
    public var enquireLinkInterval: Duration
    /// How long a request waits for its response before the link is deemed dead.
    public var responseTimeout: Duration
    /// The first reconnect delay; it doubles up to ``maximumBackoff`` and resets once bound.
    public var initialBackoff: Duration
    /// The longest reconnect delay.
    public var maximumBackoff: Duration
    /// Submits per second the carrier allows (0: no limit).
    public var submitsPerSecond: Double

    /// Settings for `systemID`@`host`:`port` with customary defaults.
    public init(
        host: String, port: Int = 2775, systemID: String, password: String, systemType: String = "",
        defaultSource: String = "", enquireLinkInterval: Duration = .seconds(30), responseTimeout: Duration = .seconds(10),
        initialBackoff: Duration = .seconds(1), maximumBackoff: Duration = .seconds(60), submitsPerSecond: Double = 50
    ) {
        self.host = host
        self.port = port
        self.systemID = systemID
        self.password = password
        self.systemType = systemType
        self.defaultSource = defaultSource
        self.enquireLinkInterval = enquireLinkInterval
        self.responseTimeout = responseTimeout
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
        self.submitsPerSecond = submitsPerSecond
    }
}
