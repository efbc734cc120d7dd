// One tenant's ACD: a pure, deterministic state machine. Commands in, effects out.
import DequeModule
import HeapModule

/// The routing engine of one tenant: queues, agents, skills, strategies, offers, overflow,
/// wrap-up, supervisor commands, reconciliation and live counters.
///
/// It reads no clock, draws no randomness of its own and does no I/O. Its owner (an actor in
/// the call path) hands it each command with the current time and carries out the effects it
/// returns, after `handle` returns:
///
/// ```swift
/// var engine = try ACDEngine(configuration: tenantConfiguration, randomSeed: 42)
/// let effects = engine.handle(.taskArrived(RoutingTask(id: "call-812", queue: "service")),
///                             at: ACDInstant(milliseconds: nowMs))
/// // effects: [.offer(ACDOffer(offer: …, task: "call-812", agent: "1003", ...)), ...]
/// // later, when it is due: engine.handle(.tick, at: engine.nextDeadline!)
/// ```
///
/// Time only moves forward: a command older than the last one is taken as happening at the
/// last time. Deadlines due before a command's time fire first, each at its own time, so the
/// outcome does not depend on how often the owner ticks.
///
/// Matching never scans all agents or tasks. Waiting tasks are grouped by queue, channel and
/// skill needs into requirement classes, each with an ordered set of its waiting tasks and
/// of the available agents that qualify; a decision looks at the heads of a few sets.
public struct ACDEngine: Sendable {
    /// The configuration in force.
    public internal(set) var configuration: ACDTenantConfiguration
    /// The tenant this engine serves.
    public var tenant: TenantID { configuration.tenant }
    /// Routing decisions made so far (each decision is one task offered).
    public internal(set) var decisions = 0
    /// The latest time the engine has processed.
    public var now: ACDInstant { clock }

    static let maximumClassesPerQueue = 256
    static let maximumOverflowHops: Int32 = 8

    var skillIndex: [SkillID: Int32] = [:]
    var skillIDs: [SkillID] = []
    var reasonIndex: [NotReadyReasonID: Int32] = [:]
    var reasons: [NotReadyReasonConfiguration] = []
    var queues: [QueueRecord] = []
    var queueIndex: [QueueID: Int32] = [:]
    var agents: [AgentRecord] = []
    var agentIndex: [AgentID: Int32] = [:]
    var tasks: [TaskRecord] = []
    /// The stamps of each task slot (parallel to `tasks`).
    var stamps: [TaskStamps] = []
    var taskIndex: [TaskID: Int32] = [:]
    /// Entries of `taskIndex` whose task has ended.
    var staleTaskEntries = 0
    var freeTaskSlots: [Int32] = []
    var classes: [RequirementClass] = []
    /// The class of each (queue, channel, needs).
    var classIndex: [ClassSignature: Int32] = [:]
    var taskSets = RankedSetArena()
    /// The queues' lines (`QueueRecord.lines`).
    var lineSets = RankedSetArena()
    var agentSets = RankedSetArena()
    /// Offer sequence numbers (an offer id is the sequence number above the task slot).
    var nextOffer: UInt64 = 1
    var timers = Heap<TimerEntry>()
    var timerSequence: UInt64 = 0
    var stampCounter: UInt64 = 0
    var taskSequence: Int64 = 0
    var clock: ACDInstant = .zero
    /// When the counters were last reset (time in state is counted from then).
    var countersResetAt: ACDInstant = .zero
    var random: ACDRandom
    var customerMemory = CustomerMemory()
    /// The longest sticky window of the tenant's queues (how long to remember customers).
    var stickyMemoryWindow: ACDDuration?
    var teamNotReady: [TeamReasonKey: Int] = [:]
    var dirtyAgents = Deque<Int32>()
    var dirtyClasses: [Int32] = []
    var pendingAnnouncements: [(slot: Int32, stamp: UInt64)] = []
    var scratchEnrollments: [Enrollment] = []
    var output: [ACDEffect] = []

    /// Creates the engine for one tenant.
    ///
    /// - Parameters:
    ///   - configuration: the tenant's queues, agents, skills and reasons; refused with every
    ///     problem listed when invalid.
    ///   - randomSeed: seeds the generator of the `random` strategy, so runs replay exactly.
    ///   - start: the time the engine starts at.
    public init(configuration: ACDTenantConfiguration, randomSeed: UInt64 = 0, start: ACDInstant = .zero)
        throws(ACDConfigurationError)
    {
        try configuration.validate()
        self.configuration = configuration
        self.random = ACDRandom(seed: randomSeed)
        self.clock = start
        self.countersResetAt = start
        installConfiguration(configuration, trigger: .reconfigured)
        runPending()
        output.removeAll()
    }

    /// Handles one command at `now` and returns the effects to carry out, in order.
    public mutating func handle(_ command: ACDCommand, at now: ACDInstant) -> [ACDEffect] {
        var effects: [ACDEffect] = []
        handle(command, at: now, into: &effects)
        return effects
    }

