// Where a routed call goes, and the chain of fallbacks behind an external landing number.

/// One destination of an inbound call. JSON, one key naming the kind:
/// `{"flow": "main"}`, `{"queue": "service", "priority": 5, "skills": ["en"]}`,
/// `{"external": "057188886666", "ringSeconds": 30}`, `{"agent": "1001"}`,
/// `{"voicemail": "service"}`, `{"hangUp": {"prompt": {...}}}`.
public enum Destination: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Run an IVR flow.
    case flow(FlowID)
    /// Enqueue directly, with an optional priority and required skills.
    case queue(QueueName, priority: Int?, skills: [String])
    /// Forward through the trunk to a landing number (目的地号码). Busy returns to the next
    /// destination (遇忙弹回); no answer within `ringSeconds` or a failure fails over to it
    /// with an alarm (故障转外线报警).
    case external(PhoneNumber, ringSeconds: Int)
    /// Ring one agent by work number (the agent's own direct number).
    case agent(WorkNumber, ringSeconds: Int)
    /// Record a voice message into a mailbox.
    case voicemail(mailbox: String, greeting: Prompt?)
    /// Play a prompt (if any) and hang up.
    case hangUp(prompt: Prompt?)

    /// Default ring time of external and agent legs.
    public static let defaultRingSeconds = 30

    /// True when a busy, unanswered or failed attempt moves on to the next destination.
    public var fallsThrough: Bool {
        switch self {
        case .external, .agent: return true
        case .flow, .queue, .voicemail, .hangUp: return false
        }
    }

    /// The kind's name as written in files.
    public var kind: String {
        switch self {
        case .flow: return "flow"
        case .queue: return "queue"
        case .external: return "external"
        case .agent: return "agent"
        case .voicemail: return "voicemail"
        case .hangUp: return "hangUp"
        }
    }

    public var description: String {
        switch self {
        case .flow(let id): return "IVR flow '\(id)'"
        case .queue(let queue, let priority, let skills):
            return "queue '\(queue)'" + (priority.map { " priority \($0)" } ?? "") + (skills.isEmpty ? "" : " skills \(skills.joined(separator: ","))")
        case .external(let number, let ring): return "external number \(number) (ring \(ring) s)"
        case .agent(let number, let ring): return "agent \(number) (ring \(ring) s)"
        case .voicemail(let mailbox, _): return "voicemail '\(mailbox)'"
        case .hangUp: return "hang up"
        }
    }

    private enum CodingKeys: String, CodingKey { case flow, queue, priority, skills, external, agent, ringSeconds, voicemail, greeting, hangUp }
    private struct HangUpBody: Codable { var prompt: Prompt? }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kinds: [CodingKeys] = [.flow, .queue, .external, .agent, .voicemail, .hangUp]
        let present = kinds.filter { container.contains($0) }
        guard present.count == 1, let kind = present.first else {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: decoder.codingPath,
                debugDescription: "a destination names exactly one of flow, queue, external, agent, voicemail, hangUp (found \(present.isEmpty ? "none" : present.map(\.stringValue).joined(separator: ", ")))"))
        }
        let allowed: [CodingKeys: Set<String>] = [
            .flow: ["flow"], .queue: ["queue", "priority", "skills"], .external: ["external", "ringSeconds"],
            .agent: ["agent", "ringSeconds"], .voicemail: ["voicemail", "greeting"], .hangUp: ["hangUp"],
        ]
        try decoder.rejectUnknownKeys(allowed: allowed[kind]!, in: "\(kind.stringValue) destination")
        switch kind {
        case .flow: self = .flow(try container.decode(FlowID.self, forKey: .flow))
        case .queue:
            self = .queue(try container.decode(QueueName.self, forKey: .queue),
                          priority: try container.decodeIfPresent(Int.self, forKey: .priority),
                          skills: try container.decodeIfPresent([String].self, forKey: .skills) ?? [])
        case .external:
            self = .external(try container.decode(PhoneNumber.self, forKey: .external),
                             ringSeconds: try container.decodeIfPresent(Int.self, forKey: .ringSeconds) ?? Destination.defaultRingSeconds)
        case .agent:
            self = .agent(try container.decode(WorkNumber.self, forKey: .agent),
                          ringSeconds: try container.decodeIfPresent(Int.self, forKey: .ringSeconds) ?? Destination.defaultRingSeconds)
        case .voicemail:
            self = .voicemail(mailbox: try container.decode(String.self, forKey: .voicemail),
                              greeting: try container.decodeIfPresent(Prompt.self, forKey: .greeting))
        default:
            self = .hangUp(prompt: try container.decode(HangUpBody.self, forKey: .hangUp).prompt)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .flow(let id): try container.encode(id, forKey: .flow)
        case .queue(let queue, let priority, let skills):
            try container.encode(queue, forKey: .queue)
            try container.encodeIfPresent(priority, forKey: .priority)
            if !skills.isEmpty { try container.encode(skills, forKey: .skills) }
        case .external(let number, let ring):
            try container.encode(number, forKey: .external)
            try container.encode(ring, forKey: .ringSeconds)
        case .agent(let number, let ring):
            try container.encode(number, forKey: .agent)
            try container.encode(ring, forKey: .ringSeconds)
        case .voicemail(let mailbox, let greeting):
            try container.encode(mailbox, forKey: .voicemail)
            try container.encodeIfPresent(greeting, forKey: .greeting)
        case .hangUp(let prompt): try container.encode(HangUpBody(prompt: prompt), forKey: .hangUp)
        }
    }
}
