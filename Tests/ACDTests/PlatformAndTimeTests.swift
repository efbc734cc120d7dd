// Tenants kept apart on one node, and time handled as a value that only moves forward.
import KefuTesting
import Testing
@testable import ACD

@Suite struct PlatformAndTimeTests {
    @Test("each tenant has its own engine: same ids in two tenants never meet")
    func tenantsApart() throws {
        var platform = ACDPlatform()
        var acme = Fixture.tenant(agents: Fixture.agents("1001"))
        acme.tenant = "acme"
        var globex = acme
        globex.tenant = "globex"
        try platform.addTenant(acme)
        try platform.addTenant(globex)
        _ = platform.handle(.agentSignedIn("1001"), tenant: "acme", at: .seconds(1))
        let effects = platform.handle(.taskArrived(RoutingTask(id: "t1", queue: "service")), tenant: "globex",
                                      at: .seconds(2))
        #expect(effects.offers.isEmpty)
        #expect(platform.engines["globex"]?.taskStatus("t1")?.state == .waiting)
        #expect(platform.engines["acme"]?.taskStatus("t1") == nil)
        let unknown = platform.handle(.tick, tenant: "initech", at: .seconds(3))
        #expect(unknown.rejections.first?.error == .unknownTenant("initech"))
    }

    @Test("one tick fires every tenant's due deadlines")
    func tickAcrossTenants() throws {
        var platform = ACDPlatform()
        for name in ["a", "b"] {
            var configuration = Fixture.tenant(queues: [Fixture.queue(offerTimeout: 10)], agents: Fixture.agents("1001"))
            configuration.tenant = TenantID(name)
            try platform.addTenant(configuration)
            _ = platform.handle(.agentSignedIn("1001"), tenant: TenantID(name), at: .seconds(0))
            _ = platform.handle(.taskArrived(RoutingTask(id: "t1", queue: "service")), tenant: TenantID(name),
                                at: .seconds(1))
        }
        #expect(platform.nextDeadline == .seconds(11))
        let fired = platform.tick(at: .seconds(11))
        #expect(fired.map(\.tenant).sorted() == ["a", "b"])
        #expect(fired.allSatisfy { $0.effects.cancellations.first?.reason == .noAnswer })
    }

    @Test("a command older than the last one is taken as happening at the last time")
    func timeOnlyMovesForward() throws {
        var s = try Scenario(Fixture.tenant(agents: Fixture.agents("1001")))
        s.signIn("1001", at: 100)
        s.arrive("t1", at: 50)
        #expect(s.engine.now == .seconds(100))
        #expect(s.task("t1")?.queueEnteredAt == .seconds(100))
    }

    /// The same commands, with ticks every 100 ms or only when a deadline is due, give the
    /// same effects (ticks themselves aside): deadlines fire at their own time.
    @Test("how often the owner ticks does not change the outcome", arguments: [1, 2, 3] as [UInt64])
    func tickGranularity(seed: UInt64) throws {
        var run = try RandomRun(seed: seed)
        for _ in 0..<150 { run.randomStep() }
        let commands = run.journal.filter { $0.command != .tick }
        var sparse = try ACDEngine(configuration: run.configuration, randomSeed: seed)
        var dense = try ACDEngine(configuration: run.configuration, randomSeed: seed)
        var sparseEffects: [ACDEffect] = []
        var denseEffects: [ACDEffect] = []
        var time = ACDInstant.zero
        for entry in commands {
            while time + .milliseconds(100) < entry.at {
                time = time + .milliseconds(100)
                denseEffects += dense.handle(.tick, at: time)
            }
            sparseEffects += sparse.handle(entry.command, at: entry.at)
            denseEffects += dense.handle(entry.command, at: entry.at)
        }
        #expect(sparseEffects == denseEffects)
        #expect(sparse.snapshot(includingQueues: false).tasks == dense.snapshot(includingQueues: false).tasks)
    }
}
