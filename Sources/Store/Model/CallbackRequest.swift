// Callback requests (预约回拨): a caller in a queue presses a digit to be called back
// instead of waiting; the callback service dials them later through the queue's agents.
import Foundation

/// Where a callback request stands.
public enum CallbackStatus: String, Hashable, Sendable, CaseIterable {
    /// Waiting for its (next) attempt.
    case pending
    /// Claimed by the callback service; reclaimed if it does not report back in time.
    case dialing
    /// The customer was reached.
    case completed
    /// Given up after the last attempt.
    case failed
    /// Withdrawn by an agent or supervisor.
    case cancelled
}

/// What the call path records when a caller asks to be called back.
public struct CallbackDraft: Hashable, Sendable {
    /// The queue whose agents call back.
    public var queueID: QueueID
    /// The number to call.
    public var number: String
    /// The call in which it was asked, if any.
    public var callID: String?
    /// The earliest time to call (e.g. the queue's next opening); `nil` for now.
    public var notBefore: Date?

    /// Creates a value from its parts (defaults as documented on each property).
    public init(queueID: QueueID, number: String, callID: String? = nil, notBefore: Date? = nil) {
        self.queueID = queueID
        self.number = number
        self.callID = callID
        self.notBefore = notBefore
    }
}

/// A stored callback request.
@dynamicMemberLookup
public struct CallbackRequest: Hashable, Sendable, Identifiable {
    /// The identifier the store gave it.
    public var id: CallbackRequestID
    /// The tenant that owns it.
    public var tenantID: TenantID
    /// What was asked.
    public var draft: CallbackDraft
    /// Where it stands.
    public var status: CallbackStatus
    /// Attempts claimed so far.
    public var attempts: Int
    /// When it is next due (while pending or dialing).
    public var nextAttemptAt: Date?
    /// The agent who handled the last attempt.
    public var agentID: AgentID?
    /// What the last attempt gave (`no_answer`, `busy`, `reached`, …).
    public var lastOutcome: String?
    /// When it was asked.
    public var createdAt: Date
    /// When it was completed, failed or cancelled.
    public var completedAt: Date?

    public subscript<T>(dynamicMember keyPath: KeyPath<CallbackDraft, T>) -> T { draft[keyPath: keyPath] }
}
