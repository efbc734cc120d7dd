// The UAS/UAC core (RFC 3261 §8): what the stack does with a new request before and after the
// call path sees it.

import Logging
import NIOCore
import SIP

/// The transaction user of the stack, on its event loop.
///
/// Checks every new request in RFC 3261 §8.2 order (method → 405/501, Max-Forwards → 483,
/// Require → 420, in-dialog → the dialog or 481, Content-Type → 415), answers OPTIONS,
/// passes REGISTER to the registrar, consults admission control for INVITE, answers the
/// built-in numbers itself and hands other calls to the call path.
final class UserAgentCore: TransactionUser {
    let layer: TransactionLayer
    let registrar: Registrar?
    let admission: (any AdmissionControl)?
    let autoAnswer: SIPUserAgentConfiguration.AutoAnswer?
    /// Whether new INVITEs need digest credentials, and from which sources they do not.
    var authenticatesInvites = false
    var trustedSources: Set<String> = []
    var invitesNeedingAuthentication: (@Sendable (SIPRequest) -> Bool)?
    var logger: Logger
    var incomingCalls: AsyncStream<SIPCall>.Continuation?
    private(set) var sessions: [DialogID: InviteSession] = [:]
    /// Methods we answer (Allow).
    let allowedMethods: [SIPMethod]
    /// The built-in numbers' SDP answer, built once.
    private let autoAnswerSDP: [UInt8]
    private let supportedSet: Set<String>

    init(layer: TransactionLayer, registrar: Registrar?, admission: (any AdmissionControl)?, autoAnswer: SIPUserAgentConfiguration.AutoAnswer?, logger: Logger) {
        self.layer = layer
        self.registrar = registrar
        self.admission = admission
        self.autoAnswer = autoAnswer
        self.logger = logger
        var allowed: [SIPMethod] = [.invite, .ack, .cancel, .bye, .options, .prack, .update, .info, .refer, .notify]
        if registrar != nil { allowed.append(.register) }
        self.allowedMethods = allowed
        self.supportedSet = Set(layer.configuration.supportedExtensions)
        self.autoAnswerSDP = autoAnswer?.sdp() ?? []
    }

    /// The number of calls with a dialog.
    var sessionCount: Int { sessions.count }

    func remember(_ id: DialogID, session: InviteSession) {
        sessions[id] = session
    }

    func forget(_ id: DialogID, session: InviteSession) {
        if let current = sessions[id], current === session { sessions[id] = nil }
    }

    // MARK: TransactionUser

    func requestReceived(_ request: SIPRequest, transaction: ServerTransaction) {
        let method = request.method
        // §8.2.1: method inspection.
        guard allowedMethods.contains(method) else {
            var headers = SIPHeaders()
            headers.set(.allow, commaSeparated: allowedMethods)
            transaction.respond(method.isKnown ? .methodNotAllowed : .notImplemented, headers: headers)
            return
        }
        // Max-Forwards: a B2BUA that forwards must stop loops (RFC 3261 §16.3; RFC 4475 §3.3.11).
        if let maxForwards = try? request.headers.maxForwards, maxForwards == 0 {
            transaction.respond(.tooManyHops)
            return
        }
        // §8.2.2.3: Require.
        if method != .cancel, let unsupported = try? request.unsupportedRequirements(supported: supportedSet), !unsupported.isEmpty {
            var headers = SIPHeaders()
            headers.set(.unsupported, commaSeparated: unsupported)
            transaction.respond(.badExtension, headers: headers)
            return
        }
        // §8.2.2.2 / §12.2.2: in-dialog requests.
        if let id = DialogID(incoming: request) {
            if let session = sessions[id] {
                session.requestReceived(request, transaction: transaction)
            } else {
                transaction.respond(.callOrTransactionDoesNotExist)
            }
            return
        }
        switch method {
        case .options:
            var response = transaction.makeResponse(.ok)
            addCapabilities(to: &response)
            transaction.respond(response)
        case .register:
            guard let registrar else {
                transaction.respond(.methodNotAllowed)
                return
            }
            registrar.handle(request, transaction: transaction)
        case .invite:
            inviteReceived(request, transaction: transaction)
        default:
            // BYE, PRACK, UPDATE, INFO, REFER, NOTIFY need a dialog.
            transaction.respond(.callOrTransactionDoesNotExist)
        }
    }

    func ackReceived(_ ack: SIPRequest, from source: SIPDestination) {
        guard let id = DialogID(incoming: ack), let session = sessions[id] else { return }
        session.ackReceived(ack)
    }

