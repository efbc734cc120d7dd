// The server's broadcast of call-center events to its open streams, by audience: each event
// is checked once per audience (an agent's own work, a scope, a whole tenant) and encoded
// once per masking, and every stream of those audiences gets the same bytes.

import CallCenter
import NIOCore
import Store
import Synchronization

/// Why a new stream is refused.
struct StreamRefusal: Error, Sendable {
    /// A sentence the client can act on.
    var message: String
}

/// Fans events out to the server's streams without ever waiting for one.
///
/// ``publish(_:call:)`` runs on the event feeder's task (the API's threads), never on the
/// call path: the call path only hands the event to the bus. A stream whose client is slow
/// fills its own bounded queue and is closed; nobody else waits for it.
final class EventFanOut: Sendable {
    /// The subscribers of one audience and what the audience has seen.
    private struct Group {
        var audience: EventAudience
        var subscribers: [Int: StreamSubscriber] = [:]
    }

    /// One tenant's audiences, indexed so an event is put only to those that may see it.
    private struct TenantStreams {
        var groups: [AudienceKey: Group] = [:]
        /// One-agent audiences by their agent: events about the agent.
        var byAgent: [String: Set<AudienceKey>] = [:]
        /// One-agent audiences by the calls they follow: events about those calls.
        var byCall: [String: Set<AudienceKey>] = [:]
        /// Whole-tenant and scoped audiences: every event of the tenant is put to them.
        var broad: Set<AudienceKey> = []
        var streams = 0
    }

    private struct State {
        var tenants: [String: TenantStreams] = [:]
        var streamsPerUser: [Principal.Credential: Int] = [:]
        var nextID = 0
    }

    /// The per-user and per-tenant stream limits and each stream's queue length.
    let limits: APILimits
    private let state = Mutex(State())
    private let shed = Atomic<Int>(0)

    init(limits: APILimits = .init()) {
        self.limits = limits
    }

    /// Why `user` may not open another stream in `tenant` now, or `nil` when they may.
    func refusal(tenant: String, user: Principal.Credential) -> StreamRefusal? {
        state.withLock { Self.refusal($0, tenant: tenant, user: user, limits: limits) }
    }

    /// A new stream of `audience` for `user`, following those of `calls` it sees when its
    /// audience is new (calls in progress); throws when a limit is reached.
    func subscribe(_ audience: EventAudience, user: Principal.Credential, calls: [LiveCall]) throws -> StreamSubscriber {
        let key = audience.key
        let subscriber = try state.withLock { state -> StreamSubscriber in
            if let refusal = Self.refusal(state, tenant: key.tenantID, user: user, limits: limits) { throw refusal }
            state.nextID += 1
            let subscriber = StreamSubscriber(id: state.nextID, key: key, user: user, queue: limits.streamQueue)
            Self.add(subscriber, audience: audience, calls: calls, to: &state.tenants[key.tenantID, default: TenantStreams()])
            state.streamsPerUser[user, default: 0] += 1
            return subscriber
        }
        return subscriber
    }

    /// Removes a stream (it closed); its audience goes when it was the last.
    func unsubscribe(_ subscriber: StreamSubscriber) {
        subscriber.finish()
        state.withLock { state in
            let key = subscriber.key
            guard state.tenants[key.tenantID]?.groups[key]?.subscribers.removeValue(forKey: subscriber.id) != nil else { return }
            state.streamsPerUser[subscriber.user, default: 1] -= 1
            if state.streamsPerUser[subscriber.user] == 0 { state.streamsPerUser.removeValue(forKey: subscriber.user) }
            state.tenants[key.tenantID]!.streams -= 1
            if state.tenants[key.tenantID]!.streams == 0 {
                state.tenants.removeValue(forKey: key.tenantID)
            } else if state.tenants[key.tenantID]!.groups[key]!.subscribers.isEmpty {
                Self.removeGroup(key, from: &state.tenants[key.tenantID]!)
            }
        }
    }

