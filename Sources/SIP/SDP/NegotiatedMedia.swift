// The outcome of offer/answer for one stream: what the media engine needs to run it.

/// An active stream after offer/answer: where to send, what to send it with, and which way.
///
/// Payload type numbers come in pairs because a peer's answer may number a codec differently
/// from our offer: RTP we send carries the peer's number (``payloadType``), RTP we receive
/// carries ours (``localPayloadType``). When Kefu answers, both are the offerer's.
public struct NegotiatedMedia: Hashable, Sendable {
    /// The position of the stream's `m=` line (0-based) in offer and answer.
    public var index: Int
    /// The media type.
    public var media: SDPMediaType
    /// Our RTP port.
    public var localPort: UInt16
    /// The peer's RTP address (its media-level `c=`, else the session's); `0.0.0.0` for an
    /// RFC 2543 hold, in which case ``direction`` does not send.
    public var remoteAddress: SDPAddress
    /// The peer's RTP port.
    public var remotePort: UInt16
    /// The peer's RTCP address: `a=rtcp` when given, else ``remoteAddress``.
    public var remoteRTCPAddress: SDPAddress
    /// The peer's RTCP port: `a=rtcp` when given, else the RTP port plus one (nil past 65535).
    public var remoteRTCPPort: UInt16?
    /// The codec chosen.
    public var codec: SDPCodec
    /// The payload type of RTP we send.
    public var payloadType: UInt8
    /// The payload type of RTP we receive.
    public var localPayloadType: UInt8
    /// The telephone-event payload type for RTP we send, nil when none was agreed.
    public var telephoneEventPayloadType: UInt8?
    /// The telephone-event payload type for RTP we receive.
    public var localTelephoneEventPayloadType: UInt8?
    /// The telephone-events both sides support.
    public var telephoneEvents: SDPEventSet?
    /// Milliseconds of media per packet we send: the peer's `a=ptime` (capped by its
    /// `a=maxptime`), else ours, else 20.
    public var ptime: Int
    /// Which way media flows, from our side: `sends` means we send RTP to the peer.
    public var direction: SDPDirection

    /// Creates a negotiated stream.
    public init(
        index: Int,
        media: SDPMediaType,
        localPort: UInt16,
        remoteAddress: SDPAddress,
        remotePort: UInt16,
        remoteRTCPAddress: SDPAddress,
        remoteRTCPPort: UInt16?,
        codec: SDPCodec,
        payloadType: UInt8,
        localPayloadType: UInt8,
        telephoneEventPayloadType: UInt8?,
        localTelephoneEventPayloadType: UInt8?,
        telephoneEvents: SDPEventSet?,
        ptime: Int,
        direction: SDPDirection
    ) {
        self.index = index
        self.media = media
        self.localPort = localPort
        self.remoteAddress = remoteAddress
        self.remotePort = remotePort
        self.remoteRTCPAddress = remoteRTCPAddress
        self.remoteRTCPPort = remoteRTCPPort
        self.codec = codec
        self.payloadType = payloadType
        self.localPayloadType = localPayloadType
        self.telephoneEventPayloadType = telephoneEventPayloadType
        self.localTelephoneEventPayloadType = localTelephoneEventPayloadType
        self.telephoneEvents = telephoneEvents
        self.ptime = ptime
        self.direction = direction
    }

    /// Whether the peer put this stream on hold: it does not want our media (RFC 3264 §8.4).
    public var isHeldByRemote: Bool { !direction.sends }
}
