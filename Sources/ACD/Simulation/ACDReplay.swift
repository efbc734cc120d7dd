// Replay: a recorded day through a new configuration, to compare service levels before
// publishing the configuration.

/// Replays a recorded command log through a candidate configuration.
///
/// The log is first run through its own configuration (the engine is deterministic, so this
/// reproduces the day exactly) to recover the workload: when each task arrived, how long it
/// was handled once answered, how long its customer waited before hanging up, the ring
/// time, and what agents did on their own (sign-ins, breaks, queue changes). That workload
/// is then simulated twice, under the original and under the candidate configuration, so
/// the comparison is like for like.
///
/// Limits: a customer who was answered in the recorded day is assumed to wait as long as
/// needed (their patience is unknown); simulated agents answer every offer after the median
/// recorded ring time; supervisor moves and configuration changes of the day are not replayed.
public enum ACDReplay {
    /// The recorded day and both simulations.
    public struct Comparison: Hashable, Sendable, CustomStringConvertible {
        /// What the log itself shows.
        public var recorded: ACDSimulationReport
        /// The workload simulated under the original configuration.
        public var baseline: ACDSimulationReport
        /// The workload simulated under the candidate configuration.
        public var candidate: ACDSimulationReport

        public var description: String {
            "recorded:\n\(recorded)\n\nbaseline (original configuration, simulated):\n\(baseline)\n\n"
                + "candidate (new configuration, simulated):\n\(candidate)"
        }
    }

    /// Compares the log's day under its own and under a candidate configuration.
    public static func compare(_ log: ACDCommandLog, with candidate: ACDTenantConfiguration)
        throws(ACDConfigurationError) -> Comparison
    {
        let (workload, recorded) = try recover(log)
        return Comparison(
            recorded: recorded,
            baseline: try ACDSimulation.run(workload, configuration: log.configuration, seed: log.randomSeed),
            candidate: try ACDSimulation.run(workload, configuration: candidate, seed: log.randomSeed))
    }

    /// The workload a log stands for.
    public static func workload(from log: ACDCommandLog) throws(ACDConfigurationError) -> ACDWorkload {
        try recover(log).workload
    }

    private struct Observed {
        var task: RoutingTask
        var at: ACDInstant
        var offeredAt: [OfferID: ACDInstant] = [:]
        var answeredAt: ACDInstant?
        var completedAt: ACDInstant?
        var withdrawnAt: ACDInstant?
        var overflowed = false
    }

