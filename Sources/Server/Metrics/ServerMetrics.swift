// `/metrics` in Prometheus text format: live gauges (calls in progress, queue waiting,
// agents by state per tenant) read at scrape time, plus whatever the rest of the process
// reports through swift-metrics (SIP and RTP counters) when it was bootstrapped here.

import ACD
import CallCenter
import CoreMetrics
import Prometheus

/// The Prometheus registry `/metrics` prints, and the live gauges the server sets before
/// each scrape.
public final class ServerMetrics: Sendable {
    /// The registry (shared with swift-metrics when ``bootstrapMetricsSystem()`` made it).
    public let registry: PrometheusCollectorRegistry

    /// Metrics over `registry` (a fresh one by default, as tests want).
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
    }

    /// Bootstraps swift-metrics for the whole process onto one Prometheus registry, so the
    /// SIP stack's and media engine's counters appear on `/metrics`; call once, at start.
    public static func bootstrapMetricsSystem() -> ServerMetrics {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return ServerMetrics(registry: registry)
    }

    private static var callsInProgress: MetricNameDescriptor {
        MetricNameDescriptor(
        namespace: "kefu", metricName: "calls_in_progress", unitName: "", helpText: "Customer calls between arrival and hang-up")
    }
    private static var agents: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "kefu", metricName: "agents", unitName: "", helpText: "Agents by state")
    }
    private static var queueWaiting: MetricNameDescriptor {
        MetricNameDescriptor(
        namespace: "kefu", subsystem: "queue", metricName: "waiting", unitName: "", helpText: "Calls waiting in the queue")
    }
    private static var sessions: MetricNameDescriptor {
        MetricNameDescriptor(
        namespace: "kefu", subsystem: "http", metricName: "sessions", unitName: "", helpText: "Open console sessions")
    }

    private static var eventStreams: MetricNameDescriptor {
        MetricNameDescriptor(
        namespace: "kefu", subsystem: "http", metricName: "event_streams", unitName: "", helpText: "Open event streams")
    }
    private static var eventStreamsShed: MetricNameDescriptor {
        MetricNameDescriptor(
        namespace: "kefu", subsystem: "http", metricName: "event_streams_shed", unitName: "",
        helpText: "Event streams closed since start because their client fell behind")
    }

    /// Sets the live gauges from the call center and prints the registry.
    func scrape(_ services: ServerServices) async -> String {
        let center = services.callCenter
        let calls = services.liveCalls.countsByTenant()
        for runtime in center.directory.tenants {
            let tenant = runtime.record.code
            registry.makeGauge(descriptor: Self.callsInProgress, labels: [("tenant", tenant)]).set(Double(calls[runtime.id] ?? 0))
            var byState: [String: Int] = Dictionary(uniqueKeysWithValues: AgentStateBody.allKinds.map { ($0, 0) })
            for agent in runtime.agentsByID.keys {
                byState[AgentStateBody(center.state(agent: agent, tenant: runtime.id)).kind, default: 0] += 1
            }
            for (state, count) in byState {
                registry.makeGauge(descriptor: Self.agents, labels: [("tenant", tenant), ("state", state)]).set(Double(count))
            }
            for queue in await center.queueStatuses(tenant: runtime.id) {
                registry.makeGauge(descriptor: Self.queueWaiting, labels: [("tenant", tenant), ("queue", queue.name)]).set(Double(queue.waiting))
            }
        }
        registry.makeGauge(descriptor: Self.sessions).set(Double(services.sessions.count))
        registry.makeGauge(descriptor: Self.eventStreams).set(Double(services.fanOut.subscriberCount))
        registry.makeGauge(descriptor: Self.eventStreamsShed).set(Double(services.fanOut.shedCount))
        return registry.emitToString()
    }
}
