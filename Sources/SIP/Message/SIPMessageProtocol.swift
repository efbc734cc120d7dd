// What requests and responses share: header fields and a body.

/// The parts a ``SIPRequest`` and a ``SIPResponse`` share, so typed header accessors and
/// body helpers are written once.
public protocol SIPMessageProtocol: Hashable, Sendable, SIPSerializable {
    /// The header fields, in order.
    var headers: SIPHeaders { get set }
    /// The body bytes; assigning them keeps Content-Length right.
    var body: [UInt8] { get set }
    /// The SIP version of the start line.
    var version: SIPVersion { get set }
}

extension SIPMessageProtocol {
    /// Sets the body and its Content-Type (Content-Length follows the body).
    public mutating func setBody(_ body: [UInt8], contentType: SIPMediaType) {
        headers.set(.contentType, contentType)
        self.body = body
    }

    /// Removes the body together with its Content-Type (Content-Length becomes 0).
    public mutating func removeBody() {
        headers.remove(.contentType)
        body = []
    }

    /// The body as text (UTF-8), e.g. to log an SDP.
    public var bodyText: String {
        String(decoding: body, as: UTF8.self)
    }
}
