// Webhook delivery as a service: call-center events of tenants with webhooks are queued in
// the store's delivery log, then POSTed signed to each URL; a failure (no answer, or a
// status outside 2xx) is retried with exponential backoff until the attempts run out.

import AsyncHTTPClient
import CallCenter
import Foundation
import Logging
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import ServiceLifecycle
import Store

/// Queues and delivers webhooks.
public struct WebhookDispatcher: Service {
    /// Timing and limits.
    public struct Configuration: Sendable {
        /// How often due deliveries are looked for when none were due.
        public var pollInterval: Duration
        /// How long one POST may take.
        public var requestTimeout: Duration
        /// Attempts before a delivery is marked failed.
        public var maxAttempts: Int
        /// The wait after the first failure; doubled after each further one.
        public var firstRetryDelay: TimeInterval
        /// The longest wait between attempts.
        public var maxRetryDelay: TimeInterval
        /// How long the set of tenants with webhooks is cached.
        public var webhookCacheTTL: TimeInterval

        /// One second polling, ten second requests, eight attempts from 10 s up to an hour apart.
        public init(pollInterval: Duration = .seconds(1), requestTimeout: Duration = .seconds(10), maxAttempts: Int = 8,
                    firstRetryDelay: TimeInterval = 10, maxRetryDelay: TimeInterval = 3_600, webhookCacheTTL: TimeInterval = 5) {
            self.pollInterval = pollInterval
            self.requestTimeout = requestTimeout
            self.maxAttempts = maxAttempts
            self.firstRetryDelay = firstRetryDelay
            self.maxRetryDelay = maxRetryDelay
            self.webhookCacheTTL = webhookCacheTTL
        }

        /// The wait before attempt `attempt + 1` after `attempt` failed, or nil when it was the last.
        public func retryDelay(afterAttempt attempt: Int) -> TimeInterval? {
            guard attempt < maxAttempts else { return nil }
            return min(maxRetryDelay, firstRetryDelay * pow(2, Double(max(0, attempt - 1))))
        }
    }

    /// A delivery's body.
    struct Payload: Encodable {
        var id: String
        var type: String
        var tenantId: String
        var callId: String?
        var agentId: String?
        var at: Date
        var details: [String: String]
    }

    let store: Store
    let events: EventBus
    let configuration: Configuration
    let logger: Logger

    /// A dispatcher over the store's webhooks and the call center's events.
    public init(store: Store, events: EventBus, configuration: Configuration = .init(), logger: Logger = Logger(label: "kefu.webhooks")) {
        self.store = store
        self.events = events
        self.configuration = configuration
        self.logger = logger
    }

    public func run() async throws {
        let stream = events.subscribe(as: "webhooks")
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await queue(stream) }
            group.addTask { await deliverUntilShutdown() }
            group.addTask { try? await gracefulShutdown() }
            _ = await group.next()
            group.cancelAll()
        }
    }

    /// Writes a delivery for each webhook that wants each event.
    private func queue(_ stream: AsyncStream<CallCenterEvent>) async {
        var tenantsWithHooks: (at: Date, tenants: Set<String>)?
        for await event in stream.cancelOnGracefulShutdown() where event.kind != .agentDeviceChanged {
            do {
                if tenantsWithHooks.map({ Date().timeIntervalSince($0.at) >= configuration.webhookCacheTTL }) ?? true {
                    var tenants: Set<String> = []
                    for tenant in try await store.tenants.list() where !(try await store.webhooks.list(tenant.id)).isEmpty {
                        tenants.insert(tenant.id.rawValue)
                    }
                    tenantsWithHooks = (Date(), tenants)
                }
                guard tenantsWithHooks?.tenants.contains(event.tenantID) == true else { continue }
                let payload = Payload(id: UUID().uuidString.lowercased(), type: event.kind.rawValue, tenantId: event.tenantID,
                                      callId: event.callID, agentId: event.agentID, at: event.at, details: event.details)
                let text = String(decoding: try APIJSON.encoder.encode(payload), as: UTF8.self)
                try await store.webhooks.enqueue(TenantID(rawValue: event.tenantID), eventType: event.kind.rawValue, payload: text)
            } catch {
                logger.warning("could not queue a webhook delivery", metadata: ["tenant": "\(event.tenantID)", "error": "\(error)"])
            }
        }
    }

    private func deliverUntilShutdown() async {
        while !Task.isCancelled {
            let delivered = (try? await deliverDue()) ?? 0
            if delivered == 0 { try? await Task.sleep(for: configuration.pollInterval) }
        }
    }

    /// Sends every due delivery once; returns how many were attempted.
    @discardableResult
    public func deliverDue() async throws -> Int {
        let due = try await store.webhooks.claimDue(limit: 20, lease: configuration.requestTimeout + .seconds(30))
        await withTaskGroup(of: Void.self) { group in
            for (delivery, webhook) in due {
                group.addTask { await deliver(delivery, to: webhook) }
            }
        }
        return due.count
    }

    private func deliver(_ delivery: WebhookDelivery, to webhook: Webhook) async {
        let body = Data(delivery.payload.utf8)
        var request = HTTPClientRequest(url: webhook.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "Kefu-Webhooks/1")
        request.headers.add(name: "Kefu-Event", value: delivery.eventType)
        request.headers.add(name: "Kefu-Delivery", value: delivery.id.rawValue)
        request.headers.add(name: WebhookSignature.headerName,
                            value: WebhookSignature.header(secret: webhook.secret, timestamp: Int(Date().timeIntervalSince1970), body: body))
        request.body = .bytes(ByteBuffer(data: body))
        var status: Int?
        var failure: String
        do {
            let timeout = TimeAmount.milliseconds(Int64(configuration.requestTimeout.components.seconds * 1_000))
            let response = try await HTTPClient.shared.execute(request, timeout: timeout)
            status = Int(response.status.code)
            _ = try? await response.body.collect(upTo: 64 * 1024)
            if (200..<300).contains(Int(response.status.code)) {
                try await store.webhooks.markDelivered(delivery.id, statusCode: Int(response.status.code))
                return
            }
            failure = "the receiver answered \(response.status.code)"
        } catch {
            failure = "\(error)"
        }
        let retryAt = configuration.retryDelay(afterAttempt: delivery.attempts).map { Date().addingTimeInterval($0) }
        logger.info("webhook delivery failed", metadata: [
            "tenant": "\(delivery.tenantID)", "webhook": "\(webhook.id)", "attempt": "\(delivery.attempts)", "error": "\(failure)",
            "retry": "\(retryAt.map { "\($0)" } ?? "no more attempts")"])
        try? await store.webhooks.markFailed(delivery.id, statusCode: status, error: failure, retryAt: retryAt)
    }
}
