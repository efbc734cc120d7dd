// One INVITE dialog usage, either direction, on the stack's event loop: the engine behind SIPCall.

import Logging
import NIOCore
import SIP

/// The state of one call leg: its INVITE transaction, its dialog, 2xx retransmission until
/// ACK (RFC 3261 §13.3.1.4, RFC 6026), reliable provisionals (RFC 3262), in-dialog requests.
///
/// Lives on the stack's event loop; ``SIPCall`` is its Sendable face. An auto-answered call
/// (the built-in number) has no event stream at all.
final class InviteSession {
    enum Direction { case incoming, outgoing }
    /// Where the call stands.
    enum Phase: Equatable {
        /// Incoming: INVITE received, no final response yet. Outgoing: INVITE sent.
        case calling
        /// Incoming: 2xx sent, waiting for the ACK.
        case waitingForAck
        /// Up: ACK received (incoming) or sent (outgoing).
        case confirmed
        /// Over.
        case terminated
    }

    let direction: Direction
    unowned let core: UserAgentCore
    var phase: Phase = .calling
    var dialog: Dialog?
    var continuation: AsyncStream<SIPCallEvent>.Continuation?
    var logger: Logger

    // incoming
    var inviteTransaction: ServerTransaction?
    /// 2xx retransmission (RFC 3261 §13.3.1.4): the bytes, the interval, the CSeq it answers.
    var pendingOK: (bytes: ByteBuffer, cseq: UInt32, interval: Duration, timer: SIPTimer?, deadline: NIODeadline)?
    /// Reliable provisional awaiting PRACK (RFC 3262 §3).
    var pendingReliable: (rseq: UInt32, bytes: ByteBuffer, interval: Duration, timer: SIPTimer?, deadline: NIODeadline)?
    var nextRSeq: UInt32 = 1
    var peerSupports100rel = false

    // outgoing
    var inviteRequest: SIPRequest?
    var clientTransaction: ClientTransaction?
    var credentials: SIPClientCredentials?
    var authAttempts = 0
    var lastReceivedRSeq: UInt32?
    var cancelRequested = false
    /// The CANCEL went out: later provisional responses (a retransmitted 180) send no other.
    var cancelSent = false
    var ackBytes: ByteBuffer?
    var hasProvisional = false
    var pendingReinvite = false

    /// Where in-dialog requests go.
    var destination: SIPDestination
    /// Whether the destination is fixed (an outbound proxy or trunk) rather than the remote target.
    var destinationIsSticky = false

    init(direction: Direction, core: UserAgentCore, destination: SIPDestination, logger: Logger) {
        self.direction = direction
        self.core = core
        self.destination = destination
        self.logger = logger
    }

    var layer: TransactionLayer { core.layer }
    var eventLoop: any EventLoop { core.layer.eventLoop }
    var timers: TransactionTimers { core.layer.configuration.timers }

    func emit(_ event: SIPCallEvent) {
        continuation?.yield(event)
    }

    /// Ends the call once: stops timers, forgets the dialog, closes the event stream.
    func end(_ reason: SIPCallEndReason) {
        guard phase != .terminated else { return }
        phase = .terminated
        pendingOK?.timer?.cancel()
        pendingOK = nil
        pendingReliable?.timer?.cancel()
        pendingReliable = nil
        if let dialog { core.forget(dialog.id, session: self) }
        logger.debug("call ended", metadata: ["reason": "\(reason)"])
        continuation?.yield(.ended(reason))
        continuation?.finish()
        continuation = nil
    }

    // MARK: incoming: answering the INVITE

