// Building the response to a request (RFC 3261 §8.2.6) with the headers it must echo.

extension SIPResponse {
    /// The response to `request` with the headers RFC 3261 §8.2.6.2 says to copy: every Via
    /// (in order), From, To, Call-ID and CSeq; Record-Route for a `101`-`299` answer to a
    /// dialog-creating request (INVITE, SUBSCRIBE, REFER, §12.1.1); Timestamp for `100`
    /// (§8.2.6.1). `toTag` is added to To when the request's To has none and the status is not
    /// `100` (a UAS must tag every other response). The body is empty.
    ///
    /// Values are copied byte for byte, so this works for a request with malformed headers too.
    public init(to request: SIPRequest, status: SIPStatus, reasonPhrase: String? = nil, toTag: String? = nil) {
        self.init(replyingTo: request.headers, method: request.method, status: status, reasonPhrase: reasonPhrase, toTag: toTag)
    }

    /// The response to a request known only by its header fields and method, e.g. from a
    /// ``SIPParseError``'s ``SIPParseError/headers`` when the request did not parse; see
    /// ``init(to:status:reasonPhrase:toTag:)``.
    public init(
        replyingTo requestHeaders: SIPHeaders,
        method: SIPMethod,
        status: SIPStatus,
        reasonPhrase: String? = nil,
        toTag: String? = nil
    ) {
        var headers = SIPHeaders()
        headers.copy(.via, from: requestHeaders)
        if (101..<300).contains(status.code), [SIPMethod.invite, .subscribe, .refer].contains(method) {
            headers.copy(.recordRoute, from: requestHeaders)
        }
        headers.copy(.from, from: requestHeaders, firstValueOnly: true)
        if let toTag, status != .trying, var to = try? requestHeaders.to, to.tag == nil {
            to.tag = toTag
            headers.add(.to, to)
        } else {
            headers.copy(.to, from: requestHeaders, firstValueOnly: true)
        }
        headers.copy(.callID, from: requestHeaders, firstValueOnly: true)
        headers.copy(.cseq, from: requestHeaders, firstValueOnly: true)
        if status == .trying {
            headers.copy(.timestamp, from: requestHeaders, firstValueOnly: true)
        }
        self.init(status: status, reasonPhrase: reasonPhrase, headers: headers)
    }
}
