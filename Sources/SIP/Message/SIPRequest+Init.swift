// Building a new request from its typed parts, as a user agent client does (RFC 3261 §8.1.1).

extension SIPRequest {
    /// A request with the headers RFC 3261 §8.1.1 requires, in the usual order: Via,
    /// Max-Forwards, From, To, Call-ID, CSeq, then Contact when given, then `extraHeaders`,
    /// then Content-Type and Content-Length for the body.
    ///
    /// The CSeq method is the request method. Tags, branch and Call-ID come from the caller,
    /// who owns the randomness.
    public init(
        method: SIPMethod,
        uri: AnyURI,
        via: Via,
        from: NameAddress,
        to: NameAddress,
        callID: SIPCallID,
        cseq: UInt32,
        maxForwards: Int = 70,
        contact: NameAddress? = nil,
        extraHeaders: SIPHeaders = SIPHeaders(),
        body: [UInt8] = [],
        contentType: SIPMediaType? = nil
    ) {
        var headers = SIPHeaders()
        headers.add(.via, via)
        headers.add(.maxForwards, maxForwards)
        headers.add(.from, from)
        headers.add(.to, to)
        headers.add(.callID, callID)
        headers.add(.cseq, CSeq(cseq, method))
        if let contact { headers.add(.contact, contact) }
        for index in extraHeaders.indices {
            headers.copyField(at: index, from: extraHeaders)
        }
        if let contentType, !body.isEmpty { headers.add(.contentType, contentType) }
        headers.add(.contentLength, body.count)
        self.init(parsedMethod: method, uri: uri, version: .v2_0, headers: headers, body: body)
    }
}

extension SIPHeaders {
    /// Appends the field at `index` of `source`, keeping its name as spelled there.
    mutating func copyField(at index: Int, from source: SIPHeaders) {
        add(source.name(at: index), source.value(at: index))
    }

    /// Appends every field of `other`, in order.
    public mutating func append(contentsOf other: SIPHeaders) {
        for index in other.indices { copyField(at: index, from: other) }
    }
}