    /// Sends a provisional response (180, 183) on the INVITE; `reliable` uses RFC 3262 when
    /// the caller supports it.
    func sendProvisional(_ status: SIPStatus, sdp: [UInt8]?, reliable: Bool, headers: SIPHeaders) throws(SIPCallError) {
        guard direction == .incoming, phase == .calling, let transaction = inviteTransaction, !transaction.hasFinalResponse else {
            throw .invalidState("a provisional response needs an unanswered incoming INVITE")
        }
        guard pendingReliable == nil || !reliable else {
            throw .invalidState("the previous reliable provisional response is not yet acknowledged")
        }
        var response = makeResponse(status, on: transaction, headers: headers, sdp: sdp)
        let useReliable = reliable && peerSupports100rel && status != .trying
        if useReliable {
            let rseq = nextRSeq
            nextRSeq += 1
            response.headers.add(.require, "100rel")
            response.headers.add(.rseq, Int(rseq))
            transaction.respond(response)
            startReliableRetransmission(rseq: rseq, bytes: transaction.lastSent ?? layer.serialize(.response(response)))
        } else {
            transaction.respond(response)
        }
        dialog?.state = .early
    }

    /// Sends the 2xx with `sdp` and retransmits it until the ACK.
    func answer(sdp: [UInt8]?, headers: SIPHeaders) throws(SIPCallError) {
        guard direction == .incoming, phase == .calling, let transaction = inviteTransaction, !transaction.hasFinalResponse else {
            throw .invalidState("answer needs an unanswered incoming INVITE")
        }
        let response = makeResponse(.ok, on: transaction, headers: headers, sdp: sdp)
        pendingReliable?.timer?.cancel()
        pendingReliable = nil
        dialog?.state = .confirmed
        phase = .waitingForAck
        transaction.respond(response)
        let bytes = transaction.lastSent ?? layer.serialize(.response(response))
        startOKRetransmission(bytes: bytes, cseq: (try? transaction.request.headers.cseq.sequence) ?? 0)
    }

    /// Sends a final failure to the INVITE and ends the call.
    func reject(_ status: SIPStatus, reasonPhrase: String?, headers: SIPHeaders) throws(SIPCallError) {
        guard direction == .incoming, phase == .calling, let transaction = inviteTransaction, !transaction.hasFinalResponse else {
            throw .invalidState("reject needs an unanswered incoming INVITE")
        }
        guard status.code >= 300 else { throw .invalidState("reject needs a status of 300 or more") }
        var response = transaction.makeResponse(status, reasonPhrase: reasonPhrase)
        Self.merge(headers, into: &response)
        transaction.respond(response)
        end(.rejected(status))
    }

    /// A response on `transaction` with To tag, Contact (dialog-establishing), extra headers and SDP.
    func makeResponse(_ status: SIPStatus, on transaction: ServerTransaction, headers: SIPHeaders, sdp: [UInt8]?) -> SIPResponse {
        var response = transaction.makeResponse(status)
        if status != .trying, let dialog {
            response.headers.add(.contact, dialog.localContact)
        }
        if status.isSuccess, transaction.request.method == .invite {
            response.headers.set(.allow, commaSeparated: core.allowedMethods)
            response.headers.set(.supported, commaSeparated: core.layer.configuration.supportedExtensions)
        }
        Self.merge(headers, into: &response)
        if let sdp, !sdp.isEmpty { response.setBody(sdp, contentType: .sdp) }
        return response
    }

    /// Appends `headers` before Content-Length.
    static func merge(_ headers: SIPHeaders, into response: inout SIPResponse) {
        guard !headers.isEmpty else { return }
        let body = response.body
        if let index = response.headers.firstIndex(of: .contentLength) { response.headers.remove(at: index) }
        response.headers.append(contentsOf: headers)
        response.headers.add(.contentLength, body.count)
    }

    // MARK: incoming: 2xx retransmission until ACK

    private func startOKRetransmission(bytes: ByteBuffer, cseq: UInt32) {
        let deadline = eventLoop.now + TimeAmount(timers.transactionTimeout)
        pendingOK = (bytes, cseq, timers.t1, nil, deadline)
        scheduleOKRetransmission()
    }

