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
    public var platform: PlatformSection?
    public var trunks: [TrunkEntry]?
    public var tenants: [TenantEntry]?

    public init(version: Int? = 1, platform: PlatformSection? = nil, trunks: [TrunkEntry]? = nil, tenants: [TenantEntry]? = nil) {
        self.version = version
        self.platform = platform
        self.trunks = trunks
        self.tenants = tenants
    }

    /// Platform-wide settings and platform users.
    public struct PlatformSection: Codable, Hashable, Sendable {
        public var approvalRequired: Bool?
        public var users: [UserEntry]?

        enum CodingKeys: String, CodingKey {
            case approvalRequired = "approval_required"
            case users
        }
    }

    /// A carrier trunk.
    public struct TrunkEntry: Codable, Hashable, Sendable {
        public var name: String
        /// The code of the tenant the trunk is dedicated to; absent for a shared trunk.
        public var tenant: String?
        public var transport: String?
        public var addresses: [String]
        public var inbound: Bool?
        public var outbound: Bool?
        public var trusted: Bool?
        public var maxChannels: Int?
        public var allowedPrefixes: [String]?
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
        public var username: String
        public var realm: String
        public var password: String?
        public var ha1Md5: String?
        public var ha1Sha256: String?

        enum CodingKeys: String, CodingKey {
            case username, realm, password
            case ha1Md5 = "ha1_md5"
            case ha1Sha256 = "ha1_sha256"
        }
    }

    /// A tenant and everything it configures.
    public struct TenantEntry: Codable, Hashable, Sendable {
        public var code: String
        public var name: String
        public var timeZone: String
        public var sipDomain: String
        public var status: String?
        public var quotas: Quotas?
        public var masking: String?
        public var retentionDays: Int?
        public var calendar: [CalendarEntry]?
        public var sites: [SiteEntry]?
        public var partners: [PartnerEntry]?
        public var teams: [TeamEntry]?
        public var notReadyReasons: [NotReadyReasonEntry]?
        public var skills: [SkillEntry]?
        public var prompts: [PromptEntry]?
        public var queues: [QueueEntry]?
        public var flows: [FlowEntry]?
        public var numbers: [NumberEntry]?
        public var agents: [AgentEntry]?
        public var users: [UserEntry]?

        enum CodingKeys: String, CodingKey {
            case code, name
            case timeZone = "time_zone"
            case sipDomain = "sip_domain"
            case status, quotas, masking
            case retentionDays = "retention_days"
            case calendar, sites, partners, teams
            case notReadyReasons = "not_ready_reasons"
            case skills, prompts, queues, flows, numbers, agents, users
        }
    }

    public struct Quotas: Codable, Hashable, Sendable {
        public var seats: Int?
        public var ivrPorts: Int?

        enum CodingKeys: String, CodingKey {
            case seats
            case ivrPorts = "ivr_ports"
        }
    }

    /// A holiday (`holiday: 国庆节`) or a make-up working day (`workday: 调休`).
    public struct CalendarEntry: Codable, Hashable, Sendable {
        public var date: String
        public var holiday: String?
        public var workday: String?
    }

    public struct SiteEntry: Codable, Hashable, Sendable {
        public var name: String
        public var region: String?
    }

    public struct PartnerEntry: Codable, Hashable, Sendable {
        public var name: String
        public var regions: [String]?
    }

    public struct TeamEntry: Codable, Hashable, Sendable {
        public var name: String
        public var site: String?
        public var partner: String?
    }

    public struct NotReadyReasonEntry: Codable, Hashable, Sendable {
        public var code: String
        public var name: String
        public var maxDurationSeconds: Int?
        public var maxPerShift: Int?
        public var maxConcurrentPerTeam: Int?
        public var active: Bool?
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
        public var name: String
        public var description: String?
    }

    /// A prompt: `tts` text with a `voice`, or a WAV `file` (relative to the YAML file).
    public struct PromptEntry: Codable, Hashable, Sendable {
        public var name: String
        public var description: String?
        public var tts: String?
        public var voice: String?
        public var file: String?
        /// Written by export: the checksum of the stored file.
        public var audioSha256: String?

        enum CodingKeys: String, CodingKey {
            case name, description, tts, voice, file
            case audioSha256 = "audio_sha256"
        }
    }

    public struct QueueEntry: Codable, Hashable, Sendable {
        public var name: String
        public var displayName: String?
        public var strategy: String?
        public var priority: Int?
        public var serviceLevelSeconds: Int?
        public var wrapUpSeconds: Int?
        public var maxWaitSeconds: Int?
        public var maxWaiting: Int?
        /// The name of the queue calls overflow to.
        public var overflow: String?
        public var businessHours: [HoursEntry]?
        /// The name of the prompt played on hold.
        public var musicOnHold: String?
        public var announceIntervalSeconds: Int?
        public var callback: Bool?
        public var skills: [QueueSkillEntry]?

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
        }
    }

    public struct HoursEntry: Codable, Hashable, Sendable {
        public var days: [String]
        public var start: String
        public var end: String
    }

    public struct QueueSkillEntry: Codable, Hashable, Sendable {
        public var skill: String
        public var minLevel: Int?

        enum CodingKeys: String, CodingKey {
            case skill
            case minLevel = "min_level"
        }
    }

    /// A flow: its document inline, or in a JSON file relative to the YAML file.
    public struct FlowEntry: Codable, Hashable, Sendable {
        public var name: String
        public var description: String?
        public var flowFile: String?
        public var document: JSONValue?

        enum CodingKeys: String, CodingKey {
            case name, description
            case flowFile = "flow_file"
            case document
        }
    }

    public struct NumberEntry: Codable, Hashable, Sendable {
        public var number: String
        public var purpose: String?
        public var carrier: String?
        public var inbound: Bool?
        public var outbound: Bool?
        /// The name of the flow calls run.
        public var flow: String?
        public var rules: JSONValue?
        public var rulesFile: String?

        enum CodingKeys: String, CodingKey {
            case number, purpose, carrier, inbound, outbound, flow, rules
            case rulesFile = "rules_file"
        }
    }

    public struct AgentEntry: Codable, Hashable, Sendable {
        public var workNumber: String
        public var name: String
        public var `extension`: String
        /// The SIP password in clear; stored as HA1 only.
        public var password: String?
        /// HA1 digests as an export writes them.
        public var sipCredentials: [SIPCredentialEntry]?
        public var pcPhone: String?
        public var capacity: CapacityEntry?
        public var autoAnswer: Bool?
        public var status: String?
        public var skills: [AgentSkillEntry]?
        public var queues: [AgentQueueEntry]?
        public var team: String?
        public var site: String?
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
        public var realm: String
        public var ha1Md5: String
        public var ha1Sha256: String

        enum CodingKeys: String, CodingKey {
            case realm
            case ha1Md5 = "ha1_md5"
            case ha1Sha256 = "ha1_sha256"
        }
    }

    public struct CapacityEntry: Codable, Hashable, Sendable {
        public var voice: Int?
        public var chat: Int?
        public var email: Int?
    }

    public struct AgentSkillEntry: Codable, Hashable, Sendable {
        public var skill: String
        public var level: Int?
    }

    public struct AgentQueueEntry: Codable, Hashable, Sendable {
        public var queue: String
        public var tier: Int?
    }

    public struct UserEntry: Codable, Hashable, Sendable {
        public var username: String
        public var displayName: String?
        public var roles: [String]
        public var password: String?
        public var passwordHash: String?
        /// The work number of the agent this user is.
        public var agent: String?
        /// The name of the user's partner company.
        public var partner: String?
        /// Names of the teams a supervisor leads.
        public var teams: [String]?
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
