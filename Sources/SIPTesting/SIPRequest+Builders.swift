// Typical requests for tests, written once for every test target (DESIGN: SIPTesting).

import SIP

extension SIPRequest {
    /// An INVITE from `caller` to `callee` with an SDP offer: Via (with rport), Max-Forwards,
    /// From (tagged), To, Call-ID, CSeq, Contact, Content-Type, Content-Length.
    public static func invite(
        from caller: SIPTestParty = .alice,
        to callee: SIPTestParty = .kefu,
        callID: String = "call-1@127.0.0.1",
        fromTag: String = "from-1",
        cseq: UInt32 = 1,
        branch: String = "z9hG4bK-invite-1",
        sdp: [UInt8]? = SIPTestSDP.offer,
        extraHeaders: SIPHeaders = SIPHeaders()
    ) -> SIPRequest {
        SIPRequest(
            method: .invite,
            uri: .sip(callee.addressOfRecord),
            via: caller.via(branch: branch),
            from: caller.nameAddress(tag: fromTag),
            to: callee.nameAddress(),
            callID: SIPCallID(rawValue: callID),
            cseq: cseq,
            contact: caller.contact,
            extraHeaders: extraHeaders,
            body: sdp ?? [],
            contentType: sdp == nil ? nil : .sdp
        )
    }

    /// A REGISTER of `party`'s Contact at `registrar` for `expires` seconds (0 un-registers).
    public static func register(
        _ party: SIPTestParty = .alice,
        at registrar: SIPTestParty = .kefu,
        expires: UInt32 = 3600,
        callID: String = "register-1@127.0.0.1",
        fromTag: String = "reg-1",
        cseq: UInt32 = 1,
        branch: String = "z9hG4bK-register-1",
        extraHeaders: SIPHeaders = SIPHeaders()
    ) -> SIPRequest {
        var headers = extraHeaders
        headers.add(.expires, Int(expires))
        return SIPRequest(
            method: .register,
            uri: .sip(SIPURI(host: registrar.host, port: registrar.port)),
            via: party.via(branch: branch),
            from: party.nameAddress(tag: fromTag),
            to: party.nameAddress(),
            callID: SIPCallID(rawValue: callID),
            cseq: cseq,
            contact: party.contact,
            extraHeaders: headers
        )
    }

    /// An OPTIONS ping from `sender` to `target`.
    public static func options(
        from sender: SIPTestParty = .alice,
        to target: SIPTestParty = .kefu,
        callID: String = "options-1@127.0.0.1",
        fromTag: String = "opt-1",
        cseq: UInt32 = 1,
        branch: String = "z9hG4bK-options-1"
    ) -> SIPRequest {
        var headers = SIPHeaders()
        headers.add(.accept, SIPMediaType.sdp)
        return SIPRequest(
            method: .options,
            uri: .sip(target.addressOfRecord),
            via: sender.via(branch: branch),
            from: sender.nameAddress(tag: fromTag),
            to: target.nameAddress(),
            callID: SIPCallID(rawValue: callID),
            cseq: cseq,
            contact: sender.contact,
            extraHeaders: headers
        )
    }

    /// A BYE inside the dialog that `invite` and its 2xx `response` set up, sent by the caller
    /// to the callee's Contact (or the INVITE's Request-URI when the response has none).
    public static func bye(
        for invite: SIPRequest,
        response: SIPResponse,
        cseq: UInt32 = 2,
        branch: String = "z9hG4bK-bye-1"
    ) throws -> SIPRequest {
        try inDialog(.bye, for: invite, response: response, cseq: cseq, branch: branch)
    }

    /// The ACK for `response` to `invite`: for a 2xx a new transaction sent to the callee's
    /// Contact with `branch`; otherwise the one the client transaction sends (same branch).
    public static func ack(
        for invite: SIPRequest,
        response: SIPResponse,
        branch: String = "z9hG4bK-ack-1"
    ) throws -> SIPRequest {
        guard response.status.isSuccess else { return invite.makeAck(for: response) }
        return try inDialog(.ack, for: invite, response: response, cseq: invite.cseq.sequence, branch: branch)
    }

    /// The CANCEL of `invite` (RFC 3261 §9.1).
    public static func cancel(_ invite: SIPRequest) -> SIPRequest {
        invite.makeCancel()
    }

    /// A request of `method` in the caller's dialog: From and Call-ID of the INVITE, To with
    /// the response's tag, Request-URI from the response's Contact.
    private static func inDialog(
        _ method: SIPMethod,
        for invite: SIPRequest,
        response: SIPResponse,
        cseq: UInt32,
        branch: String
    ) throws -> SIPRequest {
        let target = try response.contact.first?.uri ?? invite.uri
        var via = try invite.topVia
        via.branch = branch
        return SIPRequest(
            method: method,
            uri: target,
            via: via,
            from: try invite.from,
            to: try response.to,
            callID: try invite.callID,
            cseq: cseq,
            contact: method == .ack ? nil : try invite.contact.first
        )
    }
}
