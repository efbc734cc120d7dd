// The transaction layer: owns transactions, their timers and the transports, on one event loop.

import Logging
import NIOCore
import SIP

/// Runs every transaction of one stack on one event loop (RFC 3261 §17).
///
/// Incoming bytes are parsed, checked and matched to a transaction here; new requests go to
/// the ``TransactionUser``. State machines decide; this class carries out their actions:
/// sending through ``SIPTransportManager``, starting NIO timers, dropping finished
/// transactions. No locks and no actor hops: everything runs on ``eventLoop``.
final class TransactionLayer {
    let eventLoop: any EventLoop
    let configuration: SIPStackConfiguration
    var logger: Logger
    private(set) var transports: SIPTransportManager!
    /// The timers of every transaction and dialog of this stack.
    let timerQueue: SIPTimerQueue
    weak var user: (any TransactionUser)?

    private(set) var serverTransactions: [TransactionKey: ServerTransaction] = [:]
    private(set) var clientTransactions: [TransactionKey: ClientTransaction] = [:]
    private var mergeIndex: [MergeKey: TransactionKey] = [:]
    private let parser: SIPMessageParser
    var random: FastRandom
    /// The sent-by (host, port) written into our Via per transport.
    var sentBy: [SIPTransportProtocol: (host: String, port: Int)] = [:]

    /// Counters for tests and metrics.
    private(set) var droppedMessageCount = 0

    init(eventLoop: any EventLoop, configuration: SIPStackConfiguration, logger: Logger) {
        self.eventLoop = eventLoop
        self.configuration = configuration
        self.logger = logger
        self.parser = SIPMessageParser(configuration: configuration.parser)
        var system = SystemRandomNumberGenerator()
        self.random = FastRandom(seed: system.next())
        self.timerQueue = SIPTimerQueue(eventLoop: eventLoop)
        self.transports = nil
        self.transports = SIPTransportManager(eventLoop: eventLoop, layer: self)
    }

    // MARK: receiving

    /// A UDP datagram arrived.
    func datagramReceived(_ bytes: [UInt8], from source: SIPDestination) {
        if SIPMessageParser.isKeepAlive(bytes) { return }
        let message: SIPMessage
        do {
            message = try parser.parse(datagram: bytes)
        } catch {
            answerUnparseable(error, from: source, datagram: bytes)
            return
        }
        messageReceived(message, from: source)
    }

    /// A message that did not parse: answer `400` (or `413`/`416`) when enough of a request
    /// was readable to address a response, else drop it. A datagram refused for a header line
    /// or a header count over the limits is re-read once without those limits (it is at most
    /// 64 KiB) only to address the `400`.
    func answerUnparseable(_ error: SIPParseError, from source: SIPDestination, datagram: [UInt8]? = nil) {
        droppedMessageCount += 1
        var error = error
        if error.headers == nil, let datagram, Self.isLimitError(error) {
            let relaxed = SIPMessageParser(configuration: .init(maxMessageSize: 65_535, maxHeaderCount: 65_535, maxHeaderLineLength: 65_535))
            if case .request(let request)? = try? relaxed.parse(datagram: datagram) {
                error.headers = request.headers
                error.requestMethod = request.method
                if case .lineTooLong(let limit) = error.kind {
                    error.headerName = request.headers.first { $0.value.utf8.count + $0.name.canonicalName.utf8.count + 2 > limit }?.name
                }
            }
        }
        guard let headers = error.headers, let method = error.requestMethod, method != .ack else {
            logger.debug("dropped unparseable message", metadata: ["peer": "\(source)", "reason": "\(error)"])
            return
        }
        var response = SIPResponse(replyingTo: headers, method: method, status: error.status, reasonPhrase: error.reasonPhrase, toTag: makeTag())
        response.headers.add(.server, configuration.productName)
        logger.info("answered unparseable request", metadata: ["peer": "\(source)", "status": "\(error.status.code)", "reason": "\(error.reasonPhrase)"])
        sendStateless(.response(response), to: rejectionDestination(headers: headers, source: source))
    }

