// The configuration the call path reads from the store at start (and on reload), as plain
// values in the call center's own terms, so the runtime never touches the database on a
// call's hot path.

import Foundation

/// One tenant's configuration as the call path uses it.
public struct TenantRecord: Sendable {
    /// The store's tenant id.
    public var id: String
    /// The short code (e.g. `demo`).
    public var code: String
    /// The SIP domain, also the digest realm of its extensions.
    public var sipDomain: String
    /// IANA time zone name or `+08:00`.
    public var timeZone: String
    /// Holidays and make-up working days as `(date, name, isWorkday)`.
    public var calendarDays: [(date: String, name: String, isWorkday: Bool)]
    /// Concurrent IVR ports (calls answered but not yet with an agent).
    public var ivrPorts: Int
    /// Signed-in seats.
    public var seats: Int
    /// Access numbers.
    public var numbers: [AccessNumberRecord]
    /// Queues.
    public var queues: [QueueRecord]
    /// Agents.
    public var agents: [AgentRecord]
    /// Skills (id → name).
    public var skills: [String: String]
    /// Published flow documents by flow id (JSON bytes).
    public var flows: [String: Data]
    /// Trunks the tenant may call out through (its own and shared ones), in failover order.
    public var trunks: [TrunkRecord] = []
    /// Trunks that may send the tenant calls (its own and shared ones with the inbound flag).
    public var inboundTrunks: [InboundTrunkRecord] = []
    /// Numbers outgoing calls may present (access numbers with the outbound flag).
    public var outboundCallerIDs: [String] = []
    /// Not-ready reasons (示忙原因) agents may choose, with their limits.
    public var notReadyReasons: [NotReadyReasonRecord] = []
    /// The tenant's own overload limits (its quota); nil fields take the node's defaults.
    public var callLimits = TenantCallLimits()
}

/// A not-ready reason and its limits.
public struct NotReadyReasonRecord: Sendable {
    /// The code agents and the API use (e.g. `rest`).
    public var code: String
    public var name: String
    public var maxDurationSeconds: Int?
    public var maxPerShift: Int?
    public var maxConcurrentPerTeam: Int?
}

/// A carrier trunk for outgoing calls.
public struct TrunkRecord: Sendable {
    public var id: String
    public var name: String
    /// `udp` or `tcp` (TLS is not offered yet).
    public var transport: String
    /// Gateway addresses in failover order.
    public var addresses: [(host: String, port: Int)]
    /// Digest credentials for the trunk's challenges (user, realm, MD5 HA1).
    public var credentials: (username: String, realm: String, ha1: String)?
    /// Number prefixes the trunk takes (empty: any).
    public var allowedPrefixes: [String]
}

/// A carrier trunk calls arrive from, and whether its caller identity is believed.
public struct InboundTrunkRecord: Sendable {
    public var name: String
    /// `udp` or `tcp`.
    public var transport: String
    /// The gateway's addresses: a UDP source matches host and port, a TCP one the host.
    public var addresses: [(host: String, port: Int)]
    /// Its P-Asserted-Identity is believed (RFC 3325 trust domain).
    public var trusted: Bool
}

/// An access number (接入号) and what it runs.
public struct AccessNumberRecord: Sendable {
    /// The store's id.
    public var id: String
    /// The number callers dial.
    public var number: String
    /// Whether outgoing calls may present it.
    public var outbound: Bool
    /// The flow it runs (flow id), if any.
    public var flowID: String?
    /// The inbound rule set (JSON bytes), if any.
    public var rules: Data?
}

/// A queue as the call path needs it.
public struct QueueRecord: Sendable {
    public var id: String
    public var name: String
    public var displayName: String
    public var strategy: String
    public var priority: Int
    public var serviceLevelSeconds: Int
    public var wrapUpSeconds: Int
    public var maxWaitSeconds: Int?
    public var maxWaiting: Int?
    public var overflowQueueID: String?
    public var announceIntervalSeconds: Int?
    public var callbackEnabled: Bool
    /// Required skills as (skill id, minimum level).
    public var skills: [(skill: String, minimumLevel: Int)]
    /// Service hours (服务时间) as (day names `mon`..`sun`, start `HH:MM`, end `HH:MM`); empty:
    /// always open.
    public var businessHours: [(days: [String], start: String, end: String)] = []
    /// The name of the flow whose survey node the queue's callers take, if the queue names one.
    public var surveyFlow: String?
    /// That flow's store id when it exists (nil: none named, or no flow of that name).
    public var surveyFlowID: String?
}

/// An agent (座席) as the call path needs it.
public struct AgentRecord: Sendable {
    public var id: String
    public var workNumber: String
    public var name: String
    public var extensionNumber: String
    public var pcPhoneNumber: String?
    public var autoAnswer: Bool
    public var voiceCapacity: Int
    public var teamID: String?
    /// The site (场地) the agent works at: the agent's own, else the team's.
    public var siteID: String? = nil
    /// The outsourcing partner running the agent: the agent's own, else the team's.
    public var partnerID: String? = nil
    /// The site's region, for grouping boards and reports.
    public var region: String? = nil
    /// Skills as (skill id, level).
    public var skills: [(skill: String, level: Int)]
    /// Queue memberships as (queue id, tier).
    public var queues: [(queue: String, tier: Int)]
}
