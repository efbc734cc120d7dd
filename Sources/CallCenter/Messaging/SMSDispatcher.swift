// Sends the durable SMS outbox through a gateway: claims due messages, submits them, records
// the outcome with retries and backoff, and records delivery receipts. The calls that asked
// for a message only queued it, so a slow or absent gateway never holds a call up.

import Foundation
import Logging
import ServiceLifecycle
import Store

/// The service between the SMS outbox and an ``SMSGateway``.
public struct SMSDispatcher: Service {
    /// How the dispatcher paces itself.
    public struct Policy: Sendable {
        /// How often the outbox is checked when it was empty.
        public var pollInterval: Duration
        /// Messages claimed at a time.
        public var batchSize: Int
        /// Attempts before a message is given up.
        public var maximumAttempts: Int
        /// The delay before the second attempt; it doubles with each further one.
        public var firstRetryDelay: Duration
        /// How long a claimed message stays leased to this dispatcher.
        public var lease: Duration

        /// A policy (defaults: poll each second, 50 at a time, 6 attempts from 10 s apart).
        public init(pollInterval: Duration = .seconds(1), batchSize: Int = 50, maximumAttempts: Int = 6,
                    firstRetryDelay: Duration = .seconds(10), lease: Duration = .seconds(60)) {
            self.pollInterval = pollInterval
            self.batchSize = batchSize
            self.maximumAttempts = maximumAttempts
            self.firstRetryDelay = firstRetryDelay
            self.lease = lease
        }
    }

    let store: Store
    let gateway: any SMSGateway
    let policy: Policy
    let logger: Logger

    /// A dispatcher from `store`'s outbox to `gateway`.
    public init(store: Store, gateway: any SMSGateway, policy: Policy = Policy(), logger: Logger = Logger(label: "kefu.sms")) {
        self.store = store
        self.gateway = gateway
        self.policy = policy
        self.logger = logger
    }

    /// Runs the gateway's link, the sending loop and the receipt loop until cancelled or
    /// graceful shutdown; messages not yet sent stay in the outbox for the next start.
    public func run() async {
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await gateway.run() }
                group.addTask { await recordReports() }
                group.addTask { await sendLoop() }
                await group.next()
                group.cancelAll()
            }
        }
    }

    /// Claims and sends one batch; returns how many messages it tried.
    @discardableResult
    public func sendDue() async -> Int {
        let batch: [SMSMessage]
        do {
            batch = try await store.smsOutbox.claimDue(limit: policy.batchSize, lease: policy.lease)
        } catch {
            logger.error("claiming SMS failed", metadata: ["error": "\(error)"])
            return 0
        }
        for message in batch { await send(message) }
        return batch.count
    }

    private func sendLoop() async {
        while !Task.isCancelled {
            guard await gateway.isReady else {
                try? await Task.sleep(for: policy.pollInterval)
                continue
            }
            if await sendDue() == 0 {
                try? await Task.sleep(for: policy.pollInterval)
            }
        }
    }

    private func send(_ message: SMSMessage) async {
        let metadata: Logger.Metadata = ["tenant": "\(message.tenantID.rawValue)", "sms": "\(message.id.rawValue)",
                                         "call": "\(message.draft.callID ?? "-")", "purpose": "\(message.draft.purpose)"]
        let outgoing = OutgoingSMS(to: message.draft.to, from: message.draft.from, text: message.draft.body, reference: message.id.rawValue)
        do {
            let id = try await gateway.submit(outgoing)
            try await store.smsOutbox.markSent(message.id, gatewayMessageID: id)
            logger.info("SMS sent", metadata: metadata.merging(["gateway_id": "\(id)"]) { $1 })
        } catch let error as SMSGatewayError {
            let retry = error.isTransient && message.attempts < policy.maximumAttempts
            let delay = policy.firstRetryDelay * (1 << min(max(message.attempts - 1, 0), 16))
            let retryAt = retry ? Date().addingTimeInterval(delay.timeInterval) : nil
            try? await store.smsOutbox.markFailed(message.id, error: error.description, retryAt: retryAt)
            logger.warning(retry ? "SMS attempt failed; will retry" : "SMS given up",
                           metadata: metadata.merging(["error": "\(error)", "attempt": "\(message.attempts)"]) { $1 })
        } catch {
            try? await store.smsOutbox.markFailed(message.id, error: "\(error)", retryAt: Date().addingTimeInterval(policy.firstRetryDelay.timeInterval))
            logger.error("recording an SMS outcome failed", metadata: metadata.merging(["error": "\(error)"]) { $1 })
        }
    }

    private func recordReports() async {
        for await report in gateway.deliveryReports {
            guard report.delivered else {
                logger.warning("SMS not delivered", metadata: ["gateway_id": "\(report.gatewayMessageID)", "state": "\(report.state)"])
                continue
            }
            do {
                try await store.smsOutbox.markDelivered(gatewayMessageID: report.gatewayMessageID, at: Date())
            } catch {
                logger.error("recording an SMS receipt failed", metadata: ["gateway_id": "\(report.gatewayMessageID)", "error": "\(error)"])
            }
        }
    }
}

extension Duration {
    /// The duration in seconds as a `TimeInterval`.
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
