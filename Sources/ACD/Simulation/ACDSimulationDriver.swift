// The discrete-event loop shared by the simulator and the replay: it plays the call path
// (answers offers, completes tasks, hangs up impatient customers) around a real engine.
import HeapModule

/// Runs a workload through an engine and measures what happened.
struct ACDSimulationDriver {
    private enum Event: Sendable {
        case arrival(Int)
        case action(Int)
        case answer(OfferID)
        case complete(TaskID)
        case abandon(TaskID)
        case tick
    }

    private struct Scheduled: Comparable, Sendable {
        var at: Int64
        var sequence: Int
        var event: Event

        static func < (lhs: Scheduled, rhs: Scheduled) -> Bool {
            lhs.at != rhs.at ? lhs.at < rhs.at : lhs.sequence < rhs.sequence
        }

        static func == (lhs: Scheduled, rhs: Scheduled) -> Bool {
            lhs.at == rhs.at && lhs.sequence == rhs.sequence
        }
    }

    private struct TaskRecord {
        var arrival: Int
        var queue: QueueID
        var arrivedAt: ACDInstant
        var answeredAt: ACDInstant?
        var announcements: [(at: ACDInstant, estimate: ACDDuration)] = []
        var outcome: Outcome = .live
    }

    private enum Outcome { case live, answered, abandoned, overflowed }

    private(set) var engine: ACDEngine
    private let workload: ACDWorkload
    private var events = Heap<Scheduled>()
    private var sequence = 0
    private var tickAt: Int64?
    private var records: [TaskRecord] = []
    private var recordIndex: [TaskID: Int] = [:]
    private var commands = 0
    private var effects: [ACDEffect] = []
    private let thresholds: [QueueID: ACDDuration]
    /// Every command sent, when recording.
    var log: ACDCommandLog?

    init(engine: ACDEngine, workload: ACDWorkload) {
        self.engine = engine
        self.workload = workload
        var thresholds: [QueueID: ACDDuration] = [:]
        for queue in engine.configuration.queues { thresholds[queue.id] = queue.serviceLevelThreshold }
        self.thresholds = thresholds
        for index in workload.arrivals.indices { schedule(.arrival(index), at: workload.arrivals[index].at) }
        for index in workload.actions.indices { schedule(.action(index), at: workload.actions[index].at) }
    }

    private mutating func schedule(_ event: Event, at time: ACDInstant) {
        sequence += 1
        events.insert(Scheduled(at: time.milliseconds, sequence: sequence, event: event))
    }

    /// Plays every event up to the workload's end.
    mutating func run() -> ACDSimulationReport {
        while let next = events.min, next.at <= workload.end.milliseconds {
            events.removeMin()
            let now = ACDInstant(milliseconds: next.at)
            switch next.event {
            case .arrival(let index):
                let arrival = workload.arrivals[index]
                recordIndex[arrival.task.id] = records.count
                records.append(TaskRecord(arrival: index, queue: arrival.task.queue, arrivedAt: now))
                if let patience = arrival.patience { schedule(.abandon(arrival.task.id), at: now + patience) }
                send(.taskArrived(arrival.task), at: now)
            case .action(let index):
                send(workload.actions[index].command, at: now)
            case .answer(let offer):
                send(.offerAccepted(offer), at: now)
            case .complete(let task):
                send(.taskCompleted(task), at: now)
            case .abandon(let task):
                if let index = recordIndex[task], records[index].outcome == .live && records[index].answeredAt == nil {
                    send(.taskWithdrawn(task), at: now)
                }
            case .tick:
                if tickAt == next.at { tickAt = nil }
                send(.tick, at: now)
            }
        }
        return report()
    }

