// Node kinds that act on the call: play, enqueue, agent announcement, transfer, voicemail,
// SMS and hang up.

/// Play a prompt, then go on.
public struct PlayNode: Hashable, Sendable {
    /// What to play.
    public var prompt: Prompt
    /// Where the flow goes after the prompt.
    public var next: NodeID?
    /// Plays `prompt`, then goes to `next`.
    public init(prompt: Prompt, next: NodeID?) {
        self.prompt = prompt
        self.next = next
    }
}

/// Hand the call to an ACD queue with priority, skills and data for the agent's screen pop.
public struct EnqueueNode: Hashable, Sendable {
    /// The ACD queue (技能组).
    public var queue: QueueName
    /// nil uses the call's `priority` variable (set by VIP rules or a set node).
    public var priority: Int?
    /// Skills the answering agent must have.
    public var skills: [String] = []
    /// Label → template, shown on the agent's screen pop (弹屏).
    public var screenPop: [String: TextTemplate] = [:]
    /// Give up waiting after this many seconds (the queue's own limit when nil).
    public var maxWaitSeconds: Int?
    /// An `announceAgent` node run when an agent answers, before connecting.
    public var answered: NodeID?
    /// Where to go when the agent hangs up first (e.g. a survey); hang up when nil.
    public var afterCall: NodeID?
    /// Where to go when no agent took the call; the error branch when nil.
    public var noAgent: NodeID?

    /// Enqueues to `queue` with the call's priority.
    public init(queue: QueueName) { self.queue = queue }
}

/// Agent ID announcement (报工号): the caller hears the agent's work number, then is
/// connected. Only reachable as an enqueue node's `answered` branch.
public struct AnnounceAgentNode: Hashable, Sendable {
    /// Usually TTS with `${agent.workNumber}`.
    public var prompt: Prompt
    /// Announces with `prompt`.
    public init(prompt: Prompt) { self.prompt = prompt }
}

/// Transfer to an external number through the trunk.
public struct TransferNode: Hashable, Sendable {
    /// The number, possibly from a variable (`${landing}`).
    public var number: TextTemplate
    /// How long the far end rings.
    public var ringSeconds: Int = 30
    /// Where to go when the far end is busy (`onFailure` when nil).
    public var busy: NodeID?
    /// Where to go when nobody answers (`onFailure` when nil).
    public var noAnswer: NodeID?
    /// Where to go when the transfer fails; the error branch when nil.
    public var onFailure: NodeID?
    /// Transfers to `number`.
    public init(number: TextTemplate) { self.number = number }
}

/// Voicemail (留言): greeting, beep, record up to `maxSeconds`, hang up.
public struct VoicemailNode: Hashable, Sendable {
    public var mailbox: String
    public var prompt: Prompt?
    public var maxSeconds: Int = 120
    public var beep: Bool = true
    public init(mailbox: String, prompt: Prompt?) {
        self.mailbox = mailbox
        self.prompt = prompt
    }
}

/// Send an SMS through the platform's gateway; a failure never stops the flow.
public struct SMSNode: Hashable, Sendable {
    public var to: TextTemplate = "${caller}"
    public var text: TextTemplate
    public var next: NodeID?
    public init(text: TextTemplate, next: NodeID?) {
        self.text = text
        self.next = next
    }
}

/// Play a goodbye prompt (if any) and hang up.
public struct HangUpNode: Hashable, Sendable {
    public var prompt: Prompt?
    public init(prompt: Prompt?) { self.prompt = prompt }
}
