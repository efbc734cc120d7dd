// A real Kefu behind the API for tests: a Store on SQLite in a temporary directory,
// provisioned with examples/demo.yaml and a second tenant, and a CallCenter whose ACD runs
// (SIP and media are built but not started).

import CallCenter
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Media
import NIOCore
import NIOFoundationCompat
import Server
import ServiceLifecycle
import SIPStack
import Store
import Testing

/// The store, call center and server services of one test.
struct ServerFixture: Sendable {
    let directory: URL
    let store: Store
    let center: CallCenter
    let media: MediaEngine
    let services: ServerServices
    let demo: TenantID
    let beta: TenantID

    /// Agent ids by work number, per tenant code.
    let agents: [String: [String: String]]

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The second tenant and a platform operator, beside examples/demo.yaml.
    static let betaYAML = """
        version: 1
        platform:
          users:
            - { username: operator, display_name: Platform operator, roles: [platform_admin], password: operator-pass }
            - { username: reviewer, display_name: Content reviewer, roles: [platform_reviewer], password: reviewer-pass }
        tenants:
          - code: beta
            name: Beta Co.
            time_zone: Asia/Shanghai
            sip_domain: beta.kefu.local
            masking: last_four
            not_ready_reasons:
              - { code: lunch, name: 午餐 }
            skills:
              - { name: sales }
            queues:
              - { name: sales, display_name: 销售, strategy: longest_idle, skills: [ { skill: sales, min_level: 1 } ] }
            agents:
              - { work_number: "2001", name: Beta Agent, extension: "2001", password: beta2001,
                  skills: [ { skill: sales, level: 3 } ], queues: [ { queue: sales, tier: 1 } ] }
            users:
              - { username: admin, display_name: Beta admin, roles: [tenant_admin], password: beta-admin }
              - { username: supervisor, display_name: Beta supervisor, roles: [supervisor], password: beta-supervisor }
              - { username: agent2001, display_name: Beta agent, roles: [agent], password: beta-agent, agent: "2001" }
        """

