// The provisioning file format (`kefu provision FILE.yaml`, `kefu export`): a declarative
// description of tenants and what they configure, keyed by names rather than ids.
//
// Every field mirrors a definition in the model; names are snake_case as in the API.
// Secrets may be given in clear (`password`, hashed on apply) or as the hashes an export
// writes (`password_hash`, `sip_credentials`, trunk `auth.ha1_*`).

/// A whole provisioning file.
public struct ProvisioningDocument: Codable, Hashable, Sendable {
    /// The format version; 1 today.
    public var version: Int?
    /// `platform:` in the file (optional).
    public var platform: PlatformSection?
    /// `trunks:` in the file (optional).
    public var trunks: [TrunkEntry]?
    /// `tenants:` in the file (optional).
    public var tenants: [TenantEntry]?

    /// Creates a value from its parts (defaults as documented on each property).
    public init(version: Int? = 1, platform: PlatformSection? = nil, trunks: [TrunkEntry]? = nil, tenants: [TenantEntry]? = nil) {
        self.version = version
        self.platform = platform
        self.trunks = trunks
        self.tenants = tenants
    }

    /// Platform-wide settings and platform users.
    public struct PlatformSection: Codable, Hashable, Sendable {
        /// `approval_required:` in the file (optional).
        public var approvalRequired: Bool?
        /// `users:` in the file (optional).
        public var users: [UserEntry]?

        enum CodingKeys: String, CodingKey {
            case approvalRequired = "approval_required"
            case users
        }
    }

    /// A carrier trunk.
    public struct TrunkEntry: Codable, Hashable, Sendable {
        /// The name, unique where the type says so.
        public var name: String
        /// The code of the tenant the trunk is dedicated to; absent for a shared trunk.
        public var tenant: String?
        /// `transport:` in the file (optional).
        public var transport: String?
        /// `addresses:` in the file.
        public var addresses: [String]
        /// `inbound:` in the file (optional).
        public var inbound: Bool?
        /// `outbound:` in the file (optional).
        public var outbound: Bool?
        /// `trusted:` in the file (optional).
        public var trusted: Bool?
        /// `max_channels:` in the file (optional).
        public var maxChannels: Int?
        /// `allowed_prefixes:` in the file (optional).
        public var allowedPrefixes: [String]?
        /// `auth:` in the file (optional).
        public var auth: TrunkAuth?

        enum CodingKeys: String, CodingKey {
            case name, tenant, transport, addresses, inbound, outbound, trusted
            case maxChannels = "max_channels"
            case allowedPrefixes = "allowed_prefixes"
            case auth
        }
    }

    /// The digest credentials a carrier challenges outgoing calls with.
    public struct TrunkAuth: Codable, Hashable, Sendable {
        /// `username:` in the file.
        public var username: String
        /// `realm:` in the file.
        public var realm: String
        /// `password:` in the file (optional).
        public var password: String?
        /// `ha1_md5:` in the file (optional).
        public var ha1Md5: String?
        /// `ha1_sha256:` in the file (optional).
        public var ha1Sha256: String?

        enum CodingKeys: String, CodingKey {
            case username, realm, password
            case ha1Md5 = "ha1_md5"
            case ha1Sha256 = "ha1_sha256"
        }
    }

