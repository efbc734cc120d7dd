// Session descriptions as SIP bodies: reading and writing `application/sdp`.

extension SIPMessageProtocol {
    /// Whether the body is a session description: non-empty with a Content-Type of
    /// `application/sdp` (a missing or unreadable Content-Type is not SDP).
    public var hasSessionDescription: Bool {
        guard !body.isEmpty, let contentType = try? contentType else { return false }
        return contentType.matches(.sdp)
    }

    /// The body parsed as SDP when it is `application/sdp`; nil when there is no such body
    /// (an INVITE without offer, or another content type). Throws ``SDPParseError`` for a
    /// malformed description, which the call path answers with 488 (or 400).
    public func sessionDescription() throws(SDPParseError) -> SessionDescription? {
        guard hasSessionDescription else { return nil }
        return try SessionDescription.parse(body)
    }

    /// Sets `description` as the body with `Content-Type: application/sdp`.
    public mutating func setSessionDescription(_ description: SessionDescription) {
        setBody(description.serializedBytes, contentType: .sdp)
    }
}