    /// Puts `event` (with its call after the event) to every stream that may see it,
    /// encoded once per masking policy; never waits.
    func publish(_ event: CallCenterEvent, call: LiveCall?) {
        let deliveries = state.withLock { state -> [(EventAudience, [StreamSubscriber])] in
            guard state.tenants[event.tenantID] != nil else { return [] }
            return Self.route(event, in: &state.tenants[event.tenantID]!)
        }
        var encoded: [MaskingPolicy?: ByteBuffer] = [:]
        for (audience, subscribers) in deliveries {
            let frame: ByteBuffer
            if let bytes = encoded[audience.masking] {
                frame = bytes
            } else {
                guard let bytes = try? StreamMessage.event(event, call: call, audience: audience).jsonBuffer() else { continue }
                encoded[audience.masking] = bytes
                frame = bytes
            }
            for subscriber in subscribers where subscriber.offer(frame) {
                shed.add(1, ordering: .relaxed)
            }
        }
    }

    /// How many streams are open.
    var subscriberCount: Int { state.withLock { $0.tenants.values.reduce(0) { $0 + $1.streams } } }

    /// How many streams were cut off because their client fell behind.
    var shedCount: Int { shed.load(ordering: .relaxed) }

    /// How many distinct audiences the open streams have (each event is checked once per audience).
    var audienceCount: Int { state.withLock { $0.tenants.values.reduce(0) { $0 + $1.groups.count } } }

    private static func refusal(_ state: State, tenant: String, user: Principal.Credential, limits: APILimits) -> StreamRefusal? {
        if limits.streamsPerUser > 0, state.streamsPerUser[user, default: 0] >= limits.streamsPerUser {
            return StreamRefusal(message: "this user already has \(limits.streamsPerUser) event streams open; close one first")
        }
        if limits.streamsPerTenant > 0, state.tenants[tenant]?.streams ?? 0 >= limits.streamsPerTenant {
            return StreamRefusal(message: "the tenant already has \(limits.streamsPerTenant) event streams open")
        }
        return nil
    }

    private static func add(_ subscriber: StreamSubscriber, audience: EventAudience, calls: [LiveCall], to tenant: inout TenantStreams) {
        let key = subscriber.key
        if tenant.groups[key] == nil {
            var audience = audience
            audience.follow(calls)
            tenant.groups[key] = Group(audience: audience)
            if audience.isOneAgent, let agent = audience.agentID {
                tenant.byAgent[agent, default: []].insert(key)
                for call in calls where audience.follows(call.callID) { tenant.byCall[call.callID, default: []].insert(key) }
            } else {
                tenant.broad.insert(key)
            }
        }
        tenant.groups[key]!.subscribers[subscriber.id] = subscriber
        tenant.streams += 1
    }

    private static func removeGroup(_ key: AudienceKey, from tenant: inout TenantStreams) {
        guard let group = tenant.groups.removeValue(forKey: key) else { return }
        tenant.broad.remove(key)
        if let agent = key.agentID {
            tenant.byAgent[agent]?.remove(key)
            if tenant.byAgent[agent]?.isEmpty == true { tenant.byAgent.removeValue(forKey: agent) }
        }
        for call in group.audience.ownCalls {
            tenant.byCall[call]?.remove(key)
            if tenant.byCall[call]?.isEmpty == true { tenant.byCall.removeValue(forKey: call) }
        }
    }

    /// The audiences that admit `event`, with their streams; updates what each has seen.
    private static func route(_ event: CallCenterEvent, in tenant: inout TenantStreams) -> [(EventAudience, [StreamSubscriber])] {
        var candidates = tenant.broad
        if let agent = event.agentID, let keys = tenant.byAgent[agent] { candidates.formUnion(keys) }
        if let call = event.callID, let keys = tenant.byCall[call] { candidates.formUnion(keys) }
        var deliveries: [(EventAudience, [StreamSubscriber])] = []
        for key in candidates where tenant.groups[key] != nil {
            let admitted = tenant.groups[key]!.audience.admits(event)
            let group = tenant.groups[key]!
            if let call = event.callID, group.audience.isOneAgent {
                if group.audience.follows(call) {
                    tenant.byCall[call, default: []].insert(key)
                } else if tenant.byCall[call]?.remove(key) != nil, tenant.byCall[call]?.isEmpty == true {
                    tenant.byCall.removeValue(forKey: call)
                }
            }
            if admitted { deliveries.append((group.audience, Array(group.subscribers.values))) }
        }
        return deliveries
    }
}