    /// A tenant and everything it configures.
    public struct TenantEntry: Codable, Hashable, Sendable {
        /// `code:` in the file.
        public var code: String
        /// The name, unique where the type says so.
        public var name: String
        /// `time_zone:` in the file.
        public var timeZone: String
        /// `sip_domain:` in the file.
        public var sipDomain: String
        /// `status:` in the file (optional).
        public var status: String?
        /// `quotas:` in the file (optional).
        public var quotas: Quotas?
        /// `masking:` in the file (optional).
        public var masking: String?
        /// `retention_days:` in the file (optional).
        public var retentionDays: Int?
        /// `calendar:` in the file (optional).
        public var calendar: [CalendarEntry]?
        /// `sites:` in the file (optional).
        public var sites: [SiteEntry]?
        /// `partners:` in the file (optional).
        public var partners: [PartnerEntry]?
        /// `teams:` in the file (optional).
        public var teams: [TeamEntry]?
        /// `not_ready_reasons:` in the file (optional).
        public var notReadyReasons: [NotReadyReasonEntry]?
        /// `desk_settings:` in the file (optional): the CRM page and the disposition codes.
        public var deskSettings: DeskSettingsEntry?
        /// `skills:` in the file (optional).
        public var skills: [SkillEntry]?
        /// `prompts:` in the file (optional).
        public var prompts: [PromptEntry]?
        /// `queues:` in the file (optional).
        public var queues: [QueueEntry]?
        /// `flows:` in the file (optional).
        public var flows: [FlowEntry]?
        /// `numbers:` in the file (optional).
        public var numbers: [NumberEntry]?
        /// `agents:` in the file (optional).
        public var agents: [AgentEntry]?
        /// `users:` in the file (optional).
        public var users: [UserEntry]?
        /// `mailboxes:` in the file (optional).
        public var mailboxes: [MailboxEntry]?
        /// `webhooks:` in the file (optional).
        public var webhooks: [WebhookEntry]?

        enum CodingKeys: String, CodingKey {
            case code, name
            case timeZone = "time_zone"
            case sipDomain = "sip_domain"
            case status, quotas, masking
            case retentionDays = "retention_days"
            case calendar, sites, partners, teams
            case notReadyReasons = "not_ready_reasons"
            case deskSettings = "desk_settings"
            case skills, prompts, queues, flows, numbers, agents, users, mailboxes, webhooks
        }
    }

    public struct Quotas: Codable, Hashable, Sendable {
        /// `seats:` in the file (optional).
        public var seats: Int?
        /// `ivr_ports:` in the file (optional).
        public var ivrPorts: Int?
        /// `max_concurrent_calls:` in the file (optional; the platform default when left out).
        public var maxConcurrentCalls: Int?
        /// `max_calls_per_second:` in the file (optional; the platform default when left out).
        public var maxCallsPerSecond: Int?

        enum CodingKeys: String, CodingKey {
            case seats
            case ivrPorts = "ivr_ports"
            case maxConcurrentCalls = "max_concurrent_calls"
            case maxCallsPerSecond = "max_calls_per_second"
        }
    }

    /// A holiday (`holiday: 国庆节`) or a make-up working day (`workday: 调休`).
    public struct CalendarEntry: Codable, Hashable, Sendable {
        /// `date:` in the file.
        public var date: String
        /// `holiday:` in the file (optional).
        public var holiday: String?
        /// `workday:` in the file (optional).
        public var workday: String?
    }

    public struct SiteEntry: Codable, Hashable, Sendable {
        /// The name, unique where the type says so.
        public var name: String
        /// `region:` in the file (optional).
        public var region: String?
    }

    public struct PartnerEntry: Codable, Hashable, Sendable {
        /// The name, unique where the type says so.
        public var name: String
        /// `regions:` in the file (optional).
        public var regions: [String]?
    }

    public struct TeamEntry: Codable, Hashable, Sendable {
        /// The name, unique where the type says so.
        public var name: String
        /// `site:` in the file (optional).
        public var site: String?
        /// `partner:` in the file (optional).
        public var partner: String?
    }

    public struct NotReadyReasonEntry: Codable, Hashable, Sendable {
        /// `code:` in the file.
        public var code: String
        /// The name, unique where the type says so.
        public var name: String
        /// `max_duration_seconds:` in the file (optional).
        public var maxDurationSeconds: Int?
        /// `max_per_shift:` in the file (optional).
        public var maxPerShift: Int?
        /// `max_concurrent_per_team:` in the file (optional).
        public var maxConcurrentPerTeam: Int?
        /// `active:` in the file (optional).
        public var active: Bool?
        /// `sort_order:` in the file (optional).
        public var sortOrder: Int?

