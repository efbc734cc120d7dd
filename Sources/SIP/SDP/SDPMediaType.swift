// The media type of an `m=` line: audio, video, text, application, message or another token.

/// The `<media>` field of an `m=` line (RFC 8866 §5.14), e.g. `audio`. Not to be confused
/// with ``SIPMediaType``, the MIME type of a SIP body.
public struct SDPMediaType: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The token as written.
    public var rawValue: String

    /// Wraps a media token.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Wraps a media token.
    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    /// `audio`.
    public static let audio: SDPMediaType = "audio"
    /// `video`.
    public static let video: SDPMediaType = "video"
    /// `text` (RFC 4103 real-time text).
    public static let text: SDPMediaType = "text"
    /// `application` (e.g. BFCP, T.140 data channels).
    public static let application: SDPMediaType = "application"
    /// `message` (MSRP).
    public static let message: SDPMediaType = "message"
    /// `image` (T.38 fax).
    public static let image: SDPMediaType = "image"

    /// The token.
    public var description: String { rawValue }
}
