// Repairs the live call table when the event bus lost a call's end. The bus drops the oldest
// events of a feeder that fell far behind (kefu_events_dropped_total); a lost `call.ended`
// would leave a call on every board until a restart. A call the table lists that the call
// path no longer runs, at two sweeps in a row, is ended here for the table and the streams.

import CallCenter
import ServiceLifecycle

/// Compares the live call table with the call path's running calls every `interval`.
struct LiveCallSweeper: Service {
    let services: ServerServices
    var interval: Duration = .seconds(30)

    func run() async throws {
        await cancelWhenGracefulShutdown {
            var suspects: Set<String> = []
            while (try? await Task.sleep(for: interval)) != nil {
                suspects = sweep(after: suspects)
            }
        }
    }

    /// Ends the calls that were already suspects and are still not running; returns the keys
    /// (`tenant` NUL `call id`) of the calls not running now. One sweep alone never ends a
    /// call: the call path forgets a call a moment before it publishes `call.ended`.
    func sweep(after suspects: Set<String>) -> Set<String> {
        var notRunning: Set<String> = []
        for call in services.liveCalls.all() where !services.callCenter.isRunning(call.callID, tenant: call.tenantID) {
            let key = call.tenantID + "\u{0}" + call.callID
            guard suspects.contains(key) else {
                notRunning.insert(key)
                continue
            }
            let ended = CallCenterEvent(.callEnded, tenantID: call.tenantID, callID: call.callID, details: ["cause": "reconciled"])
            services.fanOut.publish(ended, call: services.liveCalls.apply(ended))
        }
        return notRunning
    }
}