        enum CodingKeys: String, CodingKey {
            case code, name
            case maxDurationSeconds = "max_duration_seconds"
            case maxPerShift = "max_per_shift"
            case maxConcurrentPerTeam = "max_concurrent_per_team"
            case active
            case sortOrder = "sort_order"
        }
    }

    public struct SkillEntry: Codable, Hashable, Sendable {
        /// The name, unique where the type says so.
        public var name: String
        /// `description:` in the file (optional).
        public var description: String?
    }

    /// A prompt: `tts` text with a `voice`, or a WAV `file` (relative to the YAML file).
    public struct PromptEntry: Codable, Hashable, Sendable {
        /// The name, unique where the type says so.
        public var name: String
        /// `description:` in the file (optional).
        public var description: String?
        /// `tts:` in the file (optional).
        public var tts: String?
        /// `voice:` in the file (optional).
        public var voice: String?
        /// `file:` in the file (optional).
        public var file: String?
        /// Written by export: the checksum of the stored file.
        public var audioSha256: String?

        enum CodingKeys: String, CodingKey {
            case name, description, tts, voice, file
            case audioSha256 = "audio_sha256"
        }
    }

    public struct QueueEntry: Codable, Hashable, Sendable {
        /// The name, unique where the type says so.
        public var name: String
        /// `display_name:` in the file (optional).
        public var displayName: String?
        /// `strategy:` in the file (optional).
        public var strategy: String?
        /// `priority:` in the file (optional).
        public var priority: Int?
        /// `service_level_seconds:` in the file (optional).
        public var serviceLevelSeconds: Int?
        /// `wrap_up_seconds:` in the file (optional).
        public var wrapUpSeconds: Int?
        /// `max_wait_seconds:` in the file (optional).
        public var maxWaitSeconds: Int?
        /// `max_waiting:` in the file (optional).
        public var maxWaiting: Int?
        /// The name of the queue calls overflow to.
        public var overflow: String?
        /// `business_hours:` in the file (optional).
        public var businessHours: [HoursEntry]?
        /// The name of the prompt played on hold.
        public var musicOnHold: String?
        /// `announce_interval_seconds:` in the file (optional).
        public var announceIntervalSeconds: Int?
        /// `callback:` in the file (optional).
        public var callback: Bool?
        /// `skills:` in the file (optional).
        public var skills: [QueueSkillEntry]?
        /// `survey_flow:` the name of the flow whose survey node the queue's callers take (optional).
        public var surveyFlow: String?

        enum CodingKeys: String, CodingKey {
            case name
            case displayName = "display_name"
            case strategy, priority
            case serviceLevelSeconds = "service_level_seconds"
            case wrapUpSeconds = "wrap_up_seconds"
            case maxWaitSeconds = "max_wait_seconds"
            case maxWaiting = "max_waiting"
            case overflow
            case businessHours = "business_hours"
            case musicOnHold = "music_on_hold"
            case announceIntervalSeconds = "announce_interval_seconds"
            case callback, skills
            case surveyFlow = "survey_flow"
        }
    }

    public struct HoursEntry: Codable, Hashable, Sendable {
        /// `days:` in the file.
        public var days: [String]
        /// Opening time, HH:MM.
        public var start: String
        /// Closing time, HH:MM (24:00 for midnight).
        public var end: String
    }

    public struct QueueSkillEntry: Codable, Hashable, Sendable {
        /// `skill:` in the file.
        public var skill: String
        /// `min_level:` in the file (optional).
        public var minLevel: Int?

        enum CodingKeys: String, CodingKey {
            case skill
            case minLevel = "min_level"
        }
    }

    /// A flow: its document inline, or in a JSON file relative to the YAML file.
    public struct FlowEntry: Codable, Hashable, Sendable {
        /// The name, unique where the type says so.
        public var name: String
        /// `description:` in the file (optional).
        public var description: String?
        /// `flow_file:` in the file (optional).
        public var flowFile: String?
        /// `document:` in the file (optional).
        public var document: JSONValue?

        enum CodingKeys: String, CodingKey {
            case name, description
            case flowFile = "flow_file"
            case document
        }
    }

