// The call path's handle on one call leg: answer, reject, hang up, re-INVITE, REFER, ...

import NIOCore
import SIP

/// One call leg (an INVITE dialog usage), incoming or outgoing. Sendable: use it from any
/// task; every operation runs on the stack's event loop.
///
/// ```swift
/// for await call in userAgent.incomingCalls {
///     try await call.ring()
///     try await call.answer(sdp: answerSDP)
///     for await event in call.events { if case .ended = event { break } }
/// }
/// ```
public final class SIPCall: Sendable {
    /// Which side placed the call.
    public enum Direction: Hashable, Sendable {
        case incoming, outgoing
    }

    /// Incoming or outgoing.
    public let direction: Direction
    /// The first INVITE (incoming: as received; outgoing: as sent before any auth retry).
    public let request: SIPRequest
    /// Incoming: where the INVITE came from. Outgoing: where it was sent.
    public let peer: SIPDestination
    /// Incoming with INVITE authentication on: the extension whose credentials the caller gave.
    public let authenticatedUser: String?
    /// What happens to the call, in order, ending with ``SIPCallEvent/ended(_:)``.
    public let events: AsyncStream<SIPCallEvent>
    private let session: NIOLoopBound<InviteSession>
    private let eventLoop: any EventLoop

    init(
        session: InviteSession, events: AsyncStream<SIPCallEvent>, request: SIPRequest, source: SIPDestination,
        direction: Direction, authenticatedUser: String? = nil
    ) {
        self.authenticatedUser = authenticatedUser
        self.session = NIOLoopBound(session, eventLoop: session.eventLoop)
        self.eventLoop = session.eventLoop
        self.events = events
        self.request = request
        self.peer = source
        self.direction = direction
    }

    /// The Call-ID.
    public var callID: String { (try? request.headers.callID.rawValue) ?? "" }

    /// The dialog's id once known (incoming: at once; outgoing: from the first tagged response).
    public var dialogID: DialogID? {
        get async { try? await onLoop { session in session.dialog?.id } }
    }

    // MARK: incoming

    /// Sends `180 Ringing`.
    public func ring(headers: SIPHeaders = SIPHeaders()) async throws {
        try await onLoopThrowing { session throws(SIPCallError) in
            try session.sendProvisional(.ringing, sdp: nil, reliable: false, headers: headers)
        }
    }

    /// Sends a provisional response, e.g. `183 Session Progress` with early media SDP;
    /// `reliable` sends it per RFC 3262 (Require: 100rel, retransmitted until PRACK) when the
    /// caller supports it.
    public func progress(_ status: SIPStatus = .sessionProgress, sdp: [UInt8]?, reliable: Bool = false, headers: SIPHeaders = SIPHeaders()) async throws {
        try await onLoopThrowing { session throws(SIPCallError) in
            try session.sendProvisional(status, sdp: sdp, reliable: reliable, headers: headers)
        }
    }

    /// Answers with `200 OK` and the SDP answer; the ACK arrives as ``SIPCallEvent/acknowledged(_:)``.
    public func answer(sdp: [UInt8]?, headers: SIPHeaders = SIPHeaders()) async throws {
        try await onLoopThrowing { session throws(SIPCallError) in
            try session.answer(sdp: sdp, headers: headers)
        }
    }

    /// Refuses the call with `status` (e.g. 486, 480, 503 with Retry-After in `headers`).
    public func reject(_ status: SIPStatus, reasonPhrase: String? = nil, headers: SIPHeaders = SIPHeaders()) async throws {
        try await onLoopThrowing { session throws(SIPCallError) in
            try session.reject(status, reasonPhrase: reasonPhrase, headers: headers)
        }
    }

    // MARK: outgoing

    /// Cancels an outgoing call that is not yet answered (RFC 3261 §9).
    public func cancel() async throws {
        try await onLoopThrowing { session throws(SIPCallError) in try session.cancel() }
    }

    // MARK: both

