// Everything a SIP stack instance is configured with: addresses, limits, timers, identity.

import SIP

/// One address the stack listens on.
public struct SIPListenAddress: Hashable, Sendable {
    /// The transport.
    public var transport: SIPTransportProtocol
    /// The host or IP literal to bind (`127.0.0.1`, `::1`, `0.0.0.0`).
    public var host: String
    /// The port; 0 picks a free one (read it back from ``SIPStack/boundAddresses``).
    public var port: Int

    /// Creates a listen address.
    public init(transport: SIPTransportProtocol, host: String, port: Int) {
        self.transport = transport
        self.host = host
        self.port = port
    }
}

/// The configuration of a ``SIPStack``.
public struct SIPStackConfiguration: Sendable {
    /// Where to listen; by default UDP and TCP on 127.0.0.1:5060.
    public var listenAddresses: [SIPListenAddress]
    /// The host written into Via and Contact when the bound address is a wildcard; nil uses
    /// the bound address.
    public var advertisedHost: String?
    /// Parser limits (message size, header count, line length).
    public var parser: SIPMessageParser.Configuration
    /// T1, T2, T4.
    public var timers: TransactionTimers
    /// The most TCP connections open at once; more are closed on accept.
    public var maxTCPConnections: Int
    /// A TCP connection that sends nothing for this long is closed.
    public var tcpIdleTimeout: Duration
    /// The product token sent in User-Agent and Server; never a version number.
    public var productName: String
    /// The option tags Kefu supports (Supported; anything else in Require gets `420`).
    public var supportedExtensions: [String]

    /// A configuration with the defaults above unless given.
    public init(
        listenAddresses: [SIPListenAddress] = [
            SIPListenAddress(transport: .udp, host: "127.0.0.1", port: 5060),
            SIPListenAddress(transport: .tcp, host: "127.0.0.1", port: 5060),
        ],
        advertisedHost: String? = nil,
        parser: SIPMessageParser.Configuration = .default,
        timers: TransactionTimers = .default,
        maxTCPConnections: Int = 10_000,
        tcpIdleTimeout: Duration = .seconds(300),
        productName: String = "Kefu",
        supportedExtensions: [String] = ["100rel", "replaces", "norefersub"]
    ) {
        self.listenAddresses = listenAddresses
        self.advertisedHost = advertisedHost
        self.parser = parser
        self.timers = timers
        self.maxTCPConnections = maxTCPConnections
        self.tcpIdleTimeout = tcpIdleTimeout
        self.productName = productName
        self.supportedExtensions = supportedExtensions
    }

    /// UDP and TCP on `host`:`port`.
    public static func loopback(host: String = "127.0.0.1", port: Int) -> SIPStackConfiguration {
        SIPStackConfiguration(listenAddresses: [
            SIPListenAddress(transport: .udp, host: host, port: port),
            SIPListenAddress(transport: .tcp, host: host, port: port),
        ])
    }
}
