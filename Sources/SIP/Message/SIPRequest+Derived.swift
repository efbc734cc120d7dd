// Requests a client derives from one it sent: CANCEL (RFC 3261 §9.1) and the ACK for a
// non-2xx final response (§17.1.1.3).

extension SIPRequest {
    /// The CANCEL for this request (normally an INVITE): same Request-URI, Call-ID, From, To,
    /// Route and top Via, CSeq number with method CANCEL, Max-Forwards 70 (RFC 3261 §9.1).
    public func makeCancel() -> SIPRequest {
        var headers = SIPHeaders()
        headers.copy(.via, from: self.headers, firstValueOnly: true)
        headers.copy(.route, from: self.headers)
        headers.add(.maxForwards, 70)
        headers.copy(.from, from: self.headers, firstValueOnly: true)
        headers.copy(.to, from: self.headers, firstValueOnly: true)
        headers.copy(.callID, from: self.headers, firstValueOnly: true)
        addCSeq(to: &headers, method: .cancel)
        return SIPRequest(method: .cancel, uri: uri, headers: headers)
    }

    /// The ACK for a non-2xx final `response` to this INVITE, sent by the client transaction:
    /// same Request-URI, Call-ID, From, Route and top Via, To from the response (with its tag),
    /// CSeq number with method ACK (RFC 3261 §17.1.1.3). A 2xx is acknowledged by the dialog
    /// in a new transaction instead.
    public func makeAck(for response: SIPResponse) -> SIPRequest {
        var headers = SIPHeaders()
        headers.copy(.via, from: self.headers, firstValueOnly: true)
        headers.copy(.route, from: self.headers)
        headers.add(.maxForwards, 70)
        headers.copy(.from, from: self.headers, firstValueOnly: true)
        headers.copy(.to, from: response.headers, firstValueOnly: true)
        headers.copy(.callID, from: self.headers, firstValueOnly: true)
        addCSeq(to: &headers, method: .ack)
        return SIPRequest(method: .ack, uri: uri, headers: headers)
    }

    private func addCSeq(to headers: inout SIPHeaders, method: SIPMethod) {
        if let cseq = try? self.headers.cseq {
            headers.add(.cseq, CSeq(cseq.sequence, method))
        } else {
            headers.copy(.cseq, from: self.headers, firstValueOnly: true)
        }
    }
}
