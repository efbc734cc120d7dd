// The values that cross the CallControl boundary: requests the flow makes of the call and
// the outcomes the call reports back.

/// Collect keys while playing prompts (the caller may type over them: barge-in).
public struct DigitCollection: Hashable, Sendable, Codable {
    /// Played in order before and while collecting (e.g. "invalid key", then the menu).
    public var prompts: [ResolvedPrompt]
    /// Stop after this many keys.
    public var maxDigits: Int
    /// The key that ends the entry (not included in the digits), or nil.
    public var terminator: String?
    /// Seconds to wait for the first key after the prompts end.
    public var firstDigitTimeoutSeconds: Int
    /// Seconds to wait between keys.
    public var interDigitTimeoutSeconds: Int

    /// A request (the call path builds one to ask for an access password).
    public init(prompts: [ResolvedPrompt], maxDigits: Int, terminator: String?, firstDigitTimeoutSeconds: Int, interDigitTimeoutSeconds: Int) {
        self.prompts = prompts
        self.maxDigits = maxDigits
        self.terminator = terminator
        self.firstDigitTimeoutSeconds = firstDigitTimeoutSeconds
        self.interDigitTimeoutSeconds = interDigitTimeoutSeconds
    }
}

/// The keys the caller typed (terminator removed); empty when nothing was typed in time.
public struct CollectedDigits: Hashable, Sendable, Codable {
    public var digits: String
    public init(_ digits: String) { self.digits = digits }
}

/// An HTTP request to the enterprise's system; the call path performs it within `timeoutMs`.
public struct LookupRequest: Hashable, Sendable, Codable {
    public var method: LookupNode.Method
    /// The URL with variables substituted (percent-encoded).
    public var url: String
    public var headers: [String: String]
    public var body: String?
    public var timeoutMs: Int
}

/// What the enterprise's system answered.
public struct LookupResponse: Hashable, Sendable, Codable {
    public var status: Int
    /// The decoded JSON body, or nil when there was none or it was not JSON.
    public var body: JSONValue?
    public init(status: Int, body: JSONValue?) {
        self.status = status
        self.body = body
    }
}

/// Hand the call to the ACD.
public struct EnqueueRequest: Hashable, Sendable, Codable {
    public var queue: QueueName
    public var priority: Int
    public var skills: [String]
    /// Label → text for the agent's screen pop (弹屏), variables substituted.
    public var screenPop: [String: String]
    public var maxWaitSeconds: Int?
    public var language: Language
    public var tier: CustomerTier

    /// A request (the call path builds one when rules route straight to a queue).
    public init(queue: QueueName, priority: Int, skills: [String], screenPop: [String: String], maxWaitSeconds: Int?,
                language: Language, tier: CustomerTier) {
        self.queue = queue
        self.priority = priority
        self.skills = skills
        self.screenPop = screenPop
        self.maxWaitSeconds = maxWaitSeconds
        self.language = language
        self.tier = tier
    }
}

/// The agent who took a call.
public struct AgentInfo: Hashable, Sendable, Codable {
    public var workNumber: WorkNumber
    public var name: String
    public init(workNumber: WorkNumber, name: String) {
        self.workNumber = workNumber
        self.name = name
    }
}

/// How waiting in a queue ended.
public enum EnqueueOutcome: Hashable, Sendable, Codable {
    /// An agent answered; the flow may announce the work number, then connects.
    case agentAnswered(AgentInfo)
    /// No agent took the call (queue timeout, overflow refused, queue closed).
    case noAgent(reason: String)
}

/// How a connected conversation with an agent ended, the caller still on the line.
public enum ConversationOutcome: Hashable, Sendable, Codable {
    /// The agent hung up first: the flow goes on (e.g. to the satisfaction survey).
    case agentHungUp
}

/// Transfer the call to an external number through the trunk.
public struct TransferRequest: Hashable, Sendable, Codable {
    public var number: PhoneNumber
    public var ringSeconds: Int

    /// A request (the call path builds one for a rule's external destination).
    public init(number: PhoneNumber, ringSeconds: Int) {
        self.number = number
        self.ringSeconds = ringSeconds
    }
}

/// How a transfer or an extension call went.
public enum TransferOutcome: Hashable, Sendable, Codable {
    /// The far end answered; the call is bridged and the flow is done.
    case connected
    case busy
    case noAnswer
    case failed(reason: String)
}

/// Record a voice message.
public struct VoicemailRequest: Hashable, Sendable, Codable {
    public var mailbox: String
    public var greeting: ResolvedPrompt?
    public var maxSeconds: Int
    public var beep: Bool

    /// A request (the call path builds one when rules route straight to voicemail).
    public init(mailbox: String, greeting: ResolvedPrompt?, maxSeconds: Int, beep: Bool) {
        self.mailbox = mailbox
        self.greeting = greeting
        self.maxSeconds = maxSeconds
        self.beep = beep
    }
}

/// An SMS for the platform's gateway.
public struct SMSMessage: Hashable, Sendable, Codable {
    public var to: PhoneNumber
    public var text: String
}

/// An entry of the switchboard directory: an extension or an agent's work number.
public struct ExtensionTarget: Hashable, Sendable, Codable {
    /// What the caller keyed.
    public var number: String
    /// The agent it belongs to, when it is a work number.
    public var agent: AgentInfo?
    public init(number: String, agent: AgentInfo? = nil) {
        self.number = number
        self.agent = agent
    }
}
