// Typical responses for tests: 100, 180, 200 and failures to a request.

import SIP

extension SIPResponse {
    /// `100 Trying` to `request` (no To tag, RFC 3261 §8.2.6.2).
    public static func trying(to request: SIPRequest) -> SIPResponse {
        SIPResponse(to: request, status: .trying)
    }

    /// `180 Ringing` to `request` with a To tag and the callee's Contact.
    public static func ringing(
        to request: SIPRequest,
        toTag: String = "to-1",
        contact: SIPTestParty = .kefu
    ) -> SIPResponse {
        var response = SIPResponse(to: request, status: .ringing, toTag: toTag)
        response.headers.add(.contact, contact.contact)
        return response
    }

    /// `200 OK` to `request` with a To tag, the callee's Contact and, for INVITE, an SDP answer.
    public static func ok(
        to request: SIPRequest,
        toTag: String = "to-1",
        contact: SIPTestParty = .kefu,
        sdp: [UInt8]? = SIPTestSDP.answer
    ) -> SIPResponse {
        var response = SIPResponse(to: request, status: .ok, toTag: toTag)
        if request.method == .invite || request.method == .register || request.method == .options {
            response.headers.add(.contact, contact.contact)
        }
        if request.method == .invite, let sdp {
            response.setBody(sdp, contentType: .sdp)
        }
        return response
    }

    /// A final failure (`4xx`-`6xx`) to `request` with a To tag.
    public static func failure(
        _ status: SIPStatus,
        to request: SIPRequest,
        toTag: String = "to-1",
        reasonPhrase: String? = nil
    ) -> SIPResponse {
        SIPResponse(to: request, status: status, reasonPhrase: reasonPhrase, toTag: toTag)
    }
}