    /// Builds everything, runs `body`, and tears it down even when `body` throws.
    static func with<R>(sip: Bool = false, _ body: (ServerFixture) async throws -> R) async throws -> R {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var configuration = StoreConfiguration(backend: .sqlite(path: directory.appendingPathComponent("kefu.sqlite").path))
        configuration.passwordCost = 4
        configuration.logger = Logger(label: "test.store", factory: { _ in SwiftLogNoOpLogHandler() })
        let store = try await Store.open(configuration)
        let media: MediaEngine
        do {
            let provisioner = Provisioner(store: store, options: ProvisioningOptions(dataDirectory: directory.path))
            _ = try await provisioner.apply(try ProvisioningDocument.load(contentsOf: repositoryRoot.appendingPathComponent("examples/demo.yaml")))
            _ = try await provisioner.apply(try ProvisioningDocument.parse(yaml: betaYAML))
            // The desk tests start from the built-in codes and no CRM page; StoreTests check demo.yaml's own.
            if let demo = try await store.tenants.find(code: "demo") { try await store.deskSettings.save(demo.id, DeskSettings()) }
            media = try MediaEngine(
                configuration: .init(portRange: 40000...40100, eventLoopThreads: 1, speechCacheDirectory: directory.appendingPathComponent("tts").path),
                logger: Logger(label: "test.media", factory: { _ in SwiftLogNoOpLogHandler() }))
        } catch {
            await store.close()
            throw error
        }
        let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let directoryOfTenants = TenantDirectory()
        var sipConfiguration = SIPUserAgentConfiguration(
            stack: SIPStackConfiguration(listenAddresses: sip ? [SIPListenAddress(transport: .udp, host: "127.0.0.1", port: 0)] : []))
        sipConfiguration.invitesNeedingAuthentication = { directoryOfTenants.requiresAuthentication($0) }
        let userAgent = SIPUserAgent(configuration: sipConfiguration, credentials: StoreCredentialProvider(store: store), logger: quiet)
        let (ready, readySignal) = AsyncStream<Void>.makeStream()
        let center = CallCenter(
            store: store, userAgent: userAgent, media: media, directory: directoryOfTenants,
            settings: CallCenterSettings(dataDirectory: directory.path, alwaysOpen: true), logger: quiet,
            onReady: { _ in readySignal.yield() })
        // With SIP the call center runs whole (it loads tenants and starts the ACD itself);
        // without, only the ACD runs.
        var running: (group: ServiceGroup, task: Task<Void, any Error>)?
        do {
            if sip {
                let group = ServiceGroup(configuration: .init(services: [center], logger: quiet))
                running = (group, Task {
                    defer { readySignal.finish() }
                    try await group.run()
                })
                for await _ in ready { break }
                guard !userAgent.boundAddresses.isEmpty else { throw CallCenterDidNotStart() }
            } else {
                try await center.reload()
                await center.acd.startTimers()
            }
            let demo = try #require(try await store.tenants.find(code: "demo")).id
            let beta = try #require(try await store.tenants.find(code: "beta")).id
            var agents: [String: [String: String]] = [:]
            for (code, tenant) in [("demo", demo), ("beta", beta)] {
                agents[code] = Dictionary(uniqueKeysWithValues: try await store.agents.list(tenant).map { ($0.workNumber, $0.id.rawValue) })
            }
            // Roles demo.yaml does not have: a QA inspector and a second agent user.
            _ = try await store.users.create(.tenant(demo), UserDefinition(username: "qa", displayName: "质检", roles: [.qaInspector]),
                                             password: .plain("demo-qa-pass"))
            _ = try await store.users.create(
                .tenant(demo), UserDefinition(username: "agent1002", displayName: "李强", roles: [.agent], agentID: AgentID(rawValue: agents["demo"]!["1002"]!)),
                password: .plain("demo-agent-1002"))
            let fixture = ServerFixture(
                directory: directory, store: store, center: center, media: media,
                // No request rate limit and no shared wallboard snapshots: the route tests make
                // bursts of requests on one session and expect each board to be new (both have
                // their own tests).
                services: ServerServices(store: store, callCenter: center, dataDirectory: directory.path,
                                         limits: APILimits(requestsPerSecond: 0, wallboardReuse: 0), threads: Self.apiThreads,
                                         metricsToken: Self.metricsToken),
                demo: demo, beta: beta, agents: agents)
            let result = try await body(fixture)
            await stop(center, running: running, media: media, store: store)
            return result
        } catch {
            await stop(center, running: running, media: media, store: store)
            throw error
        }
    }

    /// Stops the call center (its service group, or the ACD and media alone), then the store.
    private static func stop(
        _ center: CallCenter, running: (group: ServiceGroup, task: Task<Void, any Error>)?, media: MediaEngine, store: Store
    ) async {
        if let running {
            await running.group.triggerGracefulShutdown()
            _ = await running.task.result
        } else {
            await center.acd.stop()
            await media.shutdown()
        }
        await store.close()
    }

    /// Where the call center takes SIP (with `sip: true`).
    var sipPort: Int? { center.userAgent.boundAddresses.first?.port }

    /// The agent id of `workNumber` in tenant `code`.
    func agent(_ workNumber: String, in code: String = "demo") -> String { agents[code]![workNumber]! }

    /// The API as an application for HummingbirdTesting (over ``services`` unless given others).
    func application(_ services: ServerServices? = nil) -> some ApplicationProtocol {
        KefuHTTPServer(services: services ?? self.services, configuration: .init(port: 0, webhooks: nil),
                       logger: Logger(label: "test.http", factory: { _ in SwiftLogNoOpLogHandler() }))
            .makeApplication()
    }

    /// Services over the fixture's store and call center with other `limits` and clock.
    func services(limits: APILimits, now: @escaping @Sendable () -> Date = { Date() }) -> ServerServices {
        ServerServices(store: store, callCenter: center, dataDirectory: directory.path, limits: limits, threads: Self.apiThreads,
                       metricsToken: Self.metricsToken, now: now)
    }

