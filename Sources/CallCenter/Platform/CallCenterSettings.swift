// The knobs of the call path: where data goes, timers, the media address, feature codes.

/// How the call path behaves on this node.
public struct CallCenterSettings: Sendable {
    /// Where recordings and voicemail go (`recordings/<tenant>/<date>/<call>.wav` below it).
    public var dataDirectory: String
    /// The SIP domain (digest realm) agents register in.
    public var realm: String
    /// Hang a call up when a leg sends no RTP for this long (dead softphone).
    public var rtpTimeoutMilliseconds: Int
    /// Ring an agent this long before the ACD gives up (RONA), unless a queue says otherwise.
    public var offerTimeoutSeconds: Int
    /// Office hours round the clock (the demo), whatever the tenant's calendar says.
    public var alwaysOpen: Bool
    /// A WAV file for music on hold; a soft tone pattern when nil.
    public var musicOnHoldFile: String?
    /// Record bridged calls.
    public var recordsCalls: Bool
    /// OPTIONS pings of agents' registered phones; a phone that stops answering leaves routing.
    public var keepAlive: KeepAliveSettings

    /// Settings with defaults for everything but the data directory.
    public init(
        dataDirectory: String, realm: String = "kefu", rtpTimeoutMilliseconds: Int = 30_000, offerTimeoutSeconds: Int = 20,
        alwaysOpen: Bool = false, musicOnHoldFile: String? = nil, recordsCalls: Bool = true,
        keepAlive: KeepAliveSettings = KeepAliveSettings()
    ) {
        self.dataDirectory = dataDirectory
        self.realm = realm
        self.rtpTimeoutMilliseconds = rtpTimeoutMilliseconds
        self.offerTimeoutSeconds = offerTimeoutSeconds
        self.alwaysOpen = alwaysOpen
        self.musicOnHoldFile = musicOnHoldFile
        self.recordsCalls = recordsCalls
        self.keepAlive = keepAlive
    }
}
