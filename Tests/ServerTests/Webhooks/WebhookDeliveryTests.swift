// Webhooks against a real HTTP receiver on 127.0.0.1: a call event reaches the tenant's URL
// signed with HMAC-SHA256, a 500 is retried, and the delivery log shows both attempts.

import CallCenter
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import NIOFoundationCompat
import Server
import ServiceLifecycle
import Store
import Synchronization
import Testing

@Suite struct WebhookDeliveryTests {
    /// One request the receiver got.
    struct Received: Sendable {
        var signature: String?
        var delivery: String?
        var body: Data
    }

    @Test("a call event is POSTed signed to the tenant's webhook, retried after a 500, and logged as delivered on the second attempt")
    func signedAndRetried() async throws {
        try await ServerFixture.with { fixture in
            let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
            let (received, receivedSink) = AsyncStream<Received>.makeStream()
            let answered = Counter()
            let router = Router()
            router.post("/hook") { request, _ -> HTTPResponse.Status in
                let body = try await request.body.collect(upTo: 1 << 20)
                receivedSink.yield(Received(signature: request.headers[HTTPField.Name("Kefu-Signature")!],
                                            delivery: request.headers[HTTPField.Name("Kefu-Delivery")!], body: Data(buffer: body)))
                return answered.next() == 1 ? .internalServerError : .ok
            }
            let (port, portSink) = AsyncStream<Int>.makeStream()
            let receiver = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                                       onServerRunning: { portSink.yield($0.localAddress?.port ?? 0) }, logger: quiet)
            let dispatcher = WebhookDispatcher(
                store: fixture.store, events: fixture.center.events,
                configuration: .init(pollInterval: .milliseconds(50), requestTimeout: .seconds(5), maxAttempts: 3,
                                     firstRetryDelay: 0.2, webhookCacheTTL: 0), logger: quiet)
            let subscribersBefore = fixture.center.events.subscriberCount
            let group = ServiceGroup(configuration: .init(services: [receiver, dispatcher], logger: quiet))
            let running = Task { try await group.run() }
            defer { running.cancel() }
            var ports = port.makeAsyncIterator()
            let receiverPort = try #require(await ports.next())

            try await fixture.application().test(.router) { client in
                let admin = try await client.login(.demoAdmin)
                let (created, hook) = try await client.send(.post, "/api/v1/config/webhooks", cookie: admin,
                                                            body: ["url": "http://127.0.0.1:\(receiverPort)/hook", "events": ["call.ended"]])
                #expect(created == .created)
                let secret = try #require(hook["secret"].string)
                let id = try #require(hook["id"].string)
                while fixture.center.events.subscriberCount <= subscribersBefore { await Task.yield() }
                fixture.center.events.publish(CallCenterEvent(.callAnswered, tenantID: fixture.demo.rawValue, callID: "call-wh-1"))
                fixture.center.events.publish(CallCenterEvent(.callEnded, tenantID: fixture.demo.rawValue, callID: "call-wh-1",
                                                              details: ["disposition": "answered"]))

                let requests = try await Self.first(2, of: received, within: .seconds(30))
                #expect(requests.count == 2)
                for request in requests {
                    let signature = try #require(request.signature)
                    #expect(WebhookSignature.verify(header: signature, secret: secret, body: request.body, now: Date()))
                    #expect(!WebhookSignature.verify(header: signature, secret: secret + "x", body: request.body, now: Date()))
                    let payload = try #require(try JSONSerialization.jsonObject(with: request.body) as? [String: Any])
                    #expect(payload["type"] as? String == "call.ended", "only the event type the webhook asked for")
                    #expect(payload["call_id"] as? String == "call-wh-1")
                }
                #expect(requests[0].delivery == requests[1].delivery, "the retry is the same delivery")

                var log = JSONObject(value: nil)
                let deadline = ContinuousClock.now + .seconds(20)
                repeat {
                    log = try await client.send(.get, "/api/v1/config/webhooks/\(id)/deliveries", cookie: admin).1
                    if log["items"][0]["status"].string == "delivered" { break }
                    try await Task.sleep(for: .milliseconds(50))
                } while ContinuousClock.now < deadline
                #expect(log["items"].array.count == 1)
                #expect(log["items"][0]["status"].string == "delivered")
                #expect(log["items"][0]["attempts"].int == 2)
                #expect(log["items"][0]["last_status_code"].int == 200)
            }
            await group.triggerGracefulShutdown()
            receivedSink.finish()
            _ = await running.result
        }
    }

    @Test("a signature verifies within the tolerance only, and not for another body or secret")
    func signature() {
        let body = Data(#"{"type":"call.ended"}"#.utf8)
        let madeAt = Date(timeIntervalSince1970: 1_790_000_000)
        let header = WebhookSignature.header(secret: "s3cret-s3cret-s3cret", timestamp: 1_790_000_000, body: body)
        #expect(header.hasPrefix("t=1790000000,v1="))
        #expect(WebhookSignature.verify(header: header, secret: "s3cret-s3cret-s3cret", body: body, now: madeAt.addingTimeInterval(60)))
        #expect(!WebhookSignature.verify(header: header, secret: "s3cret-s3cret-s3cret", body: body, now: madeAt.addingTimeInterval(400)),
                "a replay after the tolerance is refused")
        #expect(!WebhookSignature.verify(header: header, secret: "s3cret-s3cret-s3cret", body: Data(#"{"type":"call.endeD"}"#.utf8), now: madeAt))
        #expect(!WebhookSignature.verify(header: header, secret: "another-secret-value", body: body, now: madeAt))
        #expect(!WebhookSignature.verify(header: "v1=abc", secret: "s3cret-s3cret-s3cret", body: body, now: madeAt))
    }

    @Test("retries back off exponentially up to the cap, and stop after the last attempt")
    func backoff() {
        let configuration = WebhookDispatcher.Configuration(maxAttempts: 5, firstRetryDelay: 10, maxRetryDelay: 60)
        #expect((1...5).map { configuration.retryDelay(afterAttempt: $0) } == [10, 20, 40, 60, nil])
    }

    /// The first `count` elements of `stream`, or fewer when `limit` passes first.
    static func first<T: Sendable>(_ count: Int, of stream: AsyncStream<T>, within limit: Duration) async throws -> [T] {
        try await withThrowingTaskGroup(of: [T]?.self) { group in
            group.addTask {
                var items: [T] = []
                for await item in stream {
                    items.append(item)
                    if items.count == count { break }
                }
                return items
            }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            let result = try await group.next() ?? nil
            group.cancelAll()
            return result ?? []
        }
    }
}

/// A thread-safe counter of the receiver's answers.
final class Counter: Sendable {
    private let value = Mutex(0)

    /// Counts one more and returns the new count.
    func next() -> Int { value.withLock { $0 += 1; return $0 } }
}