    private static func isLimitError(_ error: SIPParseError) -> Bool {
        switch error.kind {
        case .lineTooLong, .tooManyHeaders: return true
        default: return false
        }
    }

    /// Where a refusal goes: per the top Via when it parses, else back to the source (the
    /// same TCP connection, or the datagram's source address).
    private func rejectionDestination(headers: SIPHeaders, source: SIPDestination) -> SIPDestination {
        if let via = try? headers.topVia { return responseDestination(topVia: via, source: source) }
        return source
    }

    /// A parsed message arrived.
    func messageReceived(_ message: SIPMessage, from source: SIPDestination) {
        switch message {
        case .request(let request): requestReceived(request, from: source)
        case .response(let response): responseReceived(response, from: source)
        }
    }

    private func requestReceived(_ incoming: SIPRequest, from source: SIPDestination) {
        var request = incoming
        do throws(SIPValidationError) {
            try request.validate()
        } catch {
            rejectInvalid(request, error, from: source)
            return
        }
        guard var via = try? request.headers.topVia else { return }
        stampReceived(&via, into: &request, source: source)
        let key: TransactionKey
        do {
            key = try TransactionKey.server(for: request, topVia: via)
        } catch {
            return
        }
        let destination = responseDestination(topVia: via, source: source)

        if request.method == .ack {
            if let transaction = serverTransactions[key] {
                transaction.ackReceived(request)
            } else {
                user?.ackReceived(request, from: source)
            }
            return
        }
        if let existing = serverTransactions[key] {
            existing.requestRetransmitted()
            return
        }
        let transaction = ServerTransaction(key: key, request: request, source: source, responseDestination: destination, layer: self)
        if request.method == .cancel {
            serverTransactions[key] = transaction
            if let invite = serverTransactions[key.cancelledInviteKey] {
                transaction.respond(.ok)
                if !invite.hasFinalResponse {
                    invite.isCancelled = true
                    user?.cancelReceived(request, for: invite)
                }
            } else {
                transaction.respond(.callOrTransactionDoesNotExist)
            }
            return
        }
        serverTransactions[key] = transaction
        if let merge = mergeKey(of: request) {
            if let other = mergeIndex[merge], other != key, serverTransactions[other] != nil {
                transaction.respond(.loopDetected, reasonPhrase: "Merged Request")
                return
            }
            mergeIndex[merge] = key
            transaction.mergeKey = merge
        }
        user?.requestReceived(request, transaction: transaction)
    }

    private func responseReceived(_ response: SIPResponse, from source: SIPDestination) {
        do throws(SIPValidationError) {
            try response.validate()
        } catch {
            droppedMessageCount += 1
            logger.info("dropped malformed response", metadata: ["peer": "\(source)", "reason": "\(error)"])
            return
        }
        guard let via = try? response.headers.topVia, let key = try? TransactionKey.client(for: response, topVia: via) else { return }
        if let transaction = clientTransactions[key] {
            transaction.responseReceived(response)
        } else {
            user?.strayResponseReceived(response, from: source)
        }
    }

    private func rejectInvalid(_ request: SIPRequest, _ error: SIPValidationError, from source: SIPDestination) {
        droppedMessageCount += 1
        guard request.method != .ack else {
            logger.debug("dropped invalid ACK", metadata: ["peer": "\(source)", "reason": "\(error)"])
            return
        }
        var response = SIPResponse(replyingTo: request.headers, method: request.method, status: error.status,
                                   reasonPhrase: error.reasonPhrase, toTag: makeTag())
        response.headers.add(.server, configuration.productName)
        logger.info("rejected invalid request", metadata: ["peer": "\(source)", "status": "\(error.status.code)", "reason": "\(error.reasonPhrase)"])
        sendStateless(.response(response), to: rejectionDestination(headers: request.headers, source: source))
    }

