// The role matrix: what each role (and each API key scope) may do. Every route names one
// permission, and `KefuRequestContext.require(_:)` checks it.

import Store

/// Something a route does that not every caller may do.
public enum Permission: String, Sendable, Hashable, CaseIterable {
    /// Read one's own identity (`GET /me`).
    case readSelf = "self.read"
    /// List the tenant's agents and their live states.
    case readAgents = "agents.read"
    /// Change an agent's presence; agents only their own, supervisors and partner managers those in their scope.
    case changeAgentState = "agents.state"
    /// Read the tenant's queues with their live status.
    case readQueues = "queues.read"
    /// Read call detail records (agents: their own calls, numbers masked).
    case readCallRecords = "cdr.read"
    /// Write call notes (电话小结) on call records; agents only on their own calls.
    case writeCallNotes = "cdr.note"
    /// Play recordings.
    case playRecordings = "recordings.play"
    /// Receive the live event stream.
    case streamEvents = "events.read"
    /// Read the tenant's configuration (numbers, flows, prompts, queues, skills, agents, users).
    case readConfiguration = "config.read"
    /// Change the tenant's configuration, API keys and webhooks.
    case configure = "config.write"
    /// Manage the platform: tenants, quotas, trunks.
    case managePlatform = "platform.manage"
    /// See live calls and act on them from the call bar (agents: their own calls).
    case controlCalls = "calls.control"
    /// Listen, whisper, barge, intercept and force-release any call of the tenant.
    case superviseCalls = "calls.supervise"
    /// Place click-to-dial calls (外呼) from one's own phone.
    case placeCalls = "calls.place"
    /// Read the tenant's current notices (通知公告) on the desktop.
    case readNotices = "notices.read"
    /// Publish, edit and withdraw the tenant's notices.
    case manageNotices = "notices.write"
    /// Review tenants' submitted flow and prompt versions: read, listen, approve, reject (审核).
    case reviewContent = "content.review"

    /// The user roles that hold the permission.
    public var roles: Set<UserRole> {
        switch self {
        case .readSelf: Set(UserRole.allCases)
        case .readAgents: [.tenantAdmin, .supervisor, .partnerManager]
        case .changeAgentState: [.tenantAdmin, .supervisor, .agent, .partnerManager]
        case .readQueues: [.tenantAdmin, .supervisor, .agent, .partnerManager]
        case .readCallRecords: [.tenantAdmin, .supervisor, .agent, .qaInspector, .partnerManager]
        case .writeCallNotes: [.tenantAdmin, .supervisor, .agent]
        case .playRecordings: [.tenantAdmin, .supervisor, .qaInspector, .partnerManager]
        case .streamEvents: [.tenantAdmin, .supervisor, .agent, .partnerManager]
        case .readConfiguration: [.tenantAdmin, .supervisor]
        case .configure: [.tenantAdmin]
        case .managePlatform: [.platformAdmin]
        case .controlCalls: [.tenantAdmin, .supervisor, .agent, .partnerManager]
        case .superviseCalls: [.tenantAdmin, .supervisor, .partnerManager]
        case .placeCalls: [.tenantAdmin, .supervisor, .agent]
        case .readNotices: [.tenantAdmin, .supervisor, .agent]
        case .manageNotices: [.tenantAdmin, .supervisor]
        case .reviewContent: [.platformReviewer]
        }
    }

    /// The API key scope that grants the permission (`nil`: keys never hold it).
    public var keyScope: APIKeyScope? {
        switch self {
        case .readSelf: nil
        case .readAgents: "agents:read"
        case .changeAgentState: "agents:write"
        case .readQueues: "queues:read"
        case .readCallRecords: "cdr:read"
        case .writeCallNotes: "cdr:write"
        case .playRecordings: "recordings:read"
        case .streamEvents: "events:read"
        case .readConfiguration: "config:read"
        case .configure: "config:write"
        case .managePlatform: nil
        case .controlCalls: "calls:write"
        case .superviseCalls: "calls:supervise"
        case .placeCalls: nil
        case .readNotices: "notices:read"
        case .manageNotices: "notices:write"
        case .reviewContent: nil
        }
    }
}
