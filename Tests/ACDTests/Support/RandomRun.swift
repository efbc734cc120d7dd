// One random interleaving: a random tenant, a random stream of calls, answers, rejections,
// hang-ups, agent state changes and supervisor actions, with every invariant checked after
// every command the engine handles.
@testable import ACD
import KefuTesting

struct RandomRun {
    let seed: UInt64
    var random: SeededRandom
    var engine: ACDEngine
    var model: CallPathModel
    let checker: InvariantChecker
    var time = ACDInstant.zero
    var snapshot: ACDSnapshot
    var problems: [String] = []
    /// Every command handled, with its time and effects (for the determinism check).
    var journal: [(at: ACDInstant, command: ACDCommand, effects: [ACDEffect])] = []
    /// Chance in 1000 that the model "loses" a message instead of sending it.
    let lossPerMille: Int
    var nextTask = 0
    var step = 0

    init(seed: UInt64, lossPerMille: Int = 0) throws {
        self.seed = seed
        self.lossPerMille = lossPerMille
        random = SeededRandom(seed: seed)
        let configuration = RandomTenant.make(&random)
        engine = try ACDEngine(configuration: configuration, randomSeed: seed)
        model = CallPathModel(configuration: configuration)
        model.lossy = lossPerMille > 0
        checker = InvariantChecker(configuration)
        snapshot = engine.snapshot(includingQueues: false)
    }

    var configuration: ACDTenantConfiguration { checker.configuration }

    // MARK: Driving

    mutating func send(_ command: ACDCommand) {
        let before = snapshot
        let effects = engine.handle(command, at: time)
        journal.append((time, command, effects))
        model.absorb(effects, after: command)
        snapshot = engine.snapshot(includingQueues: false)
        var found = checker.checkCapacity(snapshot)
        found += checker.checkOfferRoom(effects, before: before)
        found += checker.checkNoIdleAgent(snapshot, tasks: model.everArrived)
        found += checker.checkFirstInLine(effects, before: before, after: snapshot, tasks: model.everArrived)
        if lossPerMille == 0 { found += checker.checkAgreement(snapshot, model: model) }
        found += model.problems
        model.problems.removeAll()
        for problem in found {
            problems.append("seed \(seed) step \(step) at \(time) after \(command.name): \(problem)")
        }
    }

    /// Moves time forward, handing the engine a tick at each deadline on the way.
    mutating func advance(milliseconds: Int64) {
        let target = time + .milliseconds(milliseconds)
        while let deadline = engine.nextDeadline, deadline <= target {
            time = max(time, deadline)
            send(.tick)
        }
        time = target
    }

    func chance(_ perMille: Int, _ random: inout SeededRandom) -> Bool {
        Int.random(in: 0..<1000, using: &random) < perMille
    }

    var lost: Bool {
        mutating get { lossPerMille > 0 && chance(lossPerMille, &random) }
    }

    // MARK: Random actions

