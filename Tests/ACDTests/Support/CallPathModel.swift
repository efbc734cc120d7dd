// A model of the call path for the property tests: it keeps its own view of live tasks and
// agent legs from the commands it sends and the effects it gets, and checks the engine's
// effects against that view.
@testable import ACD

struct CallPathModel {
    struct LiveTask {
        var task: RoutingTask
        var ringing: [OfferID: AgentID] = [:]
        var connected: AgentID?
        /// The ring-all batch the open offers came from (several offers allowed only then).
        var ringAllBatch = false
    }

    let configuration: ACDTenantConfiguration
    var live: [TaskID: LiveTask] = [:]
    var ended: [TaskID: ACDTaskEnd.Outcome] = [:]
    var arrived = 0
    var problems: [String] = []
    /// Every task that ever arrived, by id (for its requirements).
    var everArrived: [TaskID: LiveTask] = [:]
    /// Messages may be lost: the engine is allowed to disagree until reconciled.
    var lossy = false
    /// Tasks gone in truth whose end the engine has not reported yet.
    var vanishedTasks = Set<TaskID>()

    init(configuration: ACDTenantConfiguration) {
        self.configuration = configuration
    }

    mutating func arrived(_ task: RoutingTask) {
        arrived += 1
        live[task.id] = LiveTask(task: task)
        everArrived[task.id] = LiveTask(task: task)
    }

    /// The task went away without the engine being told (a lost message).
    mutating func vanished(_ task: TaskID) {
        live[task] = nil
        vanishedTasks.insert(task)
    }

    /// Applies the engine's effects to the model and notes anything impossible.
    mutating func absorb(_ effects: [ACDEffect], after command: ACDCommand) {
        for effect in effects {
            switch effect {
            case .offer(let offer):
                guard var task = live[offer.task] else {
                    if !vanishedTasks.contains(offer.task) {
                        problems.append("offer of \(offer.task) which is not live (ended: \(ended[offer.task] != nil))")
                    }
                    continue
                }
                if task.connected != nil && !lossy { problems.append("offer of \(offer.task) already connected") }
                if !lossy && !task.ringing.isEmpty && !(task.ringAllBatch && offer.trace.strategy == .ringAll) {
                    problems.append("\(offer.task) offered to \(offer.agent) while ringing at \(task.ringing.values)")
                }
                task.ringAllBatch = offer.trace.strategy == .ringAll && offer.trace.agents.count > 1
                task.ringing[offer.offer] = offer.agent
                live[offer.task] = task
            case .cancelOffer(let cancel):
                if live[cancel.task]?.ringing.removeValue(forKey: cancel.offer) == nil
                    && !vanishedTasks.contains(cancel.task) && !lossy
                {
                    problems.append("cancel of \(cancel.offer) that is not ringing")
                }
            case .taskEnded(let end):
                if ended[end.task] != nil { problems.append("\(end.task) ended twice") }
                if live.removeValue(forKey: end.task) == nil && vanishedTasks.remove(end.task) == nil {
                    problems.append("\(end.task) ended but was not live")
                }
                ended[end.task] = end.outcome
            case .rejected(let rejection):
                if lossy { continue }
                switch rejection.error {
                case .limitRefused, .unknownOffer, .agentSignedOut: continue
                default: break
                }
                problems.append("rejected \(rejection) after \(command.name)")
            default:
                break
            }
        }
    }

    mutating func accepted(_ offer: OfferID, task: TaskID, agent: AgentID) {
        guard var entry = live[task] else { return }
        entry.ringing.removeValue(forKey: offer)
        entry.connected = agent
        // The engine cancels the other ring-all offers itself (and says so).
        live[task] = entry
    }

    mutating func rejected(_ offer: OfferID, task: TaskID) {
        live[task]?.ringing.removeValue(forKey: offer)
    }

    /// The model's truth, as the call path would send it to `reconcile`.
    var liveState: ACDLiveState {
        ACDLiveState(tasks: live.values.map {
            ACDLiveState.LiveTask(id: $0.task.id, ringing: Array($0.ringing.values), connected: $0.connected)
        }.sorted { $0.id < $1.id })
    }

    var openOffers: [(offer: OfferID, task: TaskID, agent: AgentID)] {
        live.values.flatMap { task in task.ringing.map { ($0.key, task.task.id, $0.value) } }
            .sorted { $0.offer < $1.offer }
    }

    var connected: [(task: TaskID, agent: AgentID)] {
        live.values.compactMap { task in task.connected.map { (task.task.id, $0) } }.sorted { $0.task < $1.task }
    }
}
