// The call path's composition root: the SIP user agent, the media engine, the ACD service
// and the directory, wired together; it takes every new INVITE and registration change.

import ACD
import Foundation
import Logging
import Media
import ServiceLifecycle
import SIP
import SIPStack
import Store

/// Kefu's call center core as one `Service`: classifies incoming INVITEs (access number,
/// feature code, internal extension), runs one ``CustomerCall`` per customer call, follows
/// agents' registrations, and reconciles the ACD with live calls.
public final class CallCenter: Service, Sendable {
    /// The SIP user agent (started by ``run()``).
    public let userAgent: SIPUserAgent
    /// The media engine.
    public let media: MediaEngine
    /// The ACD service.
    public let acd: ACDService
    /// Agent states.
    public let board: AgentBoard
    /// Events for the API and wallboard.
    public let events: EventBus
    /// Every tenant's configuration.
    public let directory: TenantDirectory
    /// Overload control; the user agent must be built with it to refuse INVITEs.
    public let admission: CallAdmission
    let context: CallPathContext
    private let onReady: (@Sendable (CallCenter) -> Void)?
    private let store: Store
    let logger: Logger

    /// A call center over `store`, answering on `userAgent` with `media`; `directory` is the
    /// one the user agent's authentication policy reads (``TenantDirectory/requiresAuthentication(_:)``).
    public init(
        store: Store, userAgent: SIPUserAgent, media: MediaEngine, directory: TenantDirectory,
        admission: CallAdmission = CallAdmission(limits: CallAdmissionLimits()), settings: CallCenterSettings,
        logger: Logger, onReady: (@Sendable (CallCenter) -> Void)? = nil
    ) {
        self.onReady = onReady
        self.admission = admission
        let board = AgentBoard()
        let events = EventBus()
        let acd = ACDService(board: board, events: events, logger: logger)
        self.store = store
        self.userAgent = userAgent
        self.media = media
        self.acd = acd
        self.board = board
        self.events = events
        self.directory = directory
        self.logger = logger
        self.context = CallPathContext(
            userAgent: userAgent, media: media, acd: acd, board: board, events: events,
            records: CallRecordWriter(store: store, logger: logger), directory: directory, counters: CallCounters(),
            settings: settings, keepAlive: PhoneKeepAlive(settings: settings.keepAlive, logger: logger), logger: logger)
    }

    /// Reads every tenant from the store and configures the ACD; returns the problems found
    /// (bad flows or rules are skipped with a message, never fatal).
    @discardableResult
    public func reload() async throws -> [String] {
        let records = try await StoreLoader(store: store).loadAll()
        let tenants = records.map {
            TenantRuntime($0, alwaysOpen: context.settings.alwaysOpen, offerTimeoutSeconds: context.settings.offerTimeoutSeconds)
        }
        directory.replace(with: tenants)
        var problems: [String] = []
        for tenant in tenants {
            do {
                try await acd.configure(tenant.acdConfiguration)
            } catch {
                problems.append("ACD configuration of \(tenant.record.code): \(error)")
            }
            problems += tenant.problems.map { "\(tenant.record.code): \($0)" }
        }
        for problem in problems { logger.warning("configuration problem", metadata: ["problem": "\(problem)"]) }
        await applyQueueHours(at: Date())
        return problems
    }

