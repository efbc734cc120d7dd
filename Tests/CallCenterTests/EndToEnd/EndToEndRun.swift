// One end-to-end run: kefu serving a test tenant, SIPp agents and callers around it, and
// everything stopped and reaped at the end whatever happened.

import Foundation
import SIPTesting
import Store
import Testing

/// The test tones: each party sends its own, so a probe or a recording channel tells who
/// is heard.
enum Tones {
    /// What every caller sends.
    static let caller = 1000
    /// What agent `number` sends.
    static func agent(_ number: String) -> Int { ["1001": 1400, "1002": 1800, "1003": 2200][number] ?? 2600 }
    /// What the carrier's far end (a customer or PC+Phone agent's mobile) sends.
    static let farEnd = 2600
    /// Everything a probe or a recording is checked for.
    static let all = [1000, 1400, 1800, 2200, 2600]
    /// Blocks of 20 ms that count as "heard": one second of tone.
    static let heard = 50
}

/// kefu serving a tenant, with the SIPp parties a test starts; `with` stops them all.
final class EndToEndRun: @unchecked Sendable {
    /// The demo passwords of examples/demo.yaml.
    static let passwords = ["1001": "demo1001", "1002": "demo1002", "1003": "demo1003"]

    /// The run's folder (tenant files, kefu data, SIPp files).
    let directory: String
    /// kefu.
    let kefu: KefuProcess
    private let lock = NSLock()
    private var agents: [SIPpAgent] = []
    private var callers: [SIPpCaller] = []
    private var softphones: [BaresipAgent] = []
    private var pjsuaPhones: [PJSUAPhone] = []
    private var kefuStopped = false

    private init(directory: String, kefu: KefuProcess) {
        self.directory = directory
        self.kefu = kefu
    }

    /// Whether the machine has what the tests need: SIPp and a built kefu.
    static var canRun: Bool { SIPpProcess.isInstalled && PackageRoot.kefuExecutable() != nil }

    /// Writes `tenant`, starts `kefu serve --provision` (plus `kefuArguments`) on free ports, runs `body`, then stops
    /// callers, agents and kefu (SIGTERM, so it writes its CDRs) even when `body` throws. The
    /// folder is removed afterwards unless `KEFU_E2E_KEEP` is set.
    static func with(tenant: TestTenant, kefuArguments: [String] = [], environment: [String: String]? = nil, _ body: (EndToEndRun) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-e2e-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer {
            if ProcessInfo.processInfo.environment["KEFU_E2E_KEEP"] == nil { try? FileManager.default.removeItem(atPath: directory) }
        }
        let provision = try tenant.write(to: directory + "/tenant")
        let kefu = try await KefuProcess.start(dataDirectory: directory + "/data", arguments: ["--provision", provision] + kefuArguments,
                                             environment: environment)
        let run = EndToEndRun(directory: directory, kefu: kefu)
        do {
            try await body(run)
        } catch {
            await run.tearDown()
            throw EndToEndError(description: "\(error)\n\(run.diagnostics)")
        }
        await run.tearDown()
    }

    /// Starts agent `number`'s phone with `behaviour` (on `sipPort`, a free one by default)
    /// and, unless told otherwise, registers and signs it in (`*1`).
    @discardableResult
    func agent(_ number: String, _ behaviour: SIPpAgent.Behaviour = .answer, signIn: Bool = true, sipPort: Int = LoopbackPort.free()) async throws -> SIPpAgent {
        let agent = try SIPpAgent(
            extension: number, password: Self.passwords[number] ?? "", domain: TestTenant.domain, kefuPort: kefu.sipPort,
            behaviour: behaviour, tone: Tones.agent(number), listensFor: Tones.all, fixtures: TestTenant.fixtures + "/sipp",
            directory: directory, sipPort: sipPort)
        lock.withLock { agents.append(agent) }
        if signIn { try await agent.signIn() }
        return agent
    }

    /// Starts the carrier's gateway behind the demo trunk on `port` (the tenant's trunk must
    /// point there): a SIPp UAS that answers whatever kefu sends it, with a probe sending
    /// `tone` Hz. Not registered.
    func gateway(port: Int, tone: Int = Tones.farEnd) throws -> SIPpAgent {
        let gateway = try SIPpAgent(
            extension: "gateway", password: "", domain: "carrier.loopback", kefuPort: kefu.sipPort, behaviour: .answer,
            tone: tone, listensFor: Tones.all, fixtures: TestTenant.fixtures + "/sipp", directory: directory, sipPort: port)
        lock.withLock { agents.append(gateway) }
        return gateway
    }

    /// Starts baresip as agent `number`'s softphone (auto-answer, sending the agent's tone),
    /// waits for its registration and signs it in by dialling `*1` from it. Ports another
    /// process took between the pick and baresip's bind (the machine is shared) are picked
    /// again, twice at most.
    func baresip(_ number: String) async throws -> BaresipAgent {
        var attempt = 1
        var phone: BaresipAgent
        while true {
            phone = try BaresipAgent(
                extension: number, password: Self.passwords[number] ?? "", domain: TestTenant.domain, kefuPort: kefu.sipPort,
                tone: Tones.agent(number), directory: directory + "/baresip-\(number)-\(attempt)")
            lock.withLock { softphones.append(phone) }
            do {
                try await phone.waitForRegistration(timeout: .seconds(20))
                break
            } catch where attempt < 3 && phone.logTail.contains("Address already in use") {
                await phone.stop()
                attempt += 1
            }
        }
        let events = try await phone.dialAndWaitForEnd("*1", timeout: .seconds(30))
        guard events.contains("CALL_ESTABLISHED") else {
            throw EndToEndError(description: "kefu did not answer baresip's *1: \(events)\n\(phone.logTail)")
        }
        return phone
    }

