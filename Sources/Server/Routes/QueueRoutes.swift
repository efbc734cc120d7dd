// Queues with their live status for the wallboard and the desktop: waiting calls, the
// longest wait, agents by state, and today's counters.

import ACD
import CallCenter
import Hummingbird
import Store

/// `GET /api/v1/queues`.
struct QueueRoutes {
    let services: ServerServices

    struct QueueBody: Encodable, Sendable {
        struct Agents: Encodable, Sendable {
            var signedIn, ready, working, notReady: Int
        }

        struct Today: Encodable, Sendable {
            var entered, answered, answeredWithinThreshold, abandoned: Int
            /// Answered within the threshold over answered plus abandoned, 0...1 (nil before any call).
            var serviceLevel: Double?
        }

        var id: String
        var name: String
        var displayName: String
        var open: Bool
        var waiting: Int
        var longestWaitSeconds: Double?
        var estimatedWaitSeconds: Double?
        var agents: Agents
        var today: Today
    }

    struct QueueList: Encodable, Sendable {
        var items: [QueueBody]
    }

    func register(on routes: APIRouteRecorder) {
        routes.add(.get, "/api/v1/queues") { _, context in
            let tenant = try context.require(.readQueues).requireTenant()
            let runtime = services.callCenter.directory.tenant(id: tenant.rawValue)
            let statuses = await services.callCenter.queueStatuses(tenant: tenant.rawValue)
            let items = statuses.map { status -> QueueBody in
                let record = runtime?.queuesByID[status.id.rawValue]
                let counters = status.counters
                let handled = counters.answered + counters.abandoned
                return QueueBody(
                    id: status.id.rawValue, name: record?.name ?? status.name, displayName: record?.displayName ?? status.name,
                    open: status.isOpen, waiting: status.waiting,
                    longestWaitSeconds: status.longestWait.map { Double($0.milliseconds) / 1000 },
                    estimatedWaitSeconds: status.estimatedWait.map { Double($0.milliseconds) / 1000 },
                    agents: .init(signedIn: status.agentsSignedIn, ready: status.agentsReady, working: status.agentsWorking,
                                  notReady: status.agentsNotReady),
                    today: .init(entered: counters.entered, answered: counters.answered,
                                 answeredWithinThreshold: counters.answeredWithinThreshold, abandoned: counters.abandoned,
                                 serviceLevel: handled > 0 ? Double(counters.answeredWithinThreshold) / Double(handled) : nil))
            }.sorted { $0.name < $1.name }
            return JSONResponse(QueueList(items: items))
        }
    }
}