    private static func recover(_ log: ACDCommandLog) throws(ACDConfigurationError)
        -> (workload: ACDWorkload, recorded: ACDSimulationReport)
    {
        var engine = try ACDEngine(configuration: log.configuration, randomSeed: log.randomSeed, start: log.start)
        var observed: [Observed] = []
        var live: [TaskID: Int] = [:]
        var offers: [OfferID: Int] = [:]
        var ringTimes: [Int64] = []
        var actions: [ACDWorkload.Action] = []
        var effects: [ACDEffect] = []
        for entry in log.entries {
            effects.removeAll(keepingCapacity: true)
            engine.handle(entry.command, at: entry.at, into: &effects)
            let refused = effects.contains { if case .rejected = $0 { true } else { false } }
            switch entry.command {
            case .taskArrived(let task) where !refused:
                live[task.id] = observed.count
                observed.append(Observed(task: task, at: entry.at))
            case .offerAccepted(let offer) where !refused:
                if let index = offers[offer] {
                    observed[index].answeredAt = entry.at
                    if let offeredAt = observed[index].offeredAt[offer] {
                        ringTimes.append((entry.at - offeredAt).milliseconds)
                    }
                }
            case .taskCompleted(let task) where !refused:
                if let index = live[task] { observed[index].completedAt = entry.at }
            case .taskWithdrawn(let task) where !refused:
                if let index = live[task], observed[index].answeredAt == nil { observed[index].withdrawnAt = entry.at }
            case .agentSignedIn, .agentSignedOut, .agentJoinedQueues, .agentLeftQueues, .agentStateChanged,
                 .agentDeviceChanged, .queueOpened, .queueClosed, .supervisorForcedState, .supervisorSignedOutAgent:
                actions.append(ACDWorkload.Action(at: entry.at, command: entry.command))
            default:
                break
            }
            for effect in effects {
                switch effect {
                case .offer(let offer):
                    if let index = live[offer.task] {
                        offers[offer.offer] = index
                        observed[index].offeredAt[offer.offer] = entry.at
                    }
                case .taskEnded(let end):
                    if case .overflowed = end.outcome, let index = live[end.task] { observed[index].overflowed = true }
                    live[end.task] = nil
                default:
                    break
                }
            }
        }

        let handled = observed.compactMap { task in
            task.answeredAt.flatMap { answered in task.completedAt.map { ($0 - answered).milliseconds } }
        }
        let meanHandle = handled.isEmpty ? nil : handled.reduce(0, +) / Int64(handled.count)
        let end = log.entries.last?.at ?? log.start
        var seen: [TaskID: Int] = [:]
        var arrivals: [ACDWorkload.Arrival] = []
        for task in observed {
            var routing = task.task
            let count = seen[routing.id, default: 0]
            seen[routing.id] = count + 1
            if count > 0 { routing.id = TaskID("\(routing.id)#\(count)") }
            let fallback = log.configuration.queues.first { $0.id == routing.queue }?.expectedHandleTime ?? .seconds(180)
            var handle = task.answeredAt.flatMap { answered in task.completedAt.map { $0 - answered } }
                ?? meanHandle.map { ACDDuration(milliseconds: $0) } ?? fallback
            if let answered = task.answeredAt, task.completedAt == nil {
                // Still talking when the log ends: at least until then.
                handle = max(handle, end - answered + .milliseconds(1))
            }
            arrivals.append(ACDWorkload.Arrival(at: task.at, task: routing, handleTime: handle,
                                                patience: task.withdrawnAt.map { $0 - task.at }))
        }
        let sortedRing = ringTimes.sorted()
        let workload = ACDWorkload(
            arrivals: arrivals, actions: actions,
            answerDelay: ACDDuration(milliseconds: sortedRing.isEmpty ? 0 : sortedRing[sortedRing.count / 2]),
            measureFrom: log.start, end: end)
        return (workload, recordedReport(observed, log: log, engine: engine))
    }

    private static func recordedReport(_ observed: [Observed], log: ACDCommandLog, engine: ACDEngine)
        -> ACDSimulationReport
    {
        var perQueue: [QueueID: ACDSimulationReport.Figures] = [:]
        for task in observed {
            var figures = perQueue[task.task.queue] ?? ACDSimulationReport.Figures(queue: task.task.queue)
            figures.arrived += 1
            if let answered = task.answeredAt {
                let wait = (answered - task.at).seconds
                figures.answered += 1
                figures.totalWait += wait
                if let completed = task.completedAt { figures.totalHandle += (completed - answered).seconds }
                let threshold = log.configuration.queues.first { $0.id == task.task.queue }?.serviceLevelThreshold
                if wait <= (threshold ?? .seconds(20)).seconds { figures.answeredWithinThreshold += 1 }
            } else if task.withdrawnAt != nil {
                figures.abandoned += 1
            } else if task.overflowed {
                figures.overflowed += 1
            } else {
                figures.unfinished += 1
            }
            perQueue[task.task.queue] = figures
        }
        let queues = log.configuration.queues.compactMap { perQueue[$0.id] }
        var overall = ACDSimulationReport.Figures(queue: nil)
        for figures in queues { overall.add(figures) }
        let occupancies = engine.agentStatuses().compactMap(\.counters.occupancy)
        return ACDSimulationReport(
            queues: queues, overall: overall, waitEstimates: .init(), decisions: engine.decisions,
            commands: log.entries.count, measuredTime: (log.entries.last?.at ?? log.start) - log.start,
            occupancy: occupancies.isEmpty ? nil : occupancies.reduce(0, +) / Double(occupancies.count))
    }
}