    /// Starts everything, serves calls until graceful shutdown, then stops cleanly.
    public func run() async throws {
        let recorder = AgentStateRecorder(store: store, logger: logger)
        let stateEvents = events.subscribe(as: "agent_state_history")
        let history = Task { await recorder.run(stateEvents) }
        defer { history.cancel() }
        try await reload()
        await acd.startTimers()
        try await userAgent.start()
        media.clock.start()
        onReady?(self)
        let reconciler = Task { await self.reconcilePeriodically() }
        let queueHours = Task { await self.keepQueueHours() }
        let gauges = Task { await CallPathGauges().run(self.context) }
        let keepAlive = Task {
            await self.context.keepAlive.run(userAgent: self.userAgent) { phone, _ in
                await self.deviceChanged(user: phone.user, realm: phone.realm)
            }
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.acceptCalls() }
            group.addTask { await self.followRegistrations() }
            group.addTask { try? await gracefulShutdown() }
            _ = await group.next()
            logger.info("shutting down: ending calls")
            // Ends every call (their sessions write their CDRs), then stops taking new ones.
            await self.userAgent.shutdown()
            group.cancelAll()
        }
        reconciler.cancel()
        queueHours.cancel()
        keepAlive.cancel()
        gauges.cancel()
        await acd.stop()
        await media.shutdown()
    }

    // MARK: incoming calls

    private func acceptCalls() async {
        await withDiscardingTaskGroup { group in
            for await call in userAgent.incomingCalls {
                group.addTask { await self.dispatch(call) }
            }
        }
    }

    private func dispatch(_ call: SIPCall) async {
        admission.callStarted(call.request)
        defer { admission.callEnded(call.request) }
        let dialled = call.request.uri.user ?? ""
        if let user = call.authenticatedUser {
            let domain = (try? call.request.headers.from)?.uri.sipURI?.host ?? ""
            guard let tenant = directory.tenant(realm: domain) ?? directory.tenant(realm: context.settings.realm),
                  let agent = tenant.agentsByExtension[user]
            else {
                try? await call.reject(.forbidden, reasonPhrase: "Unknown extension")
                return
            }
            if let replaces = try? call.request.headers.replaces {
                await replaceLeg(replaces, with: call, agent: agent, tenant: tenant)
                return
            }
            if let code = FeatureCode(rawValue: dialled) {
                await FeatureCodeCall(call: call, code: code, agent: agent, tenant: tenant, context: context).run()
                return
            }
            if let callee = tenant.agentsByExtension[dialled] {
                guard callee.id != agent.id else {
                    try? await call.reject(.busyHere, reasonPhrase: "An extension cannot call itself")
                    return
                }
                await InternalCall(call: call, caller: agent, callee: callee, tenant: tenant, context: context).run()
                return
            }
            if let (tenant, route) = directory.route(dialled: dialled) {
                await CustomerCall(call: call, tenant: tenant, route: route, context: context).run()
                return
            }
            try? await call.reject(.notFound, reasonPhrase: "Agents dial feature codes, extensions and tenant numbers only")
            return
        }
        if (try? call.request.headers.replaces) != nil {
            // The stack found the dialog; only an agent's own phone may take a call over.
            try? await call.reject(.decline, reasonPhrase: "Replaces is accepted from the agent's own phone only")
            return
        }
        guard let (tenant, route) = directory.route(dialled: dialled) else {
            try? await call.reject(.notFound, reasonPhrase: "No such number")
            return
        }
        await CustomerCall(call: call, tenant: tenant, route: route, context: context).run()
    }

    /// An INVITE with Replaces (RFC 3891) from `agent`'s phone: the customer call whose agent
    /// dialog it names moves to this phone; other dialogs of kefu (extension calls, customers'
    /// legs) are declined (603) — attended transfers come as REFER with Replaces instead.
    private func replaceLeg(_ replaces: Replaces, with call: SIPCall, agent: AgentRecord, tenant: TenantRuntime) async {
        for case let customer as CustomerCall in context.liveCalls.calls(tenant: tenant.id) where await customer.agentDialog(named: replaces) {
            await customer.moveAgentLeg(to: call, agent: agent)
            return
        }
        try? await call.reject(.decline, reasonPhrase: "Only an agent's dialog with a customer can be replaced")
    }

    // MARK: registrations

    /// An agent whose last registration goes away (or whose phone stops answering OPTIONS)
    /// is out of voice routing at once; one that registers again is back.
    private func followRegistrations() async {
        for await change in userAgent.bindingChanges {
            _ = context.keepAlive.follow(change)
            await deviceChanged(user: change.binding.user, realm: change.binding.realm)
        }
    }

    /// Tells the ACD whether the agent with extension `user` in `realm` can be rung now.
    func deviceChanged(user: String, realm: String) async {
        guard let tenant = directory.tenant(realm: realm), let agent = tenant.agentsByExtension[user] else { return }
        let reachable = await isReachable(agent, in: tenant)
        await acd.handle(.agentDeviceChanged(AgentID(agent.id), reachable: reachable), tenant: TenantID(tenant.id))
        events.publish(CallCenterEvent(.agentDeviceChanged, tenantID: tenant.id, agentID: agent.id, details: ["reachable": "\(reachable)"]))
    }
}

