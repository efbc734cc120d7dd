// The outgoing side of a call: INVITE, digest challenges, early dialogs, PRACK, ACK, CANCEL.

import NIOCore
import SIP

extension InviteSession {
    /// Sends `invite` and follows its transaction.
    func sendInvite(_ invite: SIPRequest) {
        inviteRequest = invite
        clientTransaction = layer.sendRequest(invite, to: destination) { [weak self] event in
            self?.inviteEvent(event)
        }
        inviteRequest = clientTransaction?.request
    }

    private func inviteEvent(_ event: ClientTransactionEvent) {
        switch event {
        case .timeout:
            if phase == .calling { end(cancelRequested ? .cancelled : .timeout) }
        case .transportError:
            if phase == .calling { end(.transportError) }
        case .response(let response):
            inviteResponse(response)
        }
    }

    private func inviteResponse(_ response: SIPResponse) {
        let status = response.status
        if status == .trying { return }
        if status.isProvisional {
            guard phase == .calling else { return }
            hasProvisional = true
            if let tag = try? response.headers.to.tag, !tag.isEmpty, dialog == nil, let invite = inviteRequest,
               let early = try? Dialog(uacFor: invite, response: response) {
                dialog = early
                core.remember(early.id, session: self)
            }
            if cancelRequested {
                sendCancel()
                return
            }
            if ((try? response.headers.require) ?? []).contains("100rel"), let rseq = try? response.headers.rseq {
                if let last = lastReceivedRSeq, rseq <= last { return }
                lastReceivedRSeq = rseq
                sendPrack(for: response, rseq: rseq)
            }
            emit(.provisional(response))
            return
        }
        if status.isSuccess {
            answered(response)
            return
        }
        if (status == .unauthorized || status == .proxyAuthenticationRequired), retryWithCredentials(response) {
            return
        }
        guard phase == .calling else { return }
        if !(cancelRequested && status == .requestTerminated) { emit(.rejected(response)) }
        end(cancelRequested && status == .requestTerminated ? .cancelled : .rejected(status))
    }

    private func answered(_ response: SIPResponse) {
        guard let invite = inviteRequest else { return }
        let remoteTag = (try? response.headers.to.tag) ?? ""
        if phase != .calling {
            // A retransmitted 2xx: ACK it again (RFC 3261 §13.2.2.4).
            if let ackBytes, dialog?.id.remoteTag == remoteTag {
                layer.transports.send(ackBytes, to: destination)
            }
            return
        }
        if dialog == nil || dialog?.id.remoteTag != remoteTag {
            if let old = dialog { core.forget(old.id, session: self) }
            dialog = try? Dialog(uacFor: invite, response: response)
            if let dialog { core.remember(dialog.id, session: self) }
        }
        guard var current = dialog else { return }
        current.state = .confirmed
        current.refreshTarget(from: response.headers)
        if let recordRoute = try? response.headers.recordRoute { current.routeSet = recordRoute.reversed() }
        dialog = current
        updateDestinationFromDialog()
        sendAck(cseq: (try? invite.headers.cseq.sequence) ?? 1)
        phase = .confirmed
        if cancelRequested {
            sendBye()
            end(.cancelled)
            return
        }
        emit(.answered(response))
    }

    /// Sends the ACK for a 2xx as its own request (RFC 3261 §13.2.2.4) and keeps it for re-ACKs.
    func sendAck(cseq: UInt32) {
        guard var dialog else { return }
        var ack = dialog.makeRequest(.ack, cseq: cseq)
        if let authorization = inviteRequest?.headers[.authorization] { ack.headers.add(.authorization, authorization) }
        if let authorization = inviteRequest?.headers[.proxyAuthorization] { ack.headers.add(.proxyAuthorization, authorization) }
        self.dialog = dialog
        layer.ensureVia(&ack, transport: destination.transport)
        let bytes = layer.serialize(.request(ack))
        ackBytes = bytes
        layer.transports.send(bytes, to: destination)
    }

    /// Answers a `401`/`407` once with the credentials; false when it cannot.
    private func retryWithCredentials(_ response: SIPResponse) -> Bool {
        guard phase == .calling, !cancelRequested, authAttempts < 2, let credentials, var invite = inviteRequest,
              let authorized = Self.authorize(&invite, challengeResponse: response, credentials: credentials, cnonce: layer.makeTag())
        else { return false }
        _ = authorized
        authAttempts += 1
        if let cseq = try? invite.headers.cseq {
            invite.headers.set(.cseq, CSeq(cseq.sequence + 1, .invite))
        }
        invite.headers.remove(.via)
        if let dialog { core.forget(dialog.id, session: self) }
        dialog = nil
        hasProvisional = false
        sendInvite(invite)
        return true
    }

    /// Adds Authorization (for `401`) or Proxy-Authorization (for `407`) answering the
    /// challenge in `response` to `request`; nil when no challenge fits the credentials.
    static func authorize(_ request: inout SIPRequest, challengeResponse response: SIPResponse, credentials: SIPClientCredentials, cnonce: String) -> Bool? {
        let isProxy = response.status == .proxyAuthenticationRequired
        let challengeHeader: SIPHeaderName = isProxy ? .proxyAuthenticate : .wwwAuthenticate
        let answerHeader: SIPHeaderName = isProxy ? .proxyAuthorization : .authorization
        for value in response.headers.values(for: challengeHeader) {
            guard let challenge = try? DigestChallenge(value), let ha1 = credentials.ha1(for: challenge) else { continue }
            let uri = request.uri.serializedString
            guard let answer = try? challenge.answer(method: request.method.rawValue, uri: uri, username: credentials.username, ha1: ha1, cnonce: cnonce) else { continue }
            request.headers.remove(answerHeader)
            request.headers.add(answerHeader, answer)
            return true
        }
        return nil
    }

    /// PRACKs a reliable provisional response (RFC 3262 §4).
    private func sendPrack(for response: SIPResponse, rseq: UInt32) {
        guard var dialog, let cseq = try? response.headers.cseq else { return }
        var headers = SIPHeaders()
        headers.add(.rack, RAck(responseNumber: rseq, cseqNumber: cseq.sequence, method: cseq.method))
        let prack = dialog.makeRequest(.prack, extraHeaders: headers)
        self.dialog = dialog
        layer.sendRequest(prack, to: destination) { _ in }
    }

    /// Cancels the INVITE: at once when a provisional arrived, else when one does (RFC 3261 §9.1).
    func cancel() throws(SIPCallError) {
        guard direction == .outgoing, phase == .calling else {
            throw .invalidState("cancel needs an outgoing call that is not yet answered")
        }
        guard !cancelRequested else { return }
        cancelRequested = true
        if hasProvisional { sendCancel() }
    }

    private func sendCancel() {
        guard !cancelSent, let transaction = clientTransaction, transaction.isAwaitingFinalResponse else { return }
        cancelSent = true
        var cancel = transaction.request.makeCancel()
        cancel.headers.add(.userAgent, layer.configuration.productName)
        layer.sendRequest(cancel, to: destination) { _ in }
    }
}
