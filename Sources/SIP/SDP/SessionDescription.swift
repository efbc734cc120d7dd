// A session description (SDP, RFC 8866 / RFC 4566): the body of INVITEs and their answers.

/// A parsed or built session description.
///
/// Parse one with ``parse(_:)-([UInt8])`` (errors name the line and the field), build one with
/// the initializer, and write it with ``serialize(into:)``; what is written parses back equal.
/// Lines are written in the order RFC 8866 §5 prescribes, with CRLF line ends. Reading is
/// lenient where real peers are sloppy (LF line ends, blank lines, session-level lines out of
/// order, extra spaces between fields) and strict where a mistake would mislead a call
/// (numbers, addresses, payload types, unknown line types).
///
/// Offer/answer (RFC 3264) works on these values; see ``OfferAnswer``.
public struct SessionDescription: Hashable, Sendable {
    /// `o=`: creator, session id and version.
    public var origin: SDPOrigin
    /// `s=`: the session name (`-` or a single space when there is none).
    public var sessionName: String
    /// `i=`: session information.
    public var information: String?
    /// `u=`: a URI with more information.
    public var uri: String?
    /// `e=` lines: contact email addresses.
    public var emails: [String]
    /// `p=` lines: contact phone numbers.
    public var phones: [String]
    /// `c=`: session-level connection data, used by media descriptions without their own.
    public var connection: SDPConnection?
    /// `b=` lines at session level.
    public var bandwidths: [SDPBandwidth]
    /// `t=` lines with their `r=` lines; SIP sessions have one `t=0 0`.
    public var timings: [SDPTiming]
    /// `z=`: time zone adjustments.
    public var timeZoneAdjustments: [SDPTimeZoneAdjustment]
    /// `k=` (obsolete encryption key), kept as written.
    public var encryptionKey: String?
    /// `a=` lines at session level, in order.
    public var attributes: [SDPAttribute]
    /// The media descriptions (`m=` sections), in order: offer/answer pairs them by position.
    public var media: [MediaDescription]

    /// Creates a session description; `timings` defaults to `t=0 0`.
    public init(
        origin: SDPOrigin,
        sessionName: String = "-",
        information: String? = nil,
        uri: String? = nil,
        emails: [String] = [],
        phones: [String] = [],
        connection: SDPConnection? = nil,
        bandwidths: [SDPBandwidth] = [],
        timings: [SDPTiming] = [.permanent],
        timeZoneAdjustments: [SDPTimeZoneAdjustment] = [],
        encryptionKey: String? = nil,
        attributes: [SDPAttribute] = [],
        media: [MediaDescription] = []
    ) {
        self.origin = origin
        self.sessionName = sessionName
        self.information = information
        self.uri = uri
        self.emails = emails
        self.phones = phones
        self.connection = connection
        self.bandwidths = bandwidths
        self.timings = timings
        self.timeZoneAdjustments = timeZoneAdjustments
        self.encryptionKey = encryptionKey
        self.attributes = attributes
        self.media = media
    }

    /// The connection data that applies to `media`: its own first `c=`, else the session's.
    public func connection(of media: MediaDescription) -> SDPConnection? {
        media.connections.first ?? connection
    }

    /// The direction that applies to `media`: its own attribute, else the session-level one,
    /// else `sendrecv` (RFC 8866 §6.7).
    public func direction(of media: MediaDescription) -> SDPDirection {
        media.direction ?? attributes.direction ?? .sendrecv
    }
}

extension SessionDescription: CustomStringConvertible {
    /// The description as sent, CRLF line ends included.
    public var description: String { serializedString }
}
