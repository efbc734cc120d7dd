// A platform-scale ACD world for the benchmarks: many tenants, every agent busy in the
// loaded queues with a backlog of waiting tasks, and idle agents in a few light queues.
import ACD
import Benchmark

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// This thread's CPU time in nanoseconds.
func threadCPUNanoseconds() -> Int {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Int(time.tv_sec) * 1_000_000_000 + Int(time.tv_nsec)
}

/// How many tenants, queues, agents and waiting tasks.
struct PlatformShape: Sendable {
    var name: String
    var tenants: Int
    var queuesPerTenant: Int
    var agentsPerTenant: Int
    var waitingPerTenant: Int

    /// 100 tenants × (10 queues, 100 agents, 500 waiting tasks).
    static let hundredTenants = PlatformShape(name: "100 tenants × (10 queues, 100 agents, 500 waiting)",
                                              tenants: 100, queuesPerTenant: 10, agentsPerTenant: 100,
                                              waitingPerTenant: 500)
    /// The same totals in one tenant: 1,000 queues, 10,000 agents, 50,000 waiting tasks.
    static let oneTenant = PlatformShape(name: "1 tenant × (1,000 queues, 10,000 agents, 50,000 waiting)",
                                         tenants: 1, queuesPerTenant: 1000, agentsPerTenant: 10_000,
                                         waitingPerTenant: 50_000)
}

/// One tenant's engine and what the benchmark knows about it.
struct TenantWorld {
    var engine: ACDEngine
    var loadedQueues: [QueueID]
    var lightQueues: [QueueID]
    /// Tasks being handled, oldest first (a ring: `head` is the next to complete).
    var connected: [(agent: AgentID, task: TaskID)] = []
    var head = 0
    var freeTaskIDs: [TaskID] = []
    var nextTask = 0

    mutating func newTaskID() -> TaskID {
        if let id = freeTaskIDs.popLast() { return id }
        nextTask += 1
        return TaskID("task-\(nextTask)")
    }

    mutating func popConnected() -> (agent: AgentID, task: TaskID)? {
        guard head < connected.count else { return nil }
        let entry = connected[head]
        head += 1
        if head > 4096 && head * 2 > connected.count {
            connected.removeFirst(head)
            head = 0
        }
        return entry
    }
}

/// The benchmark world, a class so the benchmark closures can share it. Its state lives
/// behind a pointer: mutating a class's stored properties costs a dynamic exclusivity check
/// per access, which would be counted against the engine.
final class PlatformWorld {
    let state: UnsafeMutablePointer<WorldState>

    init(_ shape: PlatformShape) {
        state = .allocate(capacity: 1)
        state.initialize(to: WorldState(shape))
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
    }

    func readyToOffer(_ benchmark: Benchmark) { state.pointee.readyToOffer(benchmark) }
    func arrivalToOffer(_ benchmark: Benchmark) { state.pointee.arrivalToOffer(benchmark) }
    func sustainedDecisions(_ benchmark: Benchmark) { state.pointee.sustainedDecisions(benchmark) }
}

/// Engines, a clock, a random source, and the loops that drive them.
struct WorldState {
    var tenants: [TenantWorld] = []
    var time = ACDInstant(milliseconds: 1_000)
    var random = ACDRandom(seed: 2026)
    var effects: [ACDEffect] = []
    var answers: [(offer: OfferID, agent: AgentID, task: TaskID)] = []
    var cursor = 0
    var noOffer = 0

    init(_ shape: PlatformShape) {
        for index in 0..<shape.tenants {
            tenants.append(Self.makeTenant(index, shape, &random, &time))
        }
    }

    // MARK: The three measurements