    private mutating func send(_ command: ACDCommand, at now: ACDInstant) {
        commands += 1
        log?.record(command, at: now)
        effects.removeAll(keepingCapacity: true)
        engine.handle(command, at: now, into: &effects)
        if case .offerAccepted(let offer) = command {
            let refused = effects.contains { if case .rejected = $0 { true } else { false } }
            if let task = openOffers.removeValue(forKey: offer), !refused { accepted(task, at: now) }
        }
        for effect in effects { react(to: effect, at: now) }
        if let deadline = engine.nextDeadline, tickAt.map({ deadline.milliseconds < $0 }) ?? true {
            tickAt = deadline.milliseconds
            schedule(.tick, at: deadline)
        }
    }

    private var openOffers: [OfferID: TaskID] = [:]

    private mutating func accepted(_ task: TaskID, at now: ACDInstant) {
        guard let index = recordIndex[task] else { return }
        records[index].answeredAt = now
        records[index].outcome = .answered
        schedule(.complete(task), at: now + workload.arrivals[records[index].arrival].handleTime)
    }

    private mutating func react(to effect: ACDEffect, at now: ACDInstant) {
        switch effect {
        case .offer(let offer):
            openOffers[offer.offer] = offer.task
            schedule(.answer(offer.offer), at: now + workload.answerDelay)
        case .cancelOffer(let cancel):
            openOffers[cancel.offer] = nil
        case .announce(let announcement):
            if let estimate = announcement.estimatedWait {
                if let index = recordIndex[announcement.task] { records[index].announcements.append((now, estimate)) }
            }
        case .taskEnded(let end):
            switch end.outcome {
            case .answered: break
            case .withdrawn: if let index = recordIndex[end.task] { records[index].outcome = .abandoned }
            case .overflowed: if let index = recordIndex[end.task] { records[index].outcome = .overflowed }
            }
        default:
            break
        }
    }

    // MARK: Report

    private func report() -> ACDSimulationReport {
        var perQueue: [QueueID: ACDSimulationReport.Figures] = [:]
        var errors: [Double] = []
        var actual: [Double] = []
        var announced: [Double] = []
        var within = 0
        for record in records where record.arrivedAt >= workload.measureFrom {
            var figures = perQueue[record.queue] ?? ACDSimulationReport.Figures(queue: record.queue)
            figures.arrived += 1
            switch record.outcome {
            case .answered:
                let answeredAt = record.answeredAt ?? record.arrivedAt
                let wait = (answeredAt - record.arrivedAt).seconds
                figures.answered += 1
                figures.totalWait += wait
                figures.totalHandle += workload.arrivals[record.arrival].handleTime.seconds
                if wait <= (thresholds[record.queue] ?? .seconds(20)).seconds { figures.answeredWithinThreshold += 1 }
                for announcement in record.announcements {
                    let real = (answeredAt - announcement.at).seconds
                    let error = abs(announcement.estimate.seconds - real)
                    errors.append(error)
                    actual.append(real)
                    announced.append(announcement.estimate.seconds)
                    if error <= max(15, 0.2 * real) { within += 1 }
                }
            case .abandoned: figures.abandoned += 1
            case .overflowed: figures.overflowed += 1
            case .live: figures.unfinished += 1
            }
            perQueue[record.queue] = figures
        }
        var overall = ACDSimulationReport.Figures(queue: nil)
        let queues = engine.configuration.queues.compactMap { perQueue[$0.id] }
        for figures in queues { overall.add(figures) }

        var score = ACDSimulationReport.WaitEstimateScore()
        score.samples = errors.count
        if !errors.isEmpty {
            score.medianAbsoluteError = Self.median(errors)
            score.medianActualWait = Self.median(actual)
            score.meanActualWait = actual.reduce(0, +) / Double(actual.count)
            score.meanAnnouncedWait = announced.reduce(0, +) / Double(announced.count)
            score.withinTarget = Double(within) / Double(errors.count)
        }
        let occupancies = engine.agentStatuses().compactMap(\.counters.occupancy)
        return ACDSimulationReport(
            queues: queues, overall: overall, waitEstimates: score, decisions: engine.decisions, commands: commands,
            measuredTime: workload.end - workload.measureFrom,
            occupancy: occupancies.isEmpty ? nil : occupancies.reduce(0, +) / Double(occupancies.count))
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
