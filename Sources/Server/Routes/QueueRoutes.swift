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
            let items = QueueBody.bodies(statuses, runtime: runtime)
            return JSONResponse(QueueList(items: items))
        }
    }
}
