// Live counts the call path keeps per tenant: calls in IVR or queue (IVR ports) and each
// caller's recent calls (for the rules' "N calls in M minutes" limits).

import Foundation
import Synchronization

/// Per-tenant concurrency and per-caller recent-call counts.
final class CallCounters: Sendable {
    private struct State {
        var ivrCalls: [String: Int] = [:]
        var recent: [String: [Date]] = [:]
    }

    private let state = Mutex(State())

    /// Takes an IVR port for `tenant` unless `limit` are in use; false means refuse the call.
    func acquireIVRPort(tenant: String, limit: Int) -> Bool {
        state.withLock { state in
            let used = state.ivrCalls[tenant, default: 0]
            guard limit <= 0 || used < limit else { return false }
            state.ivrCalls[tenant] = used + 1
            return true
        }
    }

    /// Gives an IVR port back.
    func releaseIVRPort(tenant: String) {
        state.withLock { state in state.ivrCalls[tenant] = max(0, state.ivrCalls[tenant, default: 0] - 1) }
    }

    /// IVR ports in use by `tenant`.
    func ivrPortsInUse(tenant: String) -> Int { state.withLock { $0.ivrCalls[tenant, default: 0] } }

    /// Notes a call from `caller` at `now` and returns its earlier calls per period (seconds)
    /// asked for, within the last day at most.
    func noteCall(tenant: String, caller: String, at now: Date, periods: [Int]) -> [Int: Int] {
        state.withLock { state in
            let key = tenant + "\u{0}" + caller
            var times = state.recent[key, default: []].filter { now.timeIntervalSince($0) < 86_400 }
            var counts: [Int: Int] = [:]
            for period in periods {
                counts[period] = times.filter { now.timeIntervalSince($0) < Double(period) }.count
            }
            times.append(now)
            state.recent[key] = times.suffix(200)
            if state.recent.count > 200_000 { state.recent = state.recent.filter { !$0.value.isEmpty } }
            return counts
        }
    }
}