    /// An agent busy in the loaded queues asks for a break, completes its task (no offer:
    /// not ready), then becomes ready: the measured command is that last one, and its effect
    /// is the offer of the first waiting task it can take. A new arrival keeps the backlog.
    mutating func readyToOffer(_ benchmark: Benchmark) {
        let t = nextTenant()
        guard let busy = tenants[t].popConnected() else { return }
        send(t, .agentStateChanged(busy.agent, .notReady("rest")))
        send(t, .taskCompleted(busy.task))
        tenants[t].freeTaskIDs.append(busy.task)
        arriveLoaded(t)
        send(t, .tick)
        benchmark.startMeasurement()
        tenants[t].engine.handle(.agentStateChanged(busy.agent, .ready), at: time, into: &effects)
        benchmark.stopMeasurement()
        absorb(t)
    }

    /// A task arrives in a light queue where idle agents wait: the measured command's effect
    /// is its offer. The agent answers and completes at once, so it is idle again.
    mutating func arrivalToOffer(_ benchmark: Benchmark) {
        let t = nextTenant()
        let queue = tenants[t].lightQueues[Int.random(in: 0..<tenants[t].lightQueues.count, using: &random)]
        let task = RoutingTask(id: tenants[t].newTaskID(), queue: queue, requiredSkills: randomSkills())
        send(t, .tick)
        benchmark.startMeasurement()
        tenants[t].engine.handle(.taskArrived(task), at: time, into: &effects)
        benchmark.stopMeasurement()
        absorb(t)
        if let last = tenants[t].connected.last, last.task == task.id {
            tenants[t].connected.removeLast()
            send(t, .taskCompleted(task.id))
            tenants[t].freeTaskIDs.append(task.id)
        }
    }

    /// A thousand routing decisions per iteration, round robin over the tenants: a busy
    /// agent completes its task and is offered the next (one decision), answers it, and a
    /// new task arrives to keep the backlog. Three commands per decision. Besides wall-clock
    /// throughput it reports decisions per second of the thread's CPU time.
    mutating func sustainedDecisions(_ benchmark: Benchmark) {
        var decisions = 0
        let cpuStart = threadCPUNanoseconds()
        for _ in benchmark.scaledIterations {
            let t = nextTenant()
            guard let busy = tenants[t].popConnected() else { continue }
            let before = tenants[t].engine.decisions
            send(t, .taskCompleted(busy.task))
            tenants[t].freeTaskIDs.append(busy.task)
            arriveLoaded(t)
            decisions += tenants[t].engine.decisions - before
        }
        let cpu = threadCPUNanoseconds() - cpuStart
        if cpu > 0 { benchmark.measurement(decisionsPerCPUSecond, decisions * 1_000_000 / cpu) }
        blackHole(decisions)
    }

    // MARK: Driving

    mutating func nextTenant() -> Int {
        cursor = (cursor + 1) % tenants.count
        time = time + .milliseconds(5)
        return cursor
    }

    mutating func send(_ tenant: Int, _ command: ACDCommand) {
        tenants[tenant].engine.handle(command, at: time, into: &effects)
        absorb(tenant)
    }

    /// Answers every offer at once (the agent's phone auto-answers).
    mutating func absorb(_ tenant: Int) {
        guard !effects.isEmpty else { return }
        answers.removeAll(keepingCapacity: true)
        for effect in effects {
            if case .offer(let offer) = effect { answers.append((offer.offer, offer.agent, offer.task)) }
        }
        effects.removeAll(keepingCapacity: true)
        for answer in answers {
            tenants[tenant].engine.handle(.offerAccepted(answer.offer), at: time, into: &effects)
            tenants[tenant].connected.append((answer.agent, answer.task))
        }
        effects.removeAll(keepingCapacity: true)
    }

    mutating func arriveLoaded(_ tenant: Int) {
        let queues = tenants[tenant].loadedQueues
        let task = RoutingTask(
            id: tenants[tenant].newTaskID(), queue: queues[Int.random(in: 0..<queues.count, using: &random)],
            priority: Int.random(in: 0..<5, using: &random) == 0 ? 5 : 0, requiredSkills: randomSkills())
        send(tenant, .taskArrived(task))
    }

    mutating func randomSkills() -> [SkillRequirement] {
        Int.random(in: 0..<2, using: &random) == 0
            ? [] : [SkillRequirement("billing", atLeast: Int.random(in: 1...5, using: &random))]
    }

