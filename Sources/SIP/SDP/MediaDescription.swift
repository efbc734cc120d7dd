// One `m=` section of a session description: a media stream and its attributes.

/// A media description (RFC 8866 §5.14): the `m=` line and the `i=`, `c=`, `b=`, `k=` and
/// `a=` lines that follow it.
///
/// Media other than audio and video (`image` for T.38, `application` for BFCP, `message`
/// for MSRP...) is kept as received, with its format list as written, so an answer can
/// mirror it with port 0.
public struct MediaDescription: Hashable, Sendable {
    /// The media type, e.g. `audio`.
    public var media: SDPMediaType
    /// The transport port; 0 means the stream is rejected or disabled (RFC 3264 §5.1).
    public var port: UInt16
    /// The number of ports (`m=video 49170/2 ...`); nil when not written.
    public var numberOfPorts: Int?
    /// The transport protocol, e.g. `RTP/AVP`, `RTP/SAVPF`, `udptl`, `TCP/BFCP`.
    public var proto: String
    /// The formats: RTP payload type numbers for RTP protocols, other tokens otherwise.
    public var formats: [String]
    /// `i=`: a title for the stream.
    public var information: String?
    /// `c=` lines; media-level connection data overrides the session's.
    public var connections: [SDPConnection]
    /// `b=` lines.
    public var bandwidths: [SDPBandwidth]
    /// `k=` (obsolete encryption key), kept as written.
    public var encryptionKey: String?
    /// `a=` lines, in order.
    public var attributes: [SDPAttribute]

    /// Creates a media description.
    public init(
        media: SDPMediaType,
        port: UInt16,
        numberOfPorts: Int? = nil,
        proto: String = "RTP/AVP",
        formats: [String],
        information: String? = nil,
        connections: [SDPConnection] = [],
        bandwidths: [SDPBandwidth] = [],
        encryptionKey: String? = nil,
        attributes: [SDPAttribute] = []
    ) {
        self.media = media
        self.port = port
        self.numberOfPorts = numberOfPorts
        self.proto = proto
        self.formats = formats
        self.information = information
        self.connections = connections
        self.bandwidths = bandwidths
        self.encryptionKey = encryptionKey
        self.attributes = attributes
    }

    /// Whether the port is 0: the stream is rejected (in an answer) or disabled (in an offer).
    public var isDisabled: Bool { port == 0 }

    /// Whether the transport is RTP (`RTP/AVP`, `RTP/SAVP`, `RTP/AVPF`, `UDP/TLS/RTP/SAVPF`...),
    /// so the formats are payload type numbers.
    public var isRTP: Bool { proto.uppercased().contains("RTP/") }

    /// The payload type numbers among ``formats`` (RTP formats that are numbers 0-127).
    public var payloadTypes: [UInt8] {
        formats.compactMap { UInt8($0) }.filter { $0 < 128 }
    }

    /// The `a=rtpmap` attributes, in order.
    public var rtpMaps: [SDPRTPMap] {
        var maps: [SDPRTPMap] = []
        for case .rtpmap(let map) in attributes { maps.append(map) }
        return maps
    }

    /// The `a=rtpmap` of `payloadType`, if one is present.
    public func rtpMap(for payloadType: UInt8) -> SDPRTPMap? {
        for case .rtpmap(let map) in attributes where map.payloadType == payloadType { return map }
        return nil
    }

    /// The `a=fmtp` parameters of `format`, if present.
    public func formatParameters(for format: String) -> String? {
        for case .fmtp(let fmtp) in attributes where fmtp.format == format { return fmtp.parameters }
        return nil
    }

    /// `a=ptime`, if present.
    public var ptime: Int? {
        for case .ptime(let milliseconds) in attributes { return milliseconds }
        return nil
    }

    /// `a=maxptime`, if present.
    public var maxptime: Int? {
        for case .maxptime(let milliseconds) in attributes { return milliseconds }
        return nil
    }

    /// The direction attribute of this media description, if present (see
    /// ``SessionDescription/direction(of:)`` for the effective one).
    public var direction: SDPDirection? { attributes.direction }

    /// `a=rtcp` (RFC 3605), if present.
    public var rtcp: SDPRTCPAttribute? {
        for case .rtcp(let rtcp) in attributes { return rtcp }
        return nil
    }
}