    mutating func randomStep() {
        step += 1
        advance(milliseconds: Int64(random.nextExponential(mean: 2500)))
        let agents = configuration.agents.map(\.id)
        let queues = configuration.queues.map(\.id)
        let roll = Int.random(in: 0..<1000, using: &random)
        switch roll {
        case 0..<260:
            arrive(queues: queues)
        case 260..<430:
            let busy = Set(model.connected.map(\.agent))
            guard let offer = model.openOffers.filter({ !busy.contains($0.agent) }).randomElement(using: &random) else {
                return arrive(queues: queues)
            }
            if lost {
                model.accepted(offer.offer, task: offer.task, agent: offer.agent)
            } else {
                model.accepted(offer.offer, task: offer.task, agent: offer.agent)
                send(.offerAccepted(offer.offer))
            }
        case 430..<470:
            guard let offer = model.openOffers.randomElement(using: &random) else { return }
            model.rejected(offer.offer, task: offer.task)
            send(.offerRejected(offer.offer))
        case 470..<600:
            guard let connection = model.connected.randomElement(using: &random) else { return }
            if lost {
                model.vanished(connection.task)
            } else {
                send(.taskCompleted(connection.task))
            }
        case 600..<660:
            guard let task = model.live.keys.sorted().randomElement(using: &random) else { return }
            if lost {
                model.vanished(task)
            } else {
                send(.taskWithdrawn(task))
            }
        case 660..<720:
            let agent = agents.randomElement(using: &random)!
            let memberships = configuration.agents.first { $0.id == agent }!.queues.map(\.queue)
            let chosen = Bool.random(using: &random) ? nil : memberships.filter { _ in Bool.random(using: &random) }
            send(.agentSignedIn(agent, queues: chosen, state: Bool.random(using: &random) ? .ready : .notReady("meeting")))
        case 720..<740:
            send(.agentSignedOut(agents.randomElement(using: &random)!))
        case 740..<820:
            send(.agentStateChanged(agents.randomElement(using: &random)!, .ready))
        case 820..<860:
            let reason: NotReadyReasonID = ["rest", "meeting", .unspecified].randomElement(using: &random)!
            send(.agentStateChanged(agents.randomElement(using: &random)!, .notReady(reason)))
        case 860..<880:
            let agent = agents.randomElement(using: &random)!
            let memberships = configuration.agents.first { $0.id == agent }!.queues.map(\.queue)
            let some = memberships.filter { _ in Bool.random(using: &random) }
            send(Bool.random(using: &random) ? .agentJoinedQueues(agent, some) : .agentLeftQueues(agent, some))
        case 880..<895:
            send(.agentDeviceChanged(agents.randomElement(using: &random)!, reachable: Bool.random(using: &random)))
        case 895..<910:
            guard let task = model.live.values.filter({ $0.connected == nil }).map(\.task.id).sorted()
                .randomElement(using: &random) else { return }
            send(.supervisorMovedTask(task, to: queues.randomElement(using: &random)!))
        case 910..<925:
            guard let task = model.live.keys.sorted().randomElement(using: &random) else { return }
            send(.supervisorChangedPriority(task, priority: Int.random(in: 0...5, using: &random)))
        case 925..<940:
            let request: AgentPresenceRequest = Bool.random(using: &random) ? .ready : .notReady("rest")
            send(.supervisorForcedState(agents.randomElement(using: &random)!, request))
        case 940..<945:
            send(.supervisorSignedOutAgent(agents.randomElement(using: &random)!))
        case 945..<960:
            guard let task = model.live.values.filter({ $0.connected == nil }).map(\.task.id).sorted()
                .randomElement(using: &random) else { return }
            send(.callbackRequested(task))
        case 960..<975:
            let queue = queues.randomElement(using: &random)!
            send(Bool.random(using: &random) ? .queueOpened(queue) : .queueClosed(queue))
        case 975..<980:
            send(.countersReset)
        default:
            send(.reconcile(model.liveState))
        }
    }

    mutating func arrive(queues: [QueueID]) {
        nextTask += 1
        var skills: [SkillRequirement] = []
        if Int.random(in: 0..<10, using: &random) < 5 {
            skills.append(SkillRequirement("billing", atLeast: Int.random(in: 1...8, using: &random)))
        }
        let callback = Int.random(in: 0..<100, using: &random) < 4
        let task = RoutingTask(
            id: TaskID("t\(nextTask)"), queue: queues.randomElement(using: &random)!,
            channel: Int.random(in: 0..<10, using: &random) < 8 ? .voice : .chat,
            priority: [0, 0, 0, 1, 2, 5].randomElement(using: &random)!, requiredSkills: skills,
            customer: Bool.random(using: &random) ? CustomerID("c\(Int.random(in: 0..<6, using: &random))") : nil,
            enqueuedAt: callback ? time - .seconds(Int.random(in: 0...300, using: &random)) : nil,
            isCallback: callback)
        model.arrived(task)
        send(.taskArrived(task))
    }

    /// Ends the run: everything live is answered and completed or withdrawn, deadlines
    /// run out, and every task must have ended exactly once.
    mutating func drain() {
        for _ in 0..<50 {
            if model.live.isEmpty { break }
            for offer in model.openOffers where model.live[offer.task]?.connected == nil {
                model.accepted(offer.offer, task: offer.task, agent: offer.agent)
                send(.offerAccepted(offer.offer))
            }
            for connection in model.connected { send(.taskCompleted(connection.task)) }
            for task in model.live.keys.sorted() where model.live[task]?.connected == nil {
                send(.taskWithdrawn(task))
            }
            advance(milliseconds: 1000)
        }
        advance(milliseconds: 3_600_000)
        if !model.live.isEmpty { problems.append("seed \(seed): tasks never ended: \(model.live.keys.sorted())") }
        if !snapshot.tasks.isEmpty { problems.append("seed \(seed): engine still has \(snapshot.tasks.map(\.id))") }
        for agent in snapshot.agents where !agent.tasks.isEmpty {
            problems.append("seed \(seed): agent \(agent.id) still holds \(agent.tasks.map(\.task))")
        }
        let endings = model.ended.count
        if endings != model.arrived {
            problems.append("seed \(seed): \(model.arrived) tasks arrived but \(endings) ended")
        }
    }
}

extension SeededRandom {
    mutating func nextExponential(mean: Double) -> Double {
        var generator = ACDRandom(seed: next())
        return generator.exponential(mean: mean)
    }
}