    private func scheduleOKRetransmission() {
        guard let pending = pendingOK else { return }
        let reliable = destinationForResponses.transport.isReliable
        let delay = reliable ? timers.transactionTimeout : pending.interval
        pendingOK?.timer = layer.timerQueue.schedule(after: delay) { [weak self] in
            self?.okTimerFired()
        }
    }

    private func okTimerFired() {
        guard var pending = pendingOK else { return }
        if eventLoop.now >= pending.deadline || destinationForResponses.transport.isReliable {
            pendingOK = nil
            logger.info("no ACK for 2xx; ending the call")
            if dialog != nil { sendBye() }
            end(.timeout)
            return
        }
        layer.transports.send(pending.bytes, to: destinationForResponses)
        pending.interval = min(pending.interval * 2, timers.t2)
        pendingOK = pending
        scheduleOKRetransmission()
    }

    var destinationForResponses: SIPDestination {
        inviteTransaction?.responseDestination ?? destination
    }

    /// An ACK arrived in this dialog.
    func ackReceived(_ ack: SIPRequest) {
        guard let pending = pendingOK, let cseq = try? ack.headers.cseq.sequence, cseq == pending.cseq else { return }
        pending.timer?.cancel()
        pendingOK = nil
        if phase == .waitingForAck {
            phase = .confirmed
            emit(.acknowledged(ack))
        }
    }

    /// A re-INVITE's 2xx is retransmitted like the first one.
    func reinviteAnswered(_ response: SIPResponse, bytes: ByteBuffer, cseq: UInt32) {
        pendingOK?.timer?.cancel()
        let deadline = eventLoop.now + TimeAmount(timers.transactionTimeout)
        pendingOK = (bytes, cseq, timers.t1, nil, deadline)
        scheduleOKRetransmission()
    }

    // MARK: incoming: reliable provisionals

    private func startReliableRetransmission(rseq: UInt32, bytes: ByteBuffer) {
        let deadline = eventLoop.now + TimeAmount(timers.transactionTimeout)
        pendingReliable = (rseq, bytes, timers.t1, nil, deadline)
        scheduleReliableRetransmission()
    }

    private func scheduleReliableRetransmission() {
        guard let pending = pendingReliable else { return }
        let reliable = destinationForResponses.transport.isReliable
        let delay = reliable ? timers.transactionTimeout : pending.interval
        pendingReliable?.timer = layer.timerQueue.schedule(after: delay) { [weak self] in
            self?.reliableTimerFired()
        }
    }

    private func reliableTimerFired() {
        guard var pending = pendingReliable else { return }
        if eventLoop.now >= pending.deadline || destinationForResponses.transport.isReliable {
            pendingReliable = nil
            // RFC 3262 §3: no PRACK in 64·T1 — reject the INVITE with a 5xx.
            if let transaction = inviteTransaction, !transaction.hasFinalResponse {
                transaction.respond(.serverInternalError, reasonPhrase: "No PRACK")
                end(.timeout)
            }
            return
        }
        layer.transports.send(pending.bytes, to: destinationForResponses)
        pending.interval = min(pending.interval * 2, timers.t2)
        pendingReliable = pending
        scheduleReliableRetransmission()
    }

    /// A PRACK arrived: acknowledge the reliable provisional it names.
    func prackReceived(_ prack: SIPRequest, transaction: ServerTransaction) {
        guard let rack = try? prack.headers.rack, let pending = pendingReliable, rack.responseNumber == pending.rseq else {
            transaction.respond(.callOrTransactionDoesNotExist)
            return
        }
        pending.timer?.cancel()
        pendingReliable = nil
        transaction.respond(.ok)
        emit(.provisionalAcknowledged(prack))
    }

    /// CANCEL matched the INVITE: answer it `487` and end.
    func cancelReceived(_ cancel: SIPRequest) {
        guard phase == .calling, let transaction = inviteTransaction, !transaction.hasFinalResponse else { return }
        transaction.respond(.requestTerminated)
        emit(.cancelled(cancel))
        end(.cancelled)
    }
}

@available(*, unavailable)
extension InviteSession: Sendable {}