    /// Ends the call: BYE when up, CANCEL while an outgoing call rings, `480` for an
    /// unanswered incoming call. Returns the BYE's response, if one was sent and answered.
    @discardableResult
    public func hangUp() async throws -> SIPResponse? {
        let promise = eventLoop.makePromise(of: SIPResponse?.self)
        let session = self.session
        eventLoop.execute {
            session.value.hangUp { result in
                switch result {
                case .success(let response): promise.succeed(response)
                case .failure(let error): promise.fail(error)
                }
            }
        }
        return try await promise.futureResult.get()
    }

    /// Sends a re-INVITE with `sdp` (hold: `a=sendonly`; resume: `a=sendrecv`) and returns
    /// its final response; a 2xx has been ACKed.
    public func reinvite(sdp: [UInt8], headers: SIPHeaders = SIPHeaders()) async throws -> SIPResponse {
        try await request(.invite, headers: headers, body: sdp, contentType: .sdp)
    }

    /// Sends UPDATE (RFC 3311), e.g. to change media before the answer.
    public func update(sdp: [UInt8]?, headers: SIPHeaders = SIPHeaders()) async throws -> SIPResponse {
        try await request(.update, headers: headers, body: sdp ?? [], contentType: sdp == nil ? nil : .sdp)
    }

    /// Sends REFER (RFC 3515) to transfer the peer to `target` (add `Replaces` inside the
    /// target URI's headers for an attended transfer, RFC 3891).
    public func refer(to target: NameAddress, referredBy: NameAddress? = nil, headers: SIPHeaders = SIPHeaders()) async throws -> SIPResponse {
        var all = SIPHeaders()
        all.add(.referTo, target)
        if let referredBy { all.add(.referredBy, referredBy) }
        all.append(contentsOf: headers)
        return try await request(.refer, headers: all, body: [], contentType: nil)
    }

    /// Sends NOTIFY, e.g. the progress of a REFER (`Event: refer`, a `message/sipfrag` body).
    public func notify(event: String, subscriptionState: String, body: [UInt8] = [], contentType: SIPMediaType? = nil, headers: SIPHeaders = SIPHeaders()) async throws -> SIPResponse {
        var all = SIPHeaders()
        all.add(.event, event)
        all.add(.subscriptionState, subscriptionState)
        all.append(contentsOf: headers)
        return try await request(.notify, headers: all, body: body, contentType: contentType)
    }

    /// Sends INFO (e.g. `application/dtmf-relay`).
    public func info(body: [UInt8], contentType: SIPMediaType, headers: SIPHeaders = SIPHeaders()) async throws -> SIPResponse {
        try await request(.info, headers: headers, body: body, contentType: contentType)
    }

    /// Sends OPTIONS inside the dialog (a keep-alive).
    public func options() async throws -> SIPResponse {
        try await request(.options, headers: SIPHeaders(), body: [], contentType: nil)
    }

    /// Sends any request inside the dialog and returns its final response.
    public func request(_ method: SIPMethod, headers: SIPHeaders, body: [UInt8], contentType: SIPMediaType?) async throws -> SIPResponse {
        let promise = eventLoop.makePromise(of: SIPResponse.self)
        let session = self.session
        eventLoop.execute {
            let session = session.value
            if method == .invite {
                guard !session.pendingReinvite else {
                    promise.fail(SIPCallError.invalidState("a re-INVITE is already in progress"))
                    return
                }
                session.pendingReinvite = true
            }
            session.sendInDialog(method, headers: headers, body: body, contentType: contentType) { result in
                if method == .invite, case .failure = result { session.pendingReinvite = false }
                promise.completeWith(result.mapError { $0 as any Error })
            }
        }
        return try await promise.futureResult.get()
    }

    // MARK: hopping

    private func onLoop<T: Sendable>(_ body: @escaping @Sendable (InviteSession) -> T) async throws -> T {
        let session = self.session
        return try await eventLoop.submit { body(session.value) }.get()
    }

    private func onLoopThrowing(_ body: @escaping @Sendable (InviteSession) throws(SIPCallError) -> Void) async throws {
        let session = self.session
        try await eventLoop.submit { try body(session.value) }.get()
    }
}