    /// Starts pjsua2 as agent `number`'s softphone (auto-answer, sending `tone`, the agent's by
    /// default), waits for its registration and, unless told otherwise, signs it in by dialling
    /// `*1` (its call 0).
    func pjsua(_ number: String, tone: Int? = nil, signIn: Bool = true) async throws -> PJSUAPhone {
        let phone = try PJSUAPhone(
            extension: number, password: Self.passwords[number] ?? "", domain: TestTenant.domain, kefuPort: kefu.sipPort,
            tone: tone ?? Tones.agent(number), script: TestTenant.fixtures + "/pjsua/agent-phone.py",
            directory: directory + "/pjsua-\(number)-\(UUID().uuidString.prefix(4))")
        lock.withLock { pjsuaPhones.append(phone) }
        if signIn { try await phone.signIn() } else { try await phone.waitForRegistration() }
        return phone
    }

    /// Places a call from `caller` to the demo access number.
    func call(from caller: String = "13800000001", _ behaviour: SIPpCaller.Behaviour) throws -> SIPpCaller {
        let call = try SIPpCaller(
            number: TestTenant.accessNumber, caller: caller, domain: TestTenant.domain, kefuPort: kefu.sipPort,
            behaviour: behaviour, tone: Tones.caller, listensFor: Tones.all, fixtures: TestTenant.fixtures + "/sipp",
            directory: directory)
        lock.withLock { callers.append(call) }
        return call
    }

    /// Stops kefu with SIGTERM (once) and returns its exit status.
    @discardableResult
    func stopKefu() async -> Int32 {
        let first = lock.withLock { () -> Bool in
            defer { kefuStopped = true }
            return !kefuStopped
        }
        guard first else { return kefu.child.exitStatus ?? -1 }
        return await kefu.stop()
    }

    /// The call path's holdings on `/metrics` that should be zero once every call is over:
    /// media ports and dialogs, and with `transactions` also SIP transactions (a server
    /// transaction lingers 32 s after its final response over UDP, Timer J). Polls until all
    /// are zero or `timeout` passes; returns those still non-zero (empty: nothing leaked), or
    /// `["no gauges": 1]` when kefu's `/metrics` lacks them.
    func leftovers(within timeout: Duration, transactions: Bool = false) async -> [String: Double] {
        var series = ["kefu_media_ports_in_use", "kefu_sip_dialogs"]
        if transactions { series += ["kefu_sip_transactions{kind=\"server\"}", "kefu_sip_transactions{kind=\"client\"}"] }
        let deadline = ContinuousClock.now + timeout
        var left: [String: Double] = ["no gauges": 1]
        repeat {
            let samples = await kefu.metrics()
            if series.allSatisfy({ samples[$0] != nil }) {
                left = samples.filter { series.contains($0.key) && $0.value != 0 }
                if left.isEmpty { return left }
            }
            try? await Task.sleep(for: .milliseconds(500))
        } while ContinuousClock.now < deadline
        return left
    }

    /// Records an issue when kefu still holds media ports or dialogs 10 s after every call
    /// of the scenario ended (a leak).
    func expectNothingHeld(sourceLocation: SourceLocation = #_sourceLocation) async {
        let left = await leftovers(within: .seconds(10))
        #expect(left.isEmpty, "kefu still holds media ports or dialogs after the calls ended: \(left)\n\(diagnostics)", sourceLocation: sourceLocation)
    }

    /// Whether `/metrics` shows `value` for `series` within `timeout` (gauges are sampled
    /// every second).
    func metric(_ series: String, reaches value: Double, within timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if await kefu.metrics()[series] == value { return true }
            try? await Task.sleep(for: .milliseconds(250))
        }
        return await kefu.metrics()[series] == value
    }

    /// The states agent `number` entered so far, from kefu's log (see `AgentStateLog`).
    func agentStates(_ number: String) async throws -> [String] {
        let id = try await records { try await $0.agent(extension: number).id.rawValue }
        return AgentStateLog.states(in: kefu.log, agent: id)
    }

    /// Reads the database kefu left.
    func records<R>(_ body: (CallRecords) async throws -> R) async throws -> R {
        try await CallRecords.read(databasePath: kefu.databasePath, body)
    }

    /// kefu's log tail and every party's SIPp log tail, for failure messages.
    var diagnostics: String {
        let (parties, softphones, pjsuaPhones) = lock.withLock { (agents.map(\.phone) + callers.map(\.party), self.softphones, self.pjsuaPhones) }
        return (["--- kefu log (tail) ---\n" + kefu.logTail(lines: 60)] + parties.map { "\($0.logTail(characters: 2500))\n--- \($0.name): probe: \($0.probe.statistics)" }
            + softphones.map(\.logTail) + pjsuaPhones.map(\.logTail))
            .joined(separator: "\n")
    }

    private func tearDown() async {
        let (callers, agents, softphones, pjsuaPhones) = lock.withLock { (self.callers, self.agents, self.softphones, self.pjsuaPhones) }
        for caller in callers where caller.party.isRunning { _ = await caller.party.stop() }
        for phone in softphones { await phone.stop() }
        for phone in pjsuaPhones { await phone.stop() }
        await stopKefu()
        for agent in agents { _ = await agent.stop() }
        for caller in callers { caller.probe.stop() }
    }
}

/// A failed end-to-end step, with kefu's and the parties' logs.
struct EndToEndError: Error, CustomStringConvertible {
    var description: String
}

extension Array where Element: Equatable {
    /// Whether `expected` occurs in order (not necessarily adjacent) in the array.
    func containsInOrder(_ expected: [Element]) -> Bool {
        var remaining = expected[...]
        for element in self where remaining.first == element { remaining = remaining.dropFirst() }
        return remaining.isEmpty
    }
}