    func cancelReceived(_ cancel: SIPRequest, for invite: ServerTransaction) {
        guard let tag = invite.localTag,
              let id = Self.dialogID(of: invite.request, localTag: tag),
              let session = sessions[id]
        else {
            if !invite.hasFinalResponse { invite.respond(.requestTerminated) }
            return
        }
        session.cancelReceived(cancel)
    }

    func strayResponseReceived(_ response: SIPResponse, from source: SIPDestination) {
        // A 2xx to an INVITE after its transaction ended: the dialog re-ACKs it.
        guard response.status.isSuccess, let cseq = try? response.headers.cseq, cseq.method == .invite,
              let callID = try? response.headers.callID.rawValue, let localTag = try? response.headers.from.tag,
              let remoteTag = try? response.headers.to.tag,
              let session = sessions[DialogID(callID: callID, localTag: localTag, remoteTag: remoteTag)],
              let ack = session.ackBytes
        else { return }
        layer.transports.send(ack, to: session.destination)
    }

    static func dialogID(of invite: SIPRequest, localTag: String) -> DialogID? {
        guard let callID = try? invite.headers.callID.rawValue, let remoteTag = try? invite.headers.from.tag else { return nil }
        return DialogID(callID: callID, localTag: localTag, remoteTag: remoteTag)
    }

    /// Allow, Accept, Supported, as OPTIONS answers carry them (RFC 3261 §11.2).
    func addCapabilities(to response: inout SIPResponse) {
        response.headers.set(.allow, commaSeparated: allowedMethods)
        response.headers.set(.accept, commaSeparated: [SIPMediaType.sdp])
        response.headers.set(.supported, commaSeparated: layer.configuration.supportedExtensions)
        response.headers.set(.acceptEncoding, "identity")
        response.headers.set(.acceptLanguage, "en")
    }

    // MARK: INVITE

    private func inviteReceived(_ request: SIPRequest, transaction: ServerTransaction) {
        if let admission {
            if case .reject(let status, let retryAfter) = admission.admit(request, from: transaction.source) {
                var headers = SIPHeaders()
                if let retryAfter { headers.add(.retryAfter, Int(retryAfter)) }
                transaction.respond(status, headers: headers)
                return
            }
        }
        if !request.body.isEmpty {
            let type = try? request.headers.contentType
            guard let type, type.matches(.sdp) else {
                var headers = SIPHeaders()
                headers.set(.accept, commaSeparated: [SIPMediaType.sdp])
                transaction.respond(.unsupportedMediaType, headers: headers)
                return
            }
        }
        if let accept = try? request.headers.accept, !accept.isEmpty, !accept.contains(where: { $0.matches(.sdp) }) {
            // We can only answer with SDP (RFC 3261 §21.4.7; RFC 4475 §3.3.15).
            var headers = SIPHeaders()
            headers.set(.accept, commaSeparated: [SIPMediaType.sdp])
            transaction.respond(.notAcceptable, headers: headers)
            return
        }
        if let target = try? request.headers.replaces {
            // RFC 3891 §3: Replaces naming no dialog of ours (Call-ID and both tags) is refused
            // with 481. Peers differ in whose view the two tags take, so either order matches.
            let tags = Set([target.toTag ?? "", target.fromTag ?? ""])
            guard sessions.keys.contains(where: { $0.callID == target.callID.rawValue && Set([$0.localTag, $0.remoteTag]) == tags }) else {
                transaction.respond(.callOrTransactionDoesNotExist)
                return
            }
        }
        let sourceIP = transaction.source.address.ipAddress ?? ""
        // The stack's own numbers (benchmarks, tests) answer anyone.
        let builtin = autoAnswer.map { $0.answers(request.uri.user ?? "") } ?? false
        let needsAuthentication = !builtin && (invitesNeedingAuthentication?(request) ?? authenticatesInvites)
        if needsAuthentication, !trustedSources.contains(sourceIP), let registrar {
            registrar.authenticator.authenticate(request, sourceIP: sourceIP) { [weak self] outcome in
                switch outcome {
                case .challenge(let challenge):
                    var headers = SIPHeaders()
                    headers.add(.wwwAuthenticate, challenge)
                    transaction.respond(.unauthorized, headers: headers)
                case .forbidden:
                    transaction.respond(.forbidden)
                case .authenticated(let user):
                    self?.startIncomingCall(request, transaction: transaction, authenticatedUser: user)
                }
            }
            return
        }
        startIncomingCall(request, transaction: transaction, authenticatedUser: nil)
    }