    /// The `/metrics` scrape token of the fixture's servers.
    static let metricsToken = "test-metrics-scraper-token"

    /// The API threads of every test server, at the test process's own priority: tests run
    /// side by side, and lowered threads would wait behind the other tests' work.
    static let apiThreads = APIThreads(threads: 2, niceness: 0)
}

/// Users of the fixture, by what they are.
enum TestUser: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case demoAdmin, demoSupervisor, demoAgent1001, demoAgent1002, demoQA, betaAdmin, betaSupervisor, betaAgent, platformOperator
    case platformReviewer

    var tenant: String? {
        switch self {
        case .demoAdmin, .demoSupervisor, .demoAgent1001, .demoAgent1002, .demoQA: "demo"
        case .betaAdmin, .betaSupervisor, .betaAgent: "beta"
        case .platformOperator, .platformReviewer: nil
        }
    }

    var credentials: (username: String, password: String) {
        switch self {
        case .demoAdmin: ("admin", "demo-admin")
        case .demoSupervisor: ("supervisor", "demo-supervisor")
        case .demoAgent1001: ("agent1001", "demo-agent")
        case .demoAgent1002: ("agent1002", "demo-agent-1002")
        case .demoQA: ("qa", "demo-qa-pass")
        case .betaAdmin: ("admin", "beta-admin")
        case .betaSupervisor: ("supervisor", "beta-supervisor")
        case .betaAgent: ("agent2001", "beta-agent")
        case .platformOperator: ("operator", "operator-pass")
        case .platformReviewer: ("reviewer", "reviewer-pass")
        }
    }

    var testDescription: String { rawValue }
}

extension TestClientProtocol {
    /// Logs `user` in and returns the `Cookie` header value for later requests.
    func login(_ user: TestUser) async throws -> String {
        let (username, password) = user.credentials
        var body: [String: String] = ["username": username, "password": password]
        if let tenant = user.tenant { body["tenant"] = tenant }
        return try await execute(uri: "/api/v1/login", method: .post, headers: [.contentType: "application/json"], body: .json(body)) { response in
            #expect(response.status == .ok, "login of \(user)")
            let setCookie = try #require(response.headers[.setCookie])
            return String(try #require(setCookie.split(separator: ";").first))
        }
    }

    /// A request as a logged-in user (`cookie` from ``login(_:)``), returning status and JSON.
    func call(_ method: HTTPRequest.Method, _ uri: String, cookie: String?, json: [String: String]? = nil) async throws -> (HTTPResponse.Status, JSONObject) {
        var headers: HTTPFields = [:]
        if let cookie { headers[.cookie] = cookie }
        if json != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer.json($0) }) { response in
            (response.status, JSONObject(response.body))
        }
    }
}

extension ByteBuffer {
    /// `value` as a JSON body.
    static func json(_ value: some Encodable) -> ByteBuffer {
        ByteBuffer(bytes: try! JSONEncoder().encode(value))
    }
}

/// A parsed JSON response for assertions: `json["error"]["field"].string`.
struct JSONObject: @unchecked Sendable {
    let value: Any?

    init(_ buffer: ByteBuffer) {
        value = buffer.readableBytes == 0 ? nil : try? JSONSerialization.jsonObject(with: Data(buffer: buffer), options: [.fragmentsAllowed])
    }

    init(value: Any?) {
        self.value = value
    }

    subscript(key: String) -> JSONObject { JSONObject(value: (value as? [String: Any])?[key]) }
    subscript(index: Int) -> JSONObject {
        guard let array = value as? [Any], array.indices.contains(index) else { return JSONObject(value: nil) }
        return JSONObject(value: array[index])
    }

    var string: String? { value as? String }
    var int: Int? { (value as? NSNumber)?.intValue }
    var array: [JSONObject] { (value as? [Any])?.map { JSONObject(value: $0) } ?? [] }
    var isNull: Bool { value == nil || value is NSNull }
}

/// The call center stopped before it took calls.
struct CallCenterDidNotStart: Error {}
