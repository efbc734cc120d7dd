// The actor that owns the ACD engines of every tenant on this node: it stamps commands with
// the time, runs the engines' timers, and carries their effects out.

import ACD
import Logging

/// Runs the pure ACD engines (``ACDPlatform``) for the call path.
///
/// Commands go in with ``handle(_:tenant:)``; effects about a task go to the session that
/// registered it (``register(task:tenant:)``), agent state changes go to ``AgentBoard`` and
/// the event bus. Time is the service's monotonic clock in milliseconds since start.
public actor ACDService {
    private var platform = ACDPlatform()
    private let start = ContinuousClock.now
    private var tasks: [TaskKey: AsyncStream<ACDTaskEvent>.Continuation] = [:]
    /// What the sessions say is really happening to their tasks: agents ringing, agent connected.
    private var live: [TaskKey: ACDLiveState.LiveTask] = [:]
    private var tickTask: Task<Void, Never>?
    private let board: AgentBoard
    private let events: EventBus
    private let logger: Logger

    private struct TaskKey: Hashable {
        var tenant: TenantID
        var task: TaskID
    }

    /// A service publishing to `events` and keeping `board` up to date.
    public init(board: AgentBoard, events: EventBus, logger: Logger) {
        self.board = board
        self.events = events
        self.logger = logger
    }

    /// The current instant on the ACD's clock.
    public nonisolated func now() -> ACDInstant {
        let elapsed = ContinuousClock.now - start
        return ACDInstant(milliseconds: elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
    }

    /// Adds or replaces a tenant's configuration, keeping its live tasks and agents.
    public func configure(_ configuration: ACDTenantConfiguration) throws {
        if platform.engines[configuration.tenant] != nil {
            carryOut(platform.handle(.configurationChanged(configuration), tenant: configuration.tenant, at: now()), tenant: configuration.tenant)
        } else {
            try platform.addTenant(configuration, randomSeed: UInt64(truncatingIfNeeded: configuration.tenant.rawValue.hashValue), at: now())
        }
    }

    /// Starts the timer loop; call once. Deadlines fire within 50 ms of their time.
    public func startTimers() {
        guard tickTask == nil else { return }
        tickTask = Task { [weak self] in
            while !Task.isCancelled {
                guard let delay = await self?.fireDueTimers() else { return }
                try? await Task.sleep(for: delay)
            }
        }
    }

    /// Stops the timer loop and ends every task stream.
    public func stop() {
        tickTask?.cancel()
        tickTask = nil
        for continuation in tasks.values { continuation.finish() }
        tasks.removeAll()
    }

    /// Registers the session that owns `task`; its stream carries the task's effects until
    /// the task leaves the ACD. Register before sending `taskArrived`.
    public func register(task: TaskID, tenant: TenantID) -> AsyncStream<ACDTaskEvent> {
        let (stream, continuation) = AsyncStream<ACDTaskEvent>.makeStream()
        tasks[TaskKey(tenant: tenant, task: task)] = continuation
        live[TaskKey(tenant: tenant, task: task)] = ACDLiveState.LiveTask(id: task)
        return stream
    }

    /// Forgets a task's session (after it ended, or when the call is gone).
    public func unregister(task: TaskID, tenant: TenantID) {
        tasks.removeValue(forKey: TaskKey(tenant: tenant, task: task))?.finish()
        live[TaskKey(tenant: tenant, task: task)] = nil
    }

    /// A session reports that `agent`'s phone rings (or stopped ringing) for `task`.
    public func noteRinging(_ agent: AgentID, ringing: Bool, task: TaskID, tenant: TenantID) {
        let key = TaskKey(tenant: tenant, task: task)
        guard var entry = live[key] else { return }
        entry.ringing.removeAll { $0 == agent }
        if ringing { entry.ringing.append(agent) }
        live[key] = entry
    }

    /// A session reports that `agent` is connected to `task` (nil: nobody any more).
    public func noteConnected(_ agent: AgentID?, task: TaskID, tenant: TenantID) {
        let key = TaskKey(tenant: tenant, task: task)
        guard var entry = live[key] else { return }
        entry.connected = agent
        entry.ringing.removeAll()
        live[key] = entry
    }

    /// Compares each tenant's engine with what the sessions report and what phones are
    /// registered, and lets the engine repair every difference (no agent stays reserved or
    /// busy without a call). `reachable` lists each tenant's agents with a live registration.
    public func reconcile(reachable: [TenantID: Set<AgentID>]) {
        for tenant in platform.engines.keys {
            let tasks = live.filter { $0.key.tenant == tenant }.map(\.value)
            let state = ACDLiveState(tasks: tasks, reachableAgents: reachable[tenant] ?? [])
            carryOut(platform.handle(.reconcile(state), tenant: tenant, at: now()), tenant: tenant)
        }
    }

    /// Hands `command` to the tenant's engine and carries out the effects; returns them too
    /// (a refused command shows up as `.rejected`).
    @discardableResult
    public func handle(_ command: ACDCommand, tenant: TenantID) -> [ACDEffect] {
        let effects = platform.handle(command, tenant: tenant, at: now())
        carryOut(effects, tenant: tenant)
        return effects
    }

    /// The tenant's agent statuses (for the API and reconciliation).
    public func agentStatus(_ agent: AgentID, tenant: TenantID) -> ACDAgentStatus? {
        platform.engines[tenant]?.agentStatus(agent, at: now())
    }

    /// The tenant's queue statuses (wallboard).
    public func queueStatuses(tenant: TenantID) -> [ACDQueueStatus] {
        platform.engines[tenant]?.queueStatuses(at: now()) ?? []
    }

    /// The estimated wait of a queue now.
    public func estimatedWait(queue: QueueID, tenant: TenantID) -> ACDDuration? {
        platform.engines[tenant]?.estimatedWait(queue: queue)
    }

    private func fireDueTimers() -> Duration {
        let now = now()
        for (tenant, effects) in platform.tick(at: now) { carryOut(effects, tenant: tenant) }
        guard let next = platform.nextDeadline else { return .milliseconds(50) }
        let wait = max(1, min(50, next.milliseconds - self.now().milliseconds))
        return .milliseconds(wait)
    }

    private func carryOut(_ effects: [ACDEffect], tenant: TenantID) {
        for effect in effects {
            switch effect {
            case .offer(let offer): deliver(.offer(offer), task: offer.task, tenant: tenant)
            case .cancelOffer(let cancellation): deliver(.cancelOffer(cancellation), task: cancellation.task, tenant: tenant)
            case .announce(let announcement): deliver(.announce(announcement), task: announcement.task, tenant: tenant)
            case .overflow(let overflow): deliver(.overflow(overflow), task: overflow.task, tenant: tenant)
            case .taskEnded(let end):
                deliver(.ended(end), task: end.task, tenant: tenant)
                unregister(task: end.task, tenant: tenant)
            case .agentStateChanged(let change):
                let event = CallCenterEvent(
                    .agentStateChanged, tenantID: tenant.rawValue, agentID: change.agent.rawValue,
                    details: [
                        "from": change.from.description, "to": change.to.description, "cause": change.cause.rawValue,
                        "state": change.to.kind.rawValue, "reason": change.to.notReadyReason?.rawValue ?? "",
                    ])
                // The board's "since" is the event's time, which the state history records too.
                board.update(agent: change.agent.rawValue, tenant: tenant.rawValue, state: change.to, since: event.at)
                events.publish(event)
                logger.info("agent state", metadata: [
                    "tenant": "\(tenant)", "agent": "\(change.agent)", "from": "\(change.from)", "to": "\(change.to)",
                    "cause": "\(change.cause.rawValue)",
                ])
            case .rejected(let rejection):
                logger.notice("ACD refused a command", metadata: ["tenant": "\(tenant)", "reason": "\(rejection)"])
            case .repaired(let repair):
                logger.warning("ACD repaired its state", metadata: ["tenant": "\(tenant)", "repair": "\(repair)"])
            case .notReadyLimitBreached(let violation):
                logger.notice("not-ready limit", metadata: ["tenant": "\(tenant)", "violation": "\(violation)"])
                events.publish(CallCenterEvent(
                    .agentLimitBreached, tenantID: tenant.rawValue, agentID: violation.agent.rawValue, details: violation.eventDetails))
            case .taskMoved(let move):
                logger.info("task moved", metadata: ["tenant": "\(tenant)", "task": "\(move.task)", "to": "\(move.to)"])
            }
        }
    }

    private func deliver(_ event: ACDTaskEvent, task: TaskID, tenant: TenantID) {
        tasks[TaskKey(tenant: tenant, task: task)]?.yield(event)
    }
}