    /// Adds `received` and `rport` to the top Via as RFC 3261 §18.2.1 and RFC 3581 §4 say.
    private func stampReceived(_ via: inout Via, into request: inout SIPRequest, source: SIPDestination) {
        let sourceIP = source.address.ipAddress ?? ""
        var changed = false
        if via.hasRPort, via.rport == nil, let port = source.address.port {
            via.rport = UInt16(port)
            via.received = sourceIP
            changed = true
        } else if via.unbracketedHost != sourceIP, via.received == nil {
            via.received = sourceIP
            changed = true
        }
        if changed { request.headers.replaceFirstValue(.via, with: via) }
    }

    /// Where responses to a request with top Via `via` from `source` go (RFC 3261 §18.2.2,
    /// RFC 3581 §4): over TCP the same connection, and when it has closed a new one to the
    /// source IP and the Via port; over UDP the source address with `rport`, else the source
    /// IP and the Via port. Never the Via host: a response never leaves for an address the
    /// request did not come from.
    func responseDestination(topVia via: Via, source: SIPDestination) -> SIPDestination {
        if !source.transport.isReliable, via.hasRPort { return source }
        var address = source.address
        if let port = Int(exactly: via.portOrDefault), address.port != port {
            address.port = port
        }
        return SIPDestination(transport: source.transport, address: address, connection: source.connection)
    }

    private func mergeKey(of request: SIPRequest) -> MergeKey? {
        guard let to = try? request.headers.to, to.tag == nil,
              let fromTag = try? request.headers.from.tag,
              let callID = try? request.headers.callID,
              let cseq = try? request.headers.cseq
        else { return nil }
        return MergeKey(fromTag: fromTag, callID: callID.rawValue, cseq: cseq.sequence, method: request.method)
    }

    // MARK: sending

    /// Starts a client transaction for `request` (whose top Via this layer writes) to `destination`.
    @discardableResult
    func sendRequest(_ request: SIPRequest, to destination: SIPDestination, handler: @escaping (ClientTransactionEvent) -> Void) -> ClientTransaction {
        var request = request
        let branch = ensureVia(&request, transport: destination.transport)
        let key = TransactionKey(branch: branch, sentBy: ownSentBy(destination.transport).lowercased(), method: request.method)
        if let existing = clientTransactions[key] {
            // The same request again (same branch and method) is the same transaction: replacing
            // it would free a transaction whose timers are still running.
            logger.debug("request already in a transaction; not sent again", metadata: ["method": "\(request.method)", "branch": "\(branch)"])
            return existing
        }
        let transaction = ClientTransaction(key: key, request: request, destination: destination, layer: self, handler: handler)
        clientTransactions[key] = transaction
        transaction.start()
        return transaction
    }

    /// Writes our Via on top of `request` unless the top Via is already ours; returns the branch.
    @discardableResult
    func ensureVia(_ request: inout SIPRequest, transport: SIPTransportProtocol) -> String {
        let own = ownSentBy(transport)
        if let top = try? request.headers.topVia, top.sentBy == own, let branch = top.branch, top.isRFC3261Branch,
           top.transport == transport.rawValue {
            return branch
        }
        let branch = makeBranch()
        let address = sentBy[transport] ?? ("127.0.0.1", 5060)
        var via = Via(transport: transport.rawValue, host: address.host, port: UInt16(address.port), branch: branch)
        via.requestRPort()
        if request.headers.contains(.via) {
            request.headers.replaceFirstValue(.via, with: via)
        } else {
            request.headers.prepend(.via, via)
        }
        return branch
    }

    /// `host:port` of our Via for `transport`.
    func ownSentBy(_ transport: SIPTransportProtocol) -> String {
        let address = sentBy[transport] ?? ("127.0.0.1", 5060)
        return "\(address.host):\(address.port)"
    }

    /// Sends a message outside any transaction (a 2xx retransmission, the ACK for a 2xx,
    /// a stateless error answer).
    func sendStateless(_ message: SIPMessage, to destination: SIPDestination) {
        transports.send(serialize(message), to: destination)
    }

