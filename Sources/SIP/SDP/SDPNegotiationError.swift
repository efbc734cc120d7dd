// Why offer/answer failed, and which SIP status the call path answers with.

/// Why an offer could not be answered, or an answer could not be accepted (RFC 3264).
public enum SDPNegotiationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Streams of a type we take were offered, but none with a codec we support; the encoding
    /// names offered are listed (for logs). Answer `488 Not Acceptable Here`.
    case noCommonCodec(offered: [String])
    /// No stream of a media type and transport we take was offered (e.g. only video, or only
    /// SRTP). Answer `488 Not Acceptable Here`.
    case noAcceptableMedia
    /// The stream at `mediaIndex` would be accepted but has no `c=` line, neither its own nor
    /// the session's. Answer `488 Not Acceptable Here`.
    case missingConnection(mediaIndex: Int)
    /// An offer arrived while our own offer awaits its answer (glare). Answer `491 Request Pending`.
    case offerPending
    /// An answer arrived with no offer of ours outstanding.
    case noOfferPending
    /// The answer has a different number of `m=` lines than our offer (RFC 3264 §6).
    case answerMediaCountMismatch(offered: Int, answered: Int)
    /// The answer's `m=` line at `mediaIndex` has another media type than our offer's.
    case answerMediaTypeMismatch(mediaIndex: Int)
    /// The answer accepts the stream at `mediaIndex` without any codec we offered.
    case answerCodecNotOffered(mediaIndex: Int)
    /// The answer rejects every stream we offered.
    case answerRejectedAllMedia

    /// The SIP status that refuses the offer, or ends the call for a broken answer:
    /// `491` for glare, `488 Not Acceptable Here` otherwise.
    public var status: SIPStatus {
        switch self {
        case .offerPending: return .requestPending
        default: return .notAcceptableHere
        }
    }

    /// The `Warning` code of RFC 3261 §20.43 that explains a 488: 305 (incompatible media
    /// format), 304 (media type not available), 301 (incompatible network address format),
    /// 399 otherwise.
    public var warningCode: Int {
        switch self {
        case .noCommonCodec, .answerCodecNotOffered: return 305
        case .noAcceptableMedia, .answerRejectedAllMedia: return 304
        case .missingConnection: return 301
        default: return 399
        }
    }

    /// What went wrong, for logs and the `Warning` text.
    public var description: String {
        switch self {
        case .noCommonCodec(let offered):
            return "no common codec (offered: \(offered.isEmpty ? "none" : offered.joined(separator: ", ")))"
        case .noAcceptableMedia: return "no offered stream has a media type and transport we accept"
        case .missingConnection(let index): return "m= line \(index + 1) has no c= connection address"
        case .offerPending: return "an offer of ours is still awaiting its answer"
        case .noOfferPending: return "an answer arrived but no offer was sent"
        case .answerMediaCountMismatch(let offered, let answered):
            return "answer has \(answered) m= lines for \(offered) offered"
        case .answerMediaTypeMismatch(let index): return "answer m= line \(index + 1) changes the media type"
        case .answerCodecNotOffered(let index): return "answer m= line \(index + 1) has no codec we offered"
        case .answerRejectedAllMedia: return "answer rejects every stream"
        }
    }
}
