// What Kefu's side of a call can do: our media address, ports, codecs and wanted direction.

/// One kind of stream Kefu accepts: its media type, the local port the media engine
/// allocated, the transport, and the codecs in our order of preference.
public struct SDPStreamCapability: Hashable, Sendable {
    /// The media type, e.g. `audio`.
    public var media: SDPMediaType
    /// Our RTP port for this stream (RTCP on the next port unless the peer says otherwise).
    public var port: UInt16
    /// The transport protocol; offers with another one are rejected (`RTP/AVP` for plain RTP).
    public var proto: String
    /// The codecs, most preferred first.
    public var codecs: [SDPCodec]
    /// telephone-event support (audio only), nil to neither offer nor accept it.
    public var telephoneEvent: SDPTelephoneEvent?
    /// The packet time we want to receive, written as `a=ptime`; nil to leave it out.
    public var ptime: Int?

    /// Creates a stream capability.
    public init(
        media: SDPMediaType,
        port: UInt16,
        proto: String = "RTP/AVP",
        codecs: [SDPCodec],
        telephoneEvent: SDPTelephoneEvent? = nil,
        ptime: Int? = nil
    ) {
        self.media = media
        self.port = port
        self.proto = proto
        self.codecs = codecs
        self.telephoneEvent = telephoneEvent
        self.ptime = ptime
    }

    /// Audio with G.711 (PCMU, then PCMA), telephone-event on payload type 101 and 20 ms packets.
    public static func audio(
        port: UInt16,
        codecs: [SDPCodec] = [.pcmu, .pcma],
        telephoneEvent: SDPTelephoneEvent? = SDPTelephoneEvent(),
        ptime: Int? = 20
    ) -> SDPStreamCapability {
        SDPStreamCapability(media: .audio, port: port, codecs: codecs, telephoneEvent: telephoneEvent, ptime: ptime)
    }
}

/// Kefu's side of a call, as offer/answer (RFC 3264) needs it: where our media lives, what
/// streams we take, and which way we want media to flow.
///
/// Streams of a media type without a capability here (video unless it was added, T.38, BFCP)
/// are answered with port 0. Each capability accepts at most one stream per offer, the first
/// one that fits; later streams of the same type are rejected.
public struct MediaCapabilities: Hashable, Sendable {
    /// The order in which common codecs are ranked when answering.
    public enum CodecOrder: Hashable, Sendable {
        /// Our preference (``SDPStreamCapability/codecs`` order) decides among the offered codecs.
        case local
        /// The offerer's preference (its format order) decides among the codecs we support.
        case remote
    }

    /// Our media address (IPv4 or IPv6 literal), written in `c=` and `o=`.
    public var address: SDPAddress
    /// The streams we accept or offer, in the order we offer them.
    public var streams: [SDPStreamCapability]
    /// The direction we want; `sendonly` puts the peer on hold (RFC 3264 §8.4).
    public var direction: SDPDirection
    /// How codecs are ranked when answering.
    public var codecOrder: CodecOrder
    /// Whether an answer lists every common codec (most preferred first) or only the chosen one,
    /// which spares the media engine a peer that switches codecs mid-call.
    public var answersWithAllCommonCodecs: Bool
    /// The `s=` of descriptions we write.
    public var sessionName: String

    /// Creates capabilities.
    public init(
        address: SDPAddress,
        streams: [SDPStreamCapability],
        direction: SDPDirection = .sendrecv,
        codecOrder: CodecOrder = .local,
        answersWithAllCommonCodecs: Bool = false,
        sessionName: String = "-"
    ) {
        self.address = address
        self.streams = streams
        self.direction = direction
        self.codecOrder = codecOrder
        self.answersWithAllCommonCodecs = answersWithAllCommonCodecs
        self.sessionName = sessionName
    }

    /// Audio only, with G.711 and telephone-event on `port` at `address`.
    public static func audio(address: String, port: UInt16, codecs: [SDPCodec] = [.pcmu, .pcma]) -> MediaCapabilities {
        MediaCapabilities(address: SDPAddress(address), streams: [.audio(port: port, codecs: codecs)])
    }
}
