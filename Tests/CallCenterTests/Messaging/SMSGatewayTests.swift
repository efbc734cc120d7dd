// Kefu's SMS path against a real SMPP peer on loopback (the test SMSC): messages queued in
// the SQLite outbox go out over SMPP, receipts mark them delivered, a refused number is given
// up with the reason, the link is kept alive and comes back after the SMSC drops it, and an
// unreachable SMSC never holds up the code that queues a message.

import CallCenter
import Foundation
import Logging
import Store
import Testing

@Suite(.serialized) struct SMSGatewayTests {
    /// A SQLite store with one tenant, removed afterwards.
    static func withStore(_ body: (Store, TenantID) async throws -> Void) async throws {
        let path = NSTemporaryDirectory() + "kefu-sms-\(UUID().uuidString).sqlite"
        let store = try await Store.open(StoreConfiguration(backend: .sqlite(path: path)))
        _ = try await store.migrate()
        let tenant = try await store.tenants.create(TenantDefinition(
            code: "acme", name: "Acme", timeZone: "Asia/Shanghai", sipDomain: "acme.kefu.test"))
        do {
            try await body(store, tenant.id)
        } catch {
            await store.close()
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        await store.close()
        try? FileManager.default.removeItem(atPath: path)
    }

    static func client(_ smsc: TestSMSC, password: String = "secret", enquireLink: Duration = .seconds(30)) -> SMPPClient {
        SMPPClient(configuration: SMPPClientConfiguration(
            host: "127.0.0.1", port: smsc.port, systemID: "kefu", password: password, defaultSource: "4001234567",
            enquireLinkInterval: enquireLink, responseTimeout: .seconds(5), initialBackoff: .milliseconds(100),
            maximumBackoff: .milliseconds(400), submitsPerSecond: 200),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    /// Runs `dispatcher` while `body` runs, and waits for it to stop before returning, so it
    /// never writes to a store the test has closed.
    static func running<R>(_ dispatcher: SMSDispatcher, _ body: () async throws -> R) async throws -> R {
        let task = Task { await dispatcher.run() }
        do {
            let result = try await body()
            task.cancel()
            await task.value
            return result
        } catch {
            task.cancel()
            await task.value
            throw error
        }
    }

    static let fastPolicy = SMSDispatcher.Policy(pollInterval: .milliseconds(50), firstRetryDelay: .milliseconds(100))

    static func waitForStatuses(_ store: Store, _ tenant: TenantID, timeout: Duration = .seconds(20),
                                until done: ([SMSMessage]) -> Bool) async throws -> [SMSMessage] {
        let deadline = ContinuousClock.now + timeout
        var messages = try await store.smsOutbox.list(tenant)
        while ContinuousClock.now < deadline, !done(messages) {
            try await Task.sleep(for: .milliseconds(100))
            messages = try await store.smsOutbox.list(tenant)
        }
        return messages
    }

    @Test("queued messages are submitted over SMPP, receipts mark them delivered, a refused number is given up")
    func sendAndReceipts() async throws {
        let smsc = try await TestSMSC.start()
        defer { Task { await smsc.stop() } }
        try await Self.withStore { store, tenant in
            let long = String(repeating: "您的工单已受理，", count: 20)
            _ = try await store.smsOutbox.enqueue(tenant, SMSDraft(to: "13800138000", body: "Your callback is booked", purpose: "ivr"))
            _ = try await store.smsOutbox.enqueue(tenant, SMSDraft(to: "13900139000", body: long, purpose: "hangup", callID: "c-1"))
            _ = try await store.smsOutbox.enqueue(tenant, SMSDraft(to: "0001", body: "nobody", purpose: "ivr"))
            let dispatcher = SMSDispatcher(store: store, gateway: Self.client(smsc), policy: Self.fastPolicy,
                                           logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
            try await Self.running(dispatcher) {
                let messages = try await Self.waitForStatuses(store, tenant) { list in
                    list.count == 3 && list.allSatisfy { $0.status == .delivered || $0.status == .failed }
                }
                let byNumber = Dictionary(uniqueKeysWithValues: messages.map { ($0.draft.to, $0) })
                #expect(byNumber["13800138000"]?.status == .delivered)
                #expect(byNumber["13900139000"]?.status == .delivered)
                #expect(byNumber["0001"]?.status == .failed)
                #expect(byNumber["0001"]?.lastError?.contains("0xb") == true, "the SMSC's refusal is kept as the reason")
                #expect(byNumber["0001"]?.attempts == 1, "a permanent refusal is not retried")
                let submits = smsc.events("submit")
                let chinese = submits.filter { $0["destination"] as? String == "13900139000" }
                #expect(chinese.count == 3, "the long Chinese text went in three parts")
                #expect(chinese.allSatisfy { $0["data_coding"] as? Int == 8 && $0["esm_class"] as? Int == 0x40 })
                #expect(submits.first { $0["destination"] as? String == "13800138000" }?["source"] as? String == "4001234567")
            }
        }
    }

    @Test("after the SMSC drops the link the client binds again and the rest of the messages go out")
    func reconnects() async throws {
        let smsc = try await TestSMSC.start(["--drop-after", "2"])
        defer { Task { await smsc.stop() } }
        try await Self.withStore { store, tenant in
            for index in 1...6 {
                _ = try await store.smsOutbox.enqueue(tenant, SMSDraft(to: "1380013800\(index)", body: "message \(index)", purpose: "notification"))
            }
            let client = Self.client(smsc)
            let dispatcher = SMSDispatcher(store: store, gateway: client, policy: Self.fastPolicy,
                                           logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
            try await Self.running(dispatcher) {
                let messages = try await Self.waitForStatuses(store, tenant) { list in
                    list.allSatisfy { $0.status == .delivered || $0.status == .sent }
                        && list.filter { $0.status == .delivered }.count >= 4
                }
                #expect(messages.allSatisfy { $0.status == .delivered || $0.status == .sent }, "\(messages.map { ($0.draft.to, $0.status) })")
                #expect(smsc.events("dropped").count == 1)
                #expect(smsc.events("bind").count >= 2, "the client bound again after the drop")
                #expect(await client.bindCount >= 2)
                let destinations = smsc.events("submit").compactMap { $0["destination"] as? String }
                #expect(Set(destinations).count == 6, "every message reached the SMSC")
            }
        }
    }

    @Test("the link is checked with enquire_link while idle")
    func keepAlive() async throws {
        let smsc = try await TestSMSC.start()
        defer { Task { await smsc.stop() } }
        let client = Self.client(smsc, enquireLink: .milliseconds(200))
        let running = Task { await client.run() }
        defer { running.cancel() }
        #expect(try await smsc.waitFor { $0.filter { $0["event"] as? String == "enquire_link" }.count >= 3 })
        #expect(await client.isBound)
    }

    @Test("with a wrong password the client keeps retrying the bind and the queued message waits, attempts unspent")
    func unreachable() async throws {
        let smsc = try await TestSMSC.start()
        defer { Task { await smsc.stop() } }
        try await Self.withStore { store, tenant in
            let client = Self.client(smsc, password: "wrong")
            let dispatcher = SMSDispatcher(store: store, gateway: client, policy: Self.fastPolicy,
                                           logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
            try await Self.running(dispatcher) {
                _ = try await store.smsOutbox.enqueue(tenant, SMSDraft(to: "13800138000", body: "hello", purpose: "hangup"))
                #expect(try await smsc.waitFor { $0.filter { $0["event"] as? String == "bind" }.count >= 2 },
                        "the client keeps trying to bind")
                let message = try #require(try await store.smsOutbox.list(tenant).first)
                #expect(message.status == .queued, "the message waits in the outbox")
                #expect(message.attempts == 0, "no attempt is spent while the gateway is not ready")
                #expect(smsc.events("bind").allSatisfy { $0["ok"] as? Bool == false })
                #expect(smsc.events("submit").isEmpty)
                #expect(await !client.isBound)
            }
        }
    }
}
