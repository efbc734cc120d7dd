// Mailboxes (留言信箱) and the voicemail messages callers leave in them.
import Foundation

/// What a tenant admin configures for a mailbox.
public struct MailboxDefinition: Hashable, Sendable {
    /// Unique within the tenant; IVR flows name it in their voicemail node (`"mailbox": "service"`).
    public var name: String
    /// The name consoles show.
    public var displayName: String
    /// The greeting played before the beep; `nil` lets the flow's own prompt do it.
    public var greetingPromptID: PromptID?
    /// The longest message recorded, in seconds (5-600).
    public var maxMessageSeconds: Int
    /// The queue whose agents listen to the messages and call back, if any.
    public var queueID: QueueID?

    /// Creates a value from its parts (defaults as documented on each property).
    public init(name: String, displayName: String = "", greetingPromptID: PromptID? = nil, maxMessageSeconds: Int = 120,
                queueID: QueueID? = nil) {
        self.name = name
        self.displayName = displayName
        self.greetingPromptID = greetingPromptID
        self.maxMessageSeconds = maxMessageSeconds
        self.queueID = queueID
    }
}

/// A stored mailbox.
@dynamicMemberLookup
public struct Mailbox: Hashable, Sendable, Identifiable {
    /// The identifier the store gave it.
    public var id: MailboxID
    /// The tenant that owns it.
    public var tenantID: TenantID
    /// What was configured.
    public var definition: MailboxDefinition
    /// When it was created.
    public var createdAt: Date
    /// When it was last changed.
    public var updatedAt: Date

    public subscript<T>(dynamicMember keyPath: KeyPath<MailboxDefinition, T>) -> T { definition[keyPath: keyPath] }
}

/// Where a voicemail message stands.
public enum VoicemailStatus: String, Hashable, Sendable, CaseIterable {
    /// Nobody has listened to it yet.
    case new
    /// An agent listened to it.
    case heard
    /// Dealt with (called back, or nothing to do).
    case handled
}

/// A message the call path recorded (the WAV is written first, then this row).
public struct VoicemailDraft: Hashable, Sendable {
    /// The mailbox it was left in.
    public var mailboxID: MailboxID
    /// The platform's id of the call that left it.
    public var callID: String
    /// Who called (to call back).
    public var callerNumber: String
    /// The access number dialled, if any.
    public var calledNumber: String?
    /// When the recording started.
    public var receivedAt: Date
    /// Its length in milliseconds.
    public var durationMilliseconds: Int
    /// The WAV file, relative to the data directory.
    public var audioPath: String
    /// The file's SHA-256 (hex), if computed.
    public var audioSha256: String?

    /// Creates a value from its parts (defaults as documented on each property).
    public init(mailboxID: MailboxID, callID: String, callerNumber: String, calledNumber: String? = nil, receivedAt: Date,
                durationMilliseconds: Int, audioPath: String, audioSha256: String? = nil) {
        self.mailboxID = mailboxID
        self.callID = callID
        self.callerNumber = callerNumber
        self.calledNumber = calledNumber
        self.receivedAt = receivedAt
        self.durationMilliseconds = durationMilliseconds
        self.audioPath = audioPath
        self.audioSha256 = audioSha256
    }
}

/// A stored voicemail message.
@dynamicMemberLookup
public struct Voicemail: Hashable, Sendable, Identifiable {
    /// The identifier the store gave it.
    public var id: VoicemailID
    /// The tenant that owns it.
    public var tenantID: TenantID
    /// What the call path recorded.
    public var draft: VoicemailDraft
    /// Where it stands.
    public var status: VoicemailStatus
    /// The agent who last marked it heard or handled.
    public var handledBy: AgentID?
    /// When it was last marked.
    public var handledAt: Date?

    public subscript<T>(dynamicMember keyPath: KeyPath<VoicemailDraft, T>) -> T { draft[keyPath: keyPath] }
}