    // MARK: Building a tenant

    static func makeTenant(_ index: Int, _ shape: PlatformShape, _ random: inout ACDRandom, _ time: inout ACDInstant)
        -> TenantWorld
    {
        let lightCount = max(1, shape.queuesPerTenant / 5)
        let queueIDs = (0..<shape.queuesPerTenant).map { QueueID("q\($0)") }
        let loaded = Array(queueIDs.dropLast(lightCount))
        let light = Array(queueIDs.suffix(lightCount))
        let strategies: [RoutingStrategy] = [.longestIdle, .longestIdle, .roundRobin, .bestSkill, .fewestHandled]
        var queues: [QueueConfiguration] = []
        for (position, id) in queueIDs.enumerated() {
            var queue = QueueConfiguration(id: id, strategy: strategies[position % strategies.count],
                                           wrapUpTime: .zero, expectedHandleTime: .seconds(180))
            if position % 3 == 0 { queue.priorityAging = .seconds(60) }
            if position % 4 == 1 {
                queue.skillRelaxation = [SkillRelaxationStep(after: .seconds(30), minimumLevel: 3),
                                         SkillRelaxationStep(after: .seconds(60), minimumLevel: 1)]
            }
            queues.append(queue)
        }
        let lightAgents = max(1, shape.agentsPerTenant / 10)
        var agents: [AgentConfiguration] = []
        for number in 0..<shape.agentsPerTenant {
            let memberships: [QueueMembership]
            if number < shape.agentsPerTenant - lightAgents {
                var picked: [QueueID] = []
                while picked.count < min(3, loaded.count) {
                    let queue = loaded[Int.random(in: 0..<loaded.count, using: &random)]
                    if !picked.contains(queue) { picked.append(queue) }
                }
                memberships = picked.enumerated().map { QueueMembership($0.element, tier: $0.offset == 0 ? 0 : 1) }
            } else {
                let first = Int.random(in: 0..<light.count, using: &random)
                memberships = Set([light[first], light[(first + 1) % light.count]]).sorted().map { QueueMembership($0) }
            }
            agents.append(AgentConfiguration(
                id: AgentID("agent-\(number)"), team: TeamID("team-\(number / 10)"),
                skills: ["billing": Int.random(in: 5...10, using: &random)], queues: memberships))
        }
        let configuration = ACDTenantConfiguration(
            tenant: TenantID("tenant-\(index)"), skills: [SkillDefinition(id: "billing")], queues: queues,
            agents: agents, notReadyReasons: [NotReadyReasonConfiguration(id: "rest")], traceSkippedLimit: 3)
        var world = TenantWorld(
            engine: try! ACDEngine(configuration: configuration, randomSeed: UInt64(index), start: time),
            loadedQueues: loaded, lightQueues: light)
        var effects: [ACDEffect] = []
        for agent in agents { world.engine.handle(.agentSignedIn(agent.id), at: time, into: &effects) }
        effects.removeAll()
        var waiting = 0
        while waiting < shape.waitingPerTenant {
            time = time + .milliseconds(1)
            let task = RoutingTask(
                id: world.newTaskID(), queue: loaded[Int.random(in: 0..<loaded.count, using: &random)],
                priority: Int.random(in: 0..<5, using: &random) == 0 ? 5 : 0,
                requiredSkills: Int.random(in: 0..<2, using: &random) == 0
                    ? [] : [SkillRequirement("billing", atLeast: Int.random(in: 1...5, using: &random))])
            effects.removeAll(keepingCapacity: true)
            world.engine.handle(.taskArrived(task), at: time, into: &effects)
            var offered = false
            for case .offer(let offer) in effects {
                offered = true
                var answer: [ACDEffect] = []
                world.engine.handle(.offerAccepted(offer.offer), at: time, into: &answer)
                world.connected.append((offer.agent, offer.task))
            }
            if !offered { waiting += 1 }
        }
        return world
    }
}
