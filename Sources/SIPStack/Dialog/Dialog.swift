// The state of one dialog and the in-dialog requests it builds (RFC 3261 §12).

import SIP

/// A dialog: the peer-to-peer relationship an INVITE sets up (RFC 3261 §12), as a value.
///
/// Holds what in-dialog requests need: the route set, the remote target, both CSeq counters
/// and the URIs. ``makeRequest(_:)`` builds the next request (§12.2.1.1, loose routing);
/// ``checkRemoteCSeq(_:)`` orders incoming ones (§12.2.2).
public struct Dialog: Sendable {
    /// Early until a 2xx, then confirmed (§12.1).
    public enum State: Hashable, Sendable {
        case early, confirmed, terminated
    }

    /// The dialog's id.
    public var id: DialogID
    /// The state.
    public var state: State
    /// This side's URI (From as UAC, To as UAS) with the local tag.
    public var localAddress: NameAddress
    /// The peer's URI with the remote tag.
    public var remoteAddress: NameAddress
    /// Where requests go: the peer's Contact.
    public var remoteTarget: AnyURI
    /// The route set, in the order requests carry it.
    public var routeSet: [NameAddress]
    /// The last CSeq this side used.
    public var localCSeq: UInt32
    /// The last CSeq the peer used, nil until it sends a request.
    public var remoteCSeq: UInt32?
    /// Our Contact.
    public var localContact: NameAddress

    /// The dialog a UAS creates when it answers `request` with a To tag (§12.1.1).
    public init(uasFor request: SIPRequest, localTag: String, localContact: NameAddress) throws(SIPParseError) {
        let headers = request.headers
        var local = try headers.to
        local.tag = localTag
        let remote = try headers.from
        id = DialogID(callID: try headers.callID.rawValue, localTag: localTag, remoteTag: remote.tag ?? "")
        state = .early
        localAddress = local
        remoteAddress = remote
        remoteTarget = try headers.contact.first?.uri ?? remote.uri
        routeSet = try headers.recordRoute
        localCSeq = 0
        remoteCSeq = try headers.cseq.sequence
        self.localContact = localContact
    }

    /// The dialog a UAC creates from a response with a To tag to its `request` (§12.1.2).
    public init(uacFor request: SIPRequest, response: SIPResponse) throws(SIPParseError) {
        let local = try request.headers.from
        let remote = try response.headers.to
        id = DialogID(callID: try request.headers.callID.rawValue, localTag: local.tag ?? "", remoteTag: remote.tag ?? "")
        state = response.status.isSuccess ? .confirmed : .early
        localAddress = local
        remoteAddress = remote
        remoteTarget = try response.headers.contact.first?.uri ?? request.uri
        routeSet = try response.headers.recordRoute.reversed()
        localCSeq = try request.headers.cseq.sequence
        remoteCSeq = nil
        localContact = try request.headers.contact.first ?? local
    }

    /// Applies a target refresh: a new Contact in a re-INVITE, UPDATE or their 2xx (§12.2).
    public mutating func refreshTarget(from headers: SIPHeaders) {
        if let contact = try? headers.contact.first { remoteTarget = contact.uri }
    }

    /// Records an incoming request's CSeq; false when it is lower than the last one (answer
    /// `500`, §12.2.2). ACK and CANCEL reuse their INVITE's number and are not checked.
    public mutating func checkRemoteCSeq(_ request: SIPRequest) -> Bool {
        guard request.method != .ack, request.method != .cancel, let cseq = try? request.headers.cseq.sequence else { return true }
        if let remoteCSeq, cseq < remoteCSeq { return false }
        if let remoteCSeq, cseq == remoteCSeq, request.method != .prack { return false }
        remoteCSeq = cseq
        return true
    }

    /// The next in-dialog request of `method` (§12.2.1.1): Request-URI the remote target,
    /// Route the route set, From/To with tags, the next local CSeq (ACK reuses `ackFor`'s
    /// number). The top Via is added by the transaction layer.
    public mutating func makeRequest(
        _ method: SIPMethod,
        cseq explicitCSeq: UInt32? = nil,
        extraHeaders: SIPHeaders = SIPHeaders(),
        body: [UInt8] = [],
        contentType: SIPMediaType? = nil
    ) -> SIPRequest {
        let cseq: UInt32
        if let explicitCSeq {
            cseq = explicitCSeq
        } else {
            localCSeq += 1
            cseq = localCSeq
        }
        var headers = SIPHeaders()
        for route in routeSet { headers.add(.route, route) }
        headers.append(contentsOf: extraHeaders)
        var request = SIPRequest(
            method: method,
            uri: remoteTarget,
            via: Via(transport: "UDP", host: "0.0.0.0"),
            from: localAddress,
            to: remoteAddress,
            callID: SIPCallID(rawValue: id.callID),
            cseq: cseq,
            contact: method == .ack || method == .bye || method == .cancel ? nil : localContact,
            extraHeaders: headers,
            body: body,
            contentType: contentType
        )
        request.headers.remove(.via)
        return request
    }

    /// The next hop for an in-dialog request: the first route, else the remote target.
    public var nextHop: AnyURI {
        routeSet.first?.uri ?? remoteTarget
    }
}