    private func startIncomingCall(_ request: SIPRequest, transaction: ServerTransaction, authenticatedUser: String?) {
        guard !transaction.isCancelled, !transaction.hasFinalResponse else { return }
        let user = request.uri.user ?? ""
        let localTag = layer.makeTag()
        transaction.localTag = localTag
        let session = InviteSession(direction: .incoming, core: self, destination: transaction.source, logger: logger)
        session.inviteTransaction = transaction
        session.peerSupports100rel = ((try? request.headers.supported) ?? []).contains("100rel")
            || ((try? request.headers.require) ?? []).contains("100rel")
        let contact = NameAddress(uri: contactURI(user: user, transport: transaction.source.transport))
        guard let dialog = try? Dialog(uasFor: request, localTag: localTag, localContact: contact) else {
            transaction.respond(.badRequest, reasonPhrase: "Bad Dialog Headers")
            return
        }
        session.dialog = dialog
        session.logger[metadataKey: "call-id"] = "\(dialog.id.callID)"
        remember(dialog.id, session: session)

        if let autoAnswer, autoAnswer.ringingNumbers.contains(user) {
            // Rings until the caller cancels; 480 after a minute.
            try? session.sendProvisional(.ringing, sdp: nil, reliable: false, headers: SIPHeaders())
            layer.timerQueue.schedule(after: .seconds(60)) { [weak session] in
                try? session?.reject(.temporarilyUnavailable, reasonPhrase: nil, headers: SIPHeaders())
            }
            return
        }
        if let autoAnswer, autoAnswer.numbers.contains(user) {
            do throws(SIPCallError) {
                try session.sendProvisional(.ringing, sdp: nil, reliable: false, headers: SIPHeaders())
                try session.answer(sdp: autoAnswerSDP, headers: SIPHeaders())
            } catch {
                logger.error("auto-answer failed", metadata: ["error": "\(error)"])
            }
            return
        }
        guard let incomingCalls else {
            session.inviteTransaction?.respond(.notFound)
            session.end(.rejected(.notFound))
            return
        }
        // The call path answers asynchronously: tell the caller we are on it (§17.2.1).
        transaction.respond(transaction.makeResponse(.trying))
        let (events, continuation) = AsyncStream<SIPCallEvent>.makeStream(bufferingPolicy: .unbounded)
        session.continuation = continuation
        let call = SIPCall(session: session, events: events, request: request, source: transaction.source, direction: .incoming,
                           authenticatedUser: authenticatedUser)
        incomingCalls.yield(call)
    }

    // MARK: addressing

    /// Our Contact URI for `user` on `transport`.
    func contactURI(user: String?, transport: SIPTransportProtocol) -> SIPURI {
        let address = layer.sentBy[transport] ?? ("127.0.0.1", 5060)
        var uri = SIPURI(user: user.flatMap { $0.isEmpty ? nil : $0 }, host: address.host, port: UInt16(address.port))
        if transport == .tcp { uri.transport = "tcp" }
        return uri
    }

    /// The destination of a SIP URI whose host is an IP literal or `localhost`.
    func resolve(_ uri: AnyURI, preferred: SIPTransportProtocol?) -> SIPDestination? {
        guard let sip = uri.sipURI else { return nil }
        let transport = sip.transport.flatMap { SIPTransportProtocol(name: $0) } ?? preferred ?? .udp
        var host = sip.unbracketedHost
        if host.lowercased() == "localhost" { host = "127.0.0.1" }
        let port = Int(sip.port ?? 5060)
        guard let address = try? SocketAddress(ipAddress: host, port: port) else { return nil }
        return SIPDestination(transport: transport, address: address)
    }

    /// Ends every call (shutdown): BYE for answered calls, 503 for unanswered incoming ones.
    func shutdown() {
        for session in Array(sessions.values) {
            switch session.phase {
            case .calling:
                if session.direction == .incoming, let transaction = session.inviteTransaction, !transaction.hasFinalResponse {
                    transaction.respond(.serviceUnavailable)
                } else if session.direction == .outgoing {
                    try? session.cancel()
                }
            case .waitingForAck, .confirmed:
                session.sendBye()
            case .terminated:
                break
            }
            session.end(.shutdown)
        }
        incomingCalls?.finish()
        incomingCalls = nil
    }
}

@available(*, unavailable)
extension UserAgentCore: Sendable {}
