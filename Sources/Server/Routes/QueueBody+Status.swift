// A queue's live status as the API shows it, built from the ACD's status; shared by
// `GET /api/v1/queues` and the wallboard snapshot.

import ACD
import CallCenter

extension QueueRoutes.QueueBody {
    /// The tenant's queues as `GET /api/v1/queues` shows them, sorted by name.
    static func bodies(_ statuses: [ACDQueueStatus], runtime: TenantRuntime?) -> [QueueRoutes.QueueBody] {
        statuses.map { QueueRoutes.QueueBody($0, record: runtime?.queuesByID[$0.id.rawValue]) }.sorted { $0.name < $1.name }
    }

    /// A queue's live status and today's counters as `GET /api/v1/queues` shows them.
    init(_ status: ACDQueueStatus, record: QueueRecord?) {
        let counters = status.counters
        let handled = counters.answered + counters.abandoned
        self.init(
            id: status.id.rawValue, name: record?.name ?? status.name, displayName: record?.displayName ?? status.name,
            open: status.isOpen, waiting: status.waiting,
            longestWaitSeconds: status.longestWait.map { Double($0.milliseconds) / 1000 },
            estimatedWaitSeconds: status.estimatedWait.map { Double($0.milliseconds) / 1000 },
            agents: .init(signedIn: status.agentsSignedIn, ready: status.agentsReady, working: status.agentsWorking,
                          notReady: status.agentsNotReady),
            today: .init(entered: counters.entered, answered: counters.answered,
                         answeredWithinThreshold: counters.answeredWithinThreshold, abandoned: counters.abandoned,
                         serviceLevel: handled > 0 ? Double(counters.answeredWithinThreshold) / Double(handled) : nil))
    }
}
