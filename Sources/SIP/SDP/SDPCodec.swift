// A codec as offer/answer sees it: encoding name, clock rate, channels and payload type.

/// A media format Kefu can send and receive, as offer/answer matches it against a peer's
/// `m=` line: by encoding name (ignoring case), clock rate and channel count, never by
/// payload type number alone (dynamic numbers differ between peers).
public struct SDPCodec: Hashable, Sendable {
    /// The encoding name, e.g. `PCMU`.
    public var encodingName: String
    /// The RTP clock rate in Hz.
    public var clockRate: Int
    /// The number of audio channels (1 for G.711).
    public var channels: Int
    /// The payload type this codec is offered with: the static number for RFC 3551 codecs,
    /// a dynamic one (96-127) otherwise. In an answer the offerer's number wins.
    public var payloadType: UInt8
    /// `a=fmtp` parameters to offer, if the codec has any.
    public var formatParameters: String?

    /// Creates a codec.
    public init(encodingName: String, clockRate: Int, channels: Int = 1, payloadType: UInt8, formatParameters: String? = nil) {
        self.encodingName = encodingName
        self.clockRate = clockRate
        self.channels = channels
        self.payloadType = payloadType
        self.formatParameters = formatParameters
    }

    /// G.711 µ-law, static payload type 0.
    public static let pcmu = SDPCodec(encodingName: "PCMU", clockRate: 8000, payloadType: 0)
    /// G.711 A-law, static payload type 8.
    public static let pcma = SDPCodec(encodingName: "PCMA", clockRate: 8000, payloadType: 8)

    /// The `a=rtpmap` this codec is written with, under `payloadType`.
    public func rtpMap(payloadType: UInt8? = nil) -> SDPRTPMap {
        SDPRTPMap(
            payloadType: payloadType ?? self.payloadType,
            encodingName: encodingName,
            clockRate: clockRate,
            encodingParameters: channels == 1 ? nil : String(channels)
        )
    }

    /// Whether `map` names this codec: same encoding name ignoring case, clock rate and channels.
    public func matches(_ map: SDPRTPMap) -> Bool {
        map.clockRate == clockRate
            && ASCII.equalsIgnoringCase(map.encodingName, encodingName)
            && (map.encodingParameters.flatMap { Int($0) } ?? 1) == channels
    }
}

extension SDPRTPMap {
    /// The codec of a static RTP payload type (RFC 3551 §6), which peers may list in `m=`
    /// without an `a=rtpmap`; nil for dynamic and unassigned numbers.
    public static func staticPayloadType(_ payloadType: UInt8) -> SDPRTPMap? {
        let entry: (String, Int, String?)
        switch payloadType {
        case 0: entry = ("PCMU", 8000, nil)
        case 3: entry = ("GSM", 8000, nil)
        case 4: entry = ("G723", 8000, nil)
        case 5: entry = ("DVI4", 8000, nil)
        case 6: entry = ("DVI4", 16000, nil)
        case 7: entry = ("LPC", 8000, nil)
        case 8: entry = ("PCMA", 8000, nil)
        case 9: entry = ("G722", 8000, nil)
        case 10: entry = ("L16", 44100, "2")
        case 11: entry = ("L16", 44100, nil)
        case 12: entry = ("QCELP", 8000, nil)
        case 13: entry = ("CN", 8000, nil)
        case 14: entry = ("MPA", 90000, nil)
        case 15: entry = ("G728", 8000, nil)
        case 16: entry = ("DVI4", 11025, nil)
        case 17: entry = ("DVI4", 22050, nil)
        case 18: entry = ("G729", 8000, nil)
        case 25: entry = ("CelB", 90000, nil)
        case 26: entry = ("JPEG", 90000, nil)
        case 28: entry = ("nv", 90000, nil)
        case 31: entry = ("H261", 90000, nil)
        case 32: entry = ("MPV", 90000, nil)
        case 33: entry = ("MP2T", 90000, nil)
        case 34: entry = ("H263", 90000, nil)
        default: return nil
        }
        return SDPRTPMap(payloadType: payloadType, encodingName: entry.0, clockRate: entry.1, encodingParameters: entry.2)
    }
}

extension MediaDescription {
    /// What payload type `payloadType` stands for here: its `a=rtpmap`, else the RFC 3551
    /// static assignment; nil for a dynamic number without rtpmap.
    public func resolvedRTPMap(for payloadType: UInt8) -> SDPRTPMap? {
        rtpMap(for: payloadType) ?? SDPRTPMap.staticPayloadType(payloadType)
    }
}
