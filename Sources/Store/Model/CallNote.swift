// Call notes (电话小结): what an agent writes about a call after it, with a disposition code
// (the call's outcome for reports: 咨询, 投诉, 成交, ...), kept beside the call record.
import Foundation

/// What an agent writes about one call.
public struct CallNoteDefinition: Hashable, Sendable {
    /// The disposition code the agent chose (`consult`, `complaint`, ...).
    public var dispositionCode: String
    /// Free text, at most ``maximumTextLength`` characters.
    public var text: String

    /// The longest note the store keeps.
    public static let maximumTextLength = 2_000

    /// A note.
    public init(dispositionCode: String, text: String) {
        self.dispositionCode = dispositionCode
        self.text = text
    }
}

/// A stored call note.
@dynamicMemberLookup
public struct CallNote: Hashable, Sendable {
    /// The tenant that owns the call.
    public var tenantID: TenantID
    /// The call record the note belongs to.
    public var callDetailRecordID: CallDetailRecordID
    /// The call's id (the record's `callID`).
    public var callID: String
    /// What was written.
    public var definition: CallNoteDefinition
    /// Who wrote it last (the user's name as the audit log shows it).
    public var author: String
    /// The agent who wrote it, when an agent did.
    public var agentID: AgentID?
    /// When it was first written.
    public var createdAt: Date
    /// When it was last changed.
    public var updatedAt: Date

    public subscript<T>(dynamicMember keyPath: KeyPath<CallNoteDefinition, T>) -> T { definition[keyPath: keyPath] }
}
