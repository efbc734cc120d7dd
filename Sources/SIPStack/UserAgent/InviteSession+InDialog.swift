// Requests inside an established (or early) dialog, both ways: BYE, re-INVITE, UPDATE, INFO,
// REFER, NOTIFY, OPTIONS, PRACK.

import NIOCore
import SIP

extension InviteSession {
    // MARK: sending

    /// Sends an in-dialog request; `completion` gets the final response (after one digest
    /// retry when challenged) or an error.
    func sendInDialog(
        _ method: SIPMethod,
        headers: SIPHeaders,
        body: [UInt8],
        contentType: SIPMediaType?,
        completion: @escaping (Result<SIPResponse, SIPCallError>) -> Void
    ) {
        guard var dialog, phase != .terminated || method == .bye else {
            completion(.failure(.invalidState("\(method.rawValue) needs an established dialog")))
            return
        }
        let request = dialog.makeRequest(method, extraHeaders: headers, body: body, contentType: contentType)
        self.dialog = dialog
        send(request, attempt: 0, completion: completion)
    }

    private func send(_ request: SIPRequest, attempt: Int, completion: @escaping (Result<SIPResponse, SIPCallError>) -> Void) {
        // The handler keeps the session alive until the transaction ends, so a BYE sent while
        // hanging up still reports its response.
        layer.sendRequest(request, to: destination) { [self] event in
            switch event {
            case .timeout: completion(.failure(.timeout))
            case .transportError: completion(.failure(.transportError))
            case .response(let response):
                guard response.status.isFinal else { return }
                if (response.status == .unauthorized || response.status == .proxyAuthenticationRequired), attempt == 0,
                   let credentials, var dialog = self.dialog {
                    var retry = request
                    if Self.authorize(&retry, challengeResponse: response, credentials: credentials, cnonce: self.layer.makeTag()) != nil {
                        dialog.localCSeq += 1
                        retry.headers.set(.cseq, CSeq(dialog.localCSeq, request.method))
                        retry.headers.remove(.via)
                        self.dialog = dialog
                        self.send(retry, attempt: 1, completion: completion)
                        return
                    }
                }
                if request.method == .invite {
                    self.pendingReinvite = false
                    if response.status.isSuccess {
                        self.dialog?.refreshTarget(from: response.headers)
                        self.sendAck(cseq: (try? request.headers.cseq.sequence) ?? 0)
                    }
                }
                completion(.success(response))
            }
        }
    }

    /// Sends BYE and ends the call (no completion needed).
    func sendBye() {
        guard dialog != nil else { return }
        sendInDialog(.bye, headers: SIPHeaders(), body: [], contentType: nil) { _ in }
    }

    /// Hangs up: BYE when the dialog is up, CANCEL when an outgoing call still rings.
    func hangUp(completion: @escaping (Result<SIPResponse?, SIPCallError>) -> Void) {
        switch phase {
        case .terminated:
            completion(.failure(.invalidState("the call has already ended")))
        case .calling:
            if direction == .outgoing {
                do throws(SIPCallError) {
                    try cancel()
                    completion(.success(nil))
                } catch {
                    completion(.failure(error))
                }
            } else {
                do throws(SIPCallError) {
                    try reject(.temporarilyUnavailable, reasonPhrase: nil, headers: SIPHeaders())
                    completion(.success(nil))
                } catch {
                    completion(.failure(error))
                }
            }
        case .waitingForAck, .confirmed:
            sendInDialog(.bye, headers: SIPHeaders(), body: [], contentType: nil) { result in
                completion(result.map { Optional($0) })
            }
            end(.localHangUp)
        }
    }

    func updateDestinationFromDialog() {
        guard !destinationIsSticky, let dialog else { return }
        if direction == .incoming, dialog.routeSet.isEmpty { return }
        if let resolved = core.resolve(dialog.nextHop, preferred: destination.transport) {
            destination = resolved
        }
    }

    // MARK: receiving

    /// A request inside this dialog (not ACK, not CANCEL).
    func requestReceived(_ request: SIPRequest, transaction: ServerTransaction) {
        transaction.localTag = dialog?.id.localTag
        guard var dialog else {
            transaction.respond(.callOrTransactionDoesNotExist)
            return
        }
        guard dialog.checkRemoteCSeq(request) else {
            transaction.respond(.serverInternalError, reasonPhrase: "CSeq Out of Order")
            return
        }
        self.dialog = dialog
        switch request.method {
        case .bye:
            transaction.respond(.ok)
            if let invite = inviteTransaction, !invite.hasFinalResponse {
                invite.respond(.requestTerminated)
            }
            end(.remoteHangUp)
        case .prack:
            prackReceived(request, transaction: transaction)
        case .invite:
            guard !pendingReinvite, pendingOK == nil else {
                var headers = SIPHeaders()
                headers.add(.retryAfter, Int(1))
                transaction.respond(.requestPending, headers: headers)
                return
            }
            dialog.refreshTarget(from: request.headers)
            self.dialog = dialog
            deliver(request, transaction: transaction, isAnswered: false)
        case .update, .refer:
            if request.method == .update {
                dialog.refreshTarget(from: request.headers)
                self.dialog = dialog
            }
            deliver(request, transaction: transaction, isAnswered: false)
        case .info, .notify, .options:
            var response = transaction.makeResponse(.ok)
            if request.method == .options {
                core.addCapabilities(to: &response)
            }
            transaction.respond(response)
            deliver(request, transaction: transaction, isAnswered: true)
        default:
            var headers = SIPHeaders()
            headers.set(.allow, commaSeparated: core.allowedMethods)
            transaction.respond(.methodNotAllowed, headers: headers)
        }
    }

    private func deliver(_ request: SIPRequest, transaction: ServerTransaction, isAnswered: Bool) {
        guard continuation != nil else {
            if !isAnswered { transaction.respond(request.method == .invite ? .notAcceptableHere : .methodNotAllowed) }
            return
        }
        let incoming = SIPIncomingRequest(request: request, transaction: transaction, isAnswered: isAnswered, eventLoop: eventLoop) { [weak self] response in
            guard let self else {
                transaction.respond(response)
                return
            }
            var response = response
            if response.status.isSuccess, request.method == .invite || request.method == .update, let contact = self.dialog?.localContact {
                response.headers.set(.contact, contact)
            }
            transaction.respond(response)
            if response.status.isSuccess, request.method == .invite {
                self.reinviteAnswered(response, bytes: self.layer.serialize(.response(response)), cseq: (try? request.headers.cseq.sequence) ?? 0)
            }
        }
        emit(.request(incoming))
    }
}
