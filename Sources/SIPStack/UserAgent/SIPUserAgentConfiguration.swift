// What a SIPUserAgent is built with: the stack, the registrar, the hooks, the built-in numbers.

import SIP

/// The configuration of a ``SIPUserAgent``.
public struct SIPUserAgentConfiguration: Sendable {
    /// Numbers the stack answers by itself with an SDP and no media: a placeholder that lets
    /// SIPp and softphones complete INVITE-180-200-ACK-BYE before the call path exists.
    public struct AutoAnswer: Sendable {
        /// The Request-URI users answered (e.g. `*99`, `9999`).
        public var numbers: Set<String>
        /// Request-URI users that ring (180) and never answer, until CANCEL (or `480` after a
        /// minute): lets a test or a person try CANCEL.
        public var ringingNumbers: Set<String>
        /// The SDP answer's connection address; the media port is a fixed placeholder.
        public var mediaAddress: String

        /// Whether `user` is one of these numbers; they answer without digest authentication,
        /// whatever the INVITE policy says.
        func answers(_ user: String) -> Bool {
            numbers.contains(user) || ringingNumbers.contains(user)
        }

        /// Auto-answer for `numbers`, ring-only for `ringingNumbers`.
        public init(numbers: Set<String> = ["*99", "9999"], ringingNumbers: Set<String> = ["8888"], mediaAddress: String = "127.0.0.1") {
            self.numbers = numbers
            self.ringingNumbers = ringingNumbers
            self.mediaAddress = mediaAddress
        }

        /// The SDP answer: one PCMU/PCMA audio stream, send-receive.
        func sdp() -> [UInt8] {
            let text = "v=0\r\no=kefu 1 1 IN IP4 \(mediaAddress)\r\ns=Kefu\r\nc=IN IP4 \(mediaAddress)\r\nt=0 0\r\n"
                + "m=audio 40000 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:20\r\na=sendrecv\r\n"
            return Array(text.utf8)
        }
    }

    /// Transports, limits, timers.
    public var stack: SIPStackConfiguration
    /// The registrar's settings, or nil for no registrar (REGISTER gets `405`).
    public var registrar: RegistrarConfiguration?
    /// The built-in numbers, or nil for none.
    public var autoAnswer: AutoAnswer?
    /// Whether incoming INVITEs for other numbers go to ``SIPUserAgent/incomingCalls`` (else `404`).
    public var deliversIncomingCalls: Bool
    /// Whether new INVITEs must carry digest credentials of a registrar user (`401` otherwise),
    /// so an agent's phone is known by its extension; sources in ``trustedSources`` (trunks)
    /// are exempt. Needs a registrar configuration for the realm.
    public var authenticatesInvites: Bool
    /// Source IP addresses whose INVITEs need no authentication (trunks, the media server).
    public var trustedSources: Set<String>
    /// Decides per new INVITE whether it must carry digest credentials, in place of
    /// ``authenticatesInvites`` (e.g. calls to access numbers need none, feature codes do).
    public var invitesNeedingAuthentication: (@Sendable (SIPRequest) -> Bool)?

    /// A configuration.
    public init(
        stack: SIPStackConfiguration = SIPStackConfiguration(),
        registrar: RegistrarConfiguration? = RegistrarConfiguration(),
        autoAnswer: AutoAnswer? = nil,
        deliversIncomingCalls: Bool = true,
        authenticatesInvites: Bool = false,
        trustedSources: Set<String> = []
    ) {
        self.stack = stack
        self.registrar = registrar
        self.autoAnswer = autoAnswer
        self.deliversIncomingCalls = deliversIncomingCalls
        self.authenticatesInvites = authenticatesInvites
        self.trustedSources = trustedSources
    }
}