    public struct NumberEntry: Codable, Hashable, Sendable {
        /// `number:` in the file.
        public var number: String
        /// `purpose:` in the file (optional).
        public var purpose: String?
        /// `carrier:` in the file (optional).
        public var carrier: String?
        /// `inbound:` in the file (optional).
        public var inbound: Bool?
        /// `outbound:` in the file (optional).
        public var outbound: Bool?
        /// The name of the flow calls run.
        public var flow: String?
        /// `rules:` in the file (optional).
        public var rules: JSONValue?
        /// `rules_file:` in the file (optional).
        public var rulesFile: String?

        enum CodingKeys: String, CodingKey {
            case number, purpose, carrier, inbound, outbound, flow, rules
            case rulesFile = "rules_file"
        }
    }

    public struct AgentEntry: Codable, Hashable, Sendable {
        /// `work_number:` in the file.
        public var workNumber: String
        /// The name, unique where the type says so.
        public var name: String
        /// `extension:` in the file.
        public var `extension`: String
        /// The SIP password in clear; stored as HA1 only.
        public var password: String?
        /// HA1 digests as an export writes them.
        public var sipCredentials: [SIPCredentialEntry]?
        /// `pc_phone:` in the file (optional).
        public var pcPhone: String?
        /// `capacity:` in the file (optional).
        public var capacity: CapacityEntry?
        /// `auto_answer:` in the file (optional).
        public var autoAnswer: Bool?
        /// `status:` in the file (optional).
        public var status: String?
        /// `skills:` in the file (optional).
        public var skills: [AgentSkillEntry]?
        /// `queues:` in the file (optional).
        public var queues: [AgentQueueEntry]?
        /// `team:` in the file (optional).
        public var team: String?
        /// `site:` in the file (optional).
        public var site: String?
        /// `partner:` in the file (optional).
        public var partner: String?

        enum CodingKeys: String, CodingKey {
            case workNumber = "work_number"
            case name
            case `extension`
            case password
            case sipCredentials = "sip_credentials"
            case pcPhone = "pc_phone"
            case capacity
            case autoAnswer = "auto_answer"
            case status, skills, queues, team, site, partner
        }
    }

    public struct SIPCredentialEntry: Codable, Hashable, Sendable {
        /// `realm:` in the file.
        public var realm: String
        /// `ha1_md5:` in the file.
        public var ha1Md5: String
        /// `ha1_sha256:` in the file.
        public var ha1Sha256: String

        enum CodingKeys: String, CodingKey {
            case realm
            case ha1Md5 = "ha1_md5"
            case ha1Sha256 = "ha1_sha256"
        }
    }

    public struct CapacityEntry: Codable, Hashable, Sendable {
        /// `voice:` in the file (optional).
        public var voice: Int?
        /// `chat:` in the file (optional).
        public var chat: Int?
        /// `email:` in the file (optional).
        public var email: Int?
    }

    public struct AgentSkillEntry: Codable, Hashable, Sendable {
        /// `skill:` in the file.
        public var skill: String
        /// `level:` in the file (optional).
        public var level: Int?
    }

    public struct AgentQueueEntry: Codable, Hashable, Sendable {
        /// `queue:` in the file.
        public var queue: String
        /// `tier:` in the file (optional).
        public var tier: Int?
    }

    public struct UserEntry: Codable, Hashable, Sendable {
        /// `username:` in the file.
        public var username: String
        /// `display_name:` in the file (optional).
        public var displayName: String?
        /// `roles:` in the file.
        public var roles: [String]
        /// `password:` in the file (optional).
        public var password: String?
        /// `password_hash:` in the file (optional).
        public var passwordHash: String?
        /// The work number of the agent this user is.
        public var agent: String?
        /// The name of the user's partner company.
        public var partner: String?
        /// Names of the teams a supervisor leads.
        public var teams: [String]?
        /// `status:` in the file (optional).
        public var status: String?

        enum CodingKeys: String, CodingKey {
            case username
            case displayName = "display_name"
            case roles, password
            case passwordHash = "password_hash"
            case agent, partner, teams, status
        }
    }
}