    func serialize(_ message: SIPMessage) -> ByteBuffer {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1024)
        message.serialize(into: &bytes)
        return ByteBuffer(bytes: bytes)
    }

    // MARK: carrying out actions

    // A transaction lives while the layer's table holds it: timers are started only for a
    // transaction still in the table, `terminate` removes only that same transaction (a late
    // transport failure of an ended one must not drop a newer one with the same key), and
    // timers hold their transaction weakly, so an ended one never runs again.

    func run(_ actions: [TransactionAction], for transaction: ServerTransaction) {
        for action in actions {
            switch action {
            case .send(let message):
                let bytes = serialize(message)
                transaction.lastSent = bytes
                transports.send(bytes, to: transaction.responseDestination, onFailure: failureHandler(transaction))
            case .retransmit:
                if let bytes = transaction.lastSent {
                    transports.send(bytes, to: transaction.responseDestination)
                }
            case .passToTransactionUser(let message):
                if case .request(let ack) = message, ack.method == .ack {
                    user?.ackReceived(ack, from: transaction.source)
                }
            case .scheduleTimer(let timer, let delay):
                guard serverTransactions[transaction.key] === transaction else { continue }
                transaction.timers.schedule(timer, after: delay, on: timerQueue) { [weak transaction] in
                    transaction?.timerFired(timer)
                }
            case .cancelTimer(let timer):
                transaction.timers.cancel(timer)
            case .reportTimeout:
                transaction.onFailure?(.timeout)
                transaction.onFailure = nil
            case .reportTransportError:
                transaction.onFailure?(.transportError)
                transaction.onFailure = nil
            case .terminate:
                transaction.timers.cancelAll()
                guard serverTransactions[transaction.key] === transaction else { continue }
                serverTransactions[transaction.key] = nil
                if let merge = transaction.mergeKey, mergeIndex[merge] == transaction.key { mergeIndex[merge] = nil }
            }
        }
    }

    func run(_ actions: [TransactionAction], for transaction: ClientTransaction) {
        for action in actions {
            switch action {
            case .send(let message):
                let bytes = serialize(message)
                transaction.lastSent = bytes
                let failure = NIOLoopBound(transaction, eventLoop: eventLoop)
                transports.send(bytes, to: transaction.destination) { failure.value.transportFailed() }
            case .retransmit:
                if let bytes = transaction.lastSent {
                    transports.send(bytes, to: transaction.destination)
                }
            case .passToTransactionUser(let message):
                if case .response(let response) = message { transaction.handler(.response(response)) }
            case .scheduleTimer(let timer, let delay):
                guard clientTransactions[transaction.key] === transaction else { continue }
                transaction.timers.schedule(timer, after: delay, on: timerQueue) { [weak transaction] in
                    transaction?.timerFired(timer)
                }
            case .cancelTimer(let timer):
                transaction.timers.cancel(timer)
            case .reportTimeout:
                transaction.handler(.timeout)
            case .reportTransportError:
                transaction.handler(.transportError)
            case .terminate:
                transaction.timers.cancelAll()
                if clientTransactions[transaction.key] === transaction { clientTransactions[transaction.key] = nil }
            }
        }
    }

    private func failureHandler(_ transaction: ServerTransaction) -> (() -> Void)? {
        guard transaction.responseDestination.transport.isReliable else { return nil }
        let bound = NIOLoopBound(transaction, eventLoop: eventLoop)
        return { bound.value.transportFailed() }
    }

    // MARK: identifiers

    /// A new RFC 3261 branch: the magic cookie and 64 random bits.
    func makeBranch() -> String {
        Via.magicCookie + random.token()
    }

    /// A new tag for From or To.
    func makeTag() -> String {
        random.token()
    }

    /// A new Call-ID.
    func makeCallID() -> String {
        random.token() + random.token()
    }

    /// Ends every transaction without sending anything (shutdown).
    func dropAll() {
        for transaction in serverTransactions.values { transaction.timers.cancelAll() }
        for transaction in clientTransactions.values { transaction.timers.cancelAll() }
        serverTransactions = [:]
        clientTransactions = [:]
        mergeIndex = [:]
        timerQueue.cancelAll()
    }
}

@available(*, unavailable)
extension TransactionLayer: Sendable {}
