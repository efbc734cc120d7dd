// Kefu's SMPP 3.4 client (ESME): binds as a transceiver, submits messages with delivery
// receipts, answers the SMSC's enquire_link and deliver_sm, checks an idle link with its own
// enquire_link, throttles submits to the carrier's rate and reconnects with backoff.

import Logging
import NIOCore
import NIOPosix

/// An ``SMSGateway`` that talks SMPP 3.4 to an SMSC over TCP.
public actor SMPPClient: SMSGateway {
    /// The settings.
    public let configuration: SMPPClientConfiguration
    /// Delivery reports from the SMSC's receipts.
    public nonisolated let deliveryReports: AsyncStream<SMSDeliveryReport>
    private let reportSink: AsyncStream<SMSDeliveryReport>.Continuation
    private let group: any EventLoopGroup
    private let logger: Logger
    private var writer: NIOAsyncChannelOutboundWriter<SMPPPDU>?
    private var bound = false
    private var sequence: UInt32 = 0
    private var pending: [UInt32: CheckedContinuation<SMPPPDU, any Error>] = [:]
    private var nextSubmitSlot = ContinuousClock.now
    private var concatenationReference: UInt8 = 0
    /// How many times the client has bound (the first bind and every reconnect).
    public private(set) var bindCount = 0

    /// A client for the SMSC in `configuration`.
    public init(configuration: SMPPClientConfiguration, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                logger: Logger = Logger(label: "kefu.smpp")) {
        self.configuration = configuration
        self.group = group
        self.logger = logger
        (deliveryReports, reportSink) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(10_000))
    }

    /// Whether the client is bound now.
    public var isBound: Bool { bound }

    /// Bound: submits may succeed.
    public var isReady: Bool { bound }

    /// Connects, binds and serves the link; reconnects with backoff after any loss, until
    /// the task is cancelled.
    public func run() async {
        var backoff = configuration.initialBackoff
        while !Task.isCancelled {
            let bindsBefore = bindCount
            do {
                try await serveOneConnection()
            } catch is CancellationError {
                break
            } catch {
                logger.warning("SMPP link lost", metadata: ["smsc": "\(configuration.host):\(configuration.port)", "error": "\(error)"])
            }
            detach()
            guard !Task.isCancelled else { break }
            if bindCount > bindsBefore { backoff = configuration.initialBackoff }
            try? await Task.sleep(for: backoff)
            backoff = min(backoff * 2, configuration.maximumBackoff)
        }
        detach()
        reportSink.finish()
    }

    /// Submits `message` (in parts when it is long) asking for a delivery receipt; returns the
    /// SMSC's id of the first part.
    public func submit(_ message: OutgoingSMS) async throws(SMSGatewayError) -> String {
        guard bound else { throw .unavailable("not bound to \(configuration.host):\(configuration.port)") }
        concatenationReference &+= 1
        let segments = SMPPMessageText.segments(message.text, reference: concatenationReference)
        var firstID: String?
        for segment in segments {
            await waitForSubmitSlot()
            var pdu = SMPPShortMessagePDU()
            pdu.sourceAddress = message.from ?? configuration.defaultSource
            pdu.sourceTON = pdu.sourceAddress.hasPrefix("+") ? 1 : 0
            pdu.destinationAddress = message.to
            pdu.esmClass = segment.esmClass
            pdu.dataCoding = segment.dataCoding
            pdu.registeredDelivery = 1
            pdu.shortMessage = segment.octets
            let response: SMPPPDU
            do {
                response = try await request(.submitSM, body: .shortMessage(pdu))
            } catch {
                throw .unavailable("submit_sm got no response: \(error)")
            }
            guard response.status == SMPPStatus.ok else {
                let reason = "submit_sm refused with status 0x\(String(response.status, radix: 16))"
                throw SMPPStatus.isTransient(response.status) ? .unavailable(reason) : .rejected(reason)
            }
            if case .messageResponse(let id) = response.body, firstID == nil { firstID = id }
        }
        return firstID ?? ""
    }

    // MARK: the link

    private func serveOneConnection() async throws {
        let channel = try await ClientBootstrap(group: group)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connectTimeout(.seconds(5))
            .connect(host: configuration.host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMPPFrameDecoder()))
                    try channel.pipeline.syncOperations.addHandler(MessageToByteHandler(SMPPFrameEncoder()))
                    return try NIOAsyncChannel<SMPPPDU, SMPPPDU>(wrappingChannelSynchronously: channel)
                }
            }
        try await channel.executeThenClose { inbound, outbound in
            self.attach(outbound)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask {
                    for try await pdu in inbound { try await self.handle(pdu) }
                    throw SMSGatewayError.unavailable("the SMSC closed the connection")
                }
                tasks.addTask {
                    try await self.bind()
                    try await self.keepAlive()
                }
                do {
                    try await tasks.next()
                } catch {
                    tasks.cancelAll()
                    await self.unbindIfCancelled()
                    throw error
                }
            }
        }
    }

    private func bind() async throws {
        let credentials = SMPPBind(systemID: configuration.systemID, password: configuration.password,
                                   systemType: configuration.systemType)
        let response = try await request(.bindTransceiver, body: .bind(credentials))
        guard response.status == SMPPStatus.ok else {
            throw SMSGatewayError.rejected("bind_transceiver refused with status 0x\(String(response.status, radix: 16))")
        }
        bound = true
        bindCount += 1
        logger.info("SMPP bound", metadata: ["smsc": "\(configuration.host):\(configuration.port)", "system_id": "\(configuration.systemID)"])
    }

    private func keepAlive() async throws {
        while true {
            try await Task.sleep(for: configuration.enquireLinkInterval)
            _ = try await request(.enquireLink)
        }
    }

    private func unbindIfCancelled() async {
        guard Task.isCancelled, bound, let writer else { return }
        sequence &+= 1
        try? await writer.write(SMPPPDU(.unbind, sequence: sequence))
    }

    private func attach(_ outbound: NIOAsyncChannelOutboundWriter<SMPPPDU>) {
        writer = outbound
    }

    private func detach() {
        writer = nil
        bound = false
        let waiting = pending
        pending = [:]
        for (_, continuation) in waiting { continuation.resume(throwing: SMSGatewayError.unavailable("the link went down")) }
    }

    /// Sends a request and waits for its response, failing the link after the timeout.
    private func request(_ command: SMPPCommandID, body: SMPPPDU.Body = .empty) async throws -> SMPPPDU {
        guard let writer else { throw SMSGatewayError.unavailable("not connected") }
        sequence = sequence == 0x7FFF_FFFF ? 1 : sequence + 1
        let number = sequence
        let timeout = configuration.responseTimeout
        let timer = Task { [weak self] in
            try await Task.sleep(for: timeout)
            await self?.expire(number)
        }
        defer { timer.cancel() }
        return try await withCheckedThrowingContinuation { continuation in
            pending[number] = continuation
            Task { [weak self] in
                do {
                    try await writer.write(SMPPPDU(command, sequence: number, body: body))
                } catch {
                    await self?.fail(number, error)
                }
            }
        }
    }

    private func expire(_ number: UInt32) {
        fail(number, SMSGatewayError.unavailable("no response within \(configuration.responseTimeout)"))
    }

    private func fail(_ number: UInt32, _ error: any Error) {
        pending.removeValue(forKey: number)?.resume(throwing: error)
    }

    /// What the SMSC sent: a response to one of ours, or a request we must answer.
    private func handle(_ pdu: SMPPPDU) async throws {
        if pdu.command.isResponse {
            pending.removeValue(forKey: pdu.sequence)?.resume(returning: pdu)
            return
        }
        guard let writer else { return }
        switch pdu.command {
        case .enquireLink:
            try await writer.write(SMPPPDU(.enquireLinkResp, sequence: pdu.sequence))
        case .deliverSM:
            try await writer.write(SMPPPDU(.deliverSMResp, sequence: pdu.sequence, body: .messageResponse(messageID: "")))
            if case .shortMessage(let message) = pdu.body, let receipt = SMPPDeliveryReceipt(message) {
                reportSink.yield(SMSDeliveryReport(gatewayMessageID: receipt.messageID, delivered: receipt.delivered, state: receipt.state))
            }
        case .unbind:
            try await writer.write(SMPPPDU(.unbindResp, sequence: pdu.sequence))
            throw SMSGatewayError.unavailable("the SMSC unbound")
        default:
            try await writer.write(SMPPPDU(.genericNack, status: SMPPStatus.invalidCommandID, sequence: pdu.sequence))
        }
    }

    /// Waits for the next slot the carrier's rate allows.
    private func waitForSubmitSlot() async {
        guard configuration.submitsPerSecond > 0 else { return }
        let now = ContinuousClock.now
        let slot = max(now, nextSubmitSlot)
        nextSubmitSlot = slot + .seconds(1.0 / configuration.submitsPerSecond)
        if slot > now { try? await Task.sleep(until: slot, clock: .continuous) }
    }
}