    /// Handles one command at `now`, appending effects to `effects` (reuse the array's
    /// storage across calls on hot paths).
    public mutating func handle(_ command: ACDCommand, at now: ACDInstant, into effects: inout [ACDEffect]) {
        swap(&output, &effects)
        advance(to: now)
        apply(command)
        runPending()
        dropStaleTimers()
        swap(&output, &effects)
    }

    /// The earliest time a deadline is due; hand the engine a `.tick` then (or any command).
    public var nextDeadline: ACDInstant? {
        timers.min.map { ACDInstant(milliseconds: $0.due) }
    }

    // MARK: - The loop

    /// Fires every deadline due up to `now`, each at its own time, then sets the clock.
    mutating func advance(to now: ACDInstant) {
        let target = max(now, clock)
        while let top = timers.min, top.due <= target.milliseconds {
            let entry = timers.removeMin()
            clock = max(clock, ACDInstant(milliseconds: entry.due))
            fire(entry)
            runPending()
        }
        clock = target
    }

    /// Settles dirty agents, then dispatches dirty classes (best first), then fires deadlines
    /// that fell due meanwhile, until nothing is left; then makes pending announcements.
    mutating func runPending() {
        while true {
            if let agent = dirtyAgents.popFirst() {
                settle(agent)
                continue
            }
            if let requirementClass = nextDispatchableClass() {
                dispatch(requirementClass)
                continue
            }
            if let top = timers.min, top.due <= clock.milliseconds {
                fire(timers.removeMin())
                continue
            }
            break
        }
        flushAnnouncements()
    }

    mutating func markDirty(agent: Int32) {
        if !agents[Int(agent)].isDirty {
            agents[Int(agent)].isDirty = true
            dirtyAgents.append(agent)
        }
    }

    mutating func markDirty(class requirementClass: Int32) {
        if !classes[Int(requirementClass)].isDirty {
            classes[Int(requirementClass)].isDirty = true
            dirtyClasses.append(requirementClass)
        }
    }

    @inline(__always)
    mutating func emit(_ effect: ACDEffect) {
        output.append(effect)
    }

    @inline(__always)
    mutating func nextStamp() -> UInt64 {
        stampCounter &+= 1
        return stampCounter
    }

    mutating func schedule(_ kind: TimerKind, at due: ACDInstant, slot: Int32, detail: Int32 = 0, stamp: UInt64) {
        timerSequence &+= 1
        timers.insert(TimerEntry(due: due.milliseconds, sequence: timerSequence, kind: kind,
                                 slot: slot, detail: detail, stamp: stamp))
    }

    mutating func reject(_ command: ACDCommand, _ error: ACDError) {
        emit(.rejected(ACDCommandRejection(command: command.name, error: error)))
    }

    // MARK: - Commands

    mutating func apply(_ command: ACDCommand) {
        let error: ACDError?
        switch command {
        case .taskArrived(let task): error = taskArrived(task)
        case .taskWithdrawn(let task): error = taskWithdrawn(task)
        case .callbackRequested(let task): error = callbackRequested(task)
        case .offerAccepted(let offer): error = offerAccepted(offer)
        case .offerRejected(let offer): error = offerRejected(offer)
        case .taskCompleted(let task): error = taskCompleted(task)
        case .directTaskStarted(let task, let agent): error = directTaskStarted(task, agent: agent)
        case .agentSignedIn(let agent, let queues, let state): error = agentSignedIn(agent, queues: queues, state: state)
        case .agentSignedOut(let agent): error = agentSignedOut(agent, cause: .signOut)
        case .agentJoinedQueues(let agent, let queues): error = agentChangedQueues(agent, queues, signedIn: true)
        case .agentLeftQueues(let agent, let queues): error = agentChangedQueues(agent, queues, signedIn: false)
        case .agentStateChanged(let agent, let request): error = agentRequested(agent, request, bySupervisor: false)
        case .agentDeviceChanged(let agent, let reachable): error = agentDeviceChanged(agent, reachable: reachable)
        case .queueOpened(let queue): error = queueHoursChanged(queue, open: true)
        case .queueClosed(let queue): error = queueHoursChanged(queue, open: false)
        case .supervisorForcedState(let agent, let request): error = agentRequested(agent, request, bySupervisor: true)
        case .supervisorSignedOutAgent(let agent): error = agentSignedOut(agent, cause: .supervisor)
        case .supervisorMovedTask(let task, let queue): error = moveTask(task, to: queue)
        case .supervisorChangedPriority(let task, let priority): error = changePriority(task, to: priority)
        case .countersReset: resetCounters(); error = nil
        case .reconcile(let live): reconcile(live); error = nil
        case .configurationChanged(let configuration): error = reconfigure(configuration)
        case .tick: error = nil
        }
        if let error { reject(command, error) }
    }
}

/// A (team, reason) pair, for "at most N agents of a team in this reason".
struct TeamReasonKey: Hashable, Sendable {
    var team: TeamID
    var reason: Int32
}
