// Gauges of what the call path holds right now (media ports, SIP transactions and dialogs,
// phones out of routing), sampled every second onto swift-metrics, so `/metrics` shows a leak
// as a number that does not come back to zero.

import Media
import Metrics
import SIPStack

/// Samples the call path's live resources into gauges.
struct CallPathGauges: Sendable {
    private let mediaPorts = Gauge(label: "kefu_media_ports_in_use")
    private let serverTransactions = Gauge(label: "kefu_sip_transactions", dimensions: [("kind", "server")])
    private let clientTransactions = Gauge(label: "kefu_sip_transactions", dimensions: [("kind", "client")])
    private let dialogs = Gauge(label: "kefu_sip_dialogs")
    private let deadPhones = Gauge(label: "kefu_agent_phones_not_answering")

    /// Sets every gauge from `context` every `interval` until cancelled.
    func run(_ context: CallPathContext, interval: Duration = .seconds(1)) async {
        while !Task.isCancelled {
            let sip = await context.userAgent.statistics()
            mediaPorts.record(context.media.ports.inUse)
            serverTransactions.record(sip.serverTransactions)
            clientTransactions.record(sip.clientTransactions)
            dialogs.record(sip.calls)
            deadPhones.record(context.keepAlive.deadCount)
            try? await Task.sleep(for: interval)
        }
    }
}
