// The SMS outbox: messages queued durably by IVR nodes, hang-up SMS and surveys, sent and
// retried by the SMS gateway service.
import Foundation

/// Where an SMS stands.
public enum SMSStatus: String, Hashable, Sendable, CaseIterable {
    /// Waiting for its (next) attempt.
    case queued
    /// Claimed by the gateway service; reclaimed if it does not report back in time.
    case sending
    /// Accepted by the SMSC (it gave a message id).
    case sent
    /// The delivery receipt said it reached the phone.
    case delivered
    /// Given up.
    case failed
}

/// A message to queue.
public struct SMSDraft: Hashable, Sendable {
    public var to: String
    /// The sender number, when the tenant has one.
    public var from: String?
    public var body: String
    /// Why it is sent: `hangup`, `ivr`, `survey`, `notification`.
    public var purpose: String
    /// The call that asked for it.
    public var callID: String?

    /// Creates a value from its parts (defaults as documented on each property).
    public init(to: String, from: String? = nil, body: String, purpose: String, callID: String? = nil) {
        self.to = to
        self.from = from
        self.body = body
        self.purpose = purpose
        self.callID = callID
    }
}

/// A message in the outbox.
public struct SMSMessage: Hashable, Sendable, Identifiable {
    /// The identifier the store gave it.
    public var id: SMSMessageID
    /// The tenant that owns it.
    public var tenantID: TenantID
    public var draft: SMSDraft
    /// Where it stands.
    public var status: SMSStatus
    public var attempts: Int
    public var nextAttemptAt: Date?
    /// The SMSC's id for the message, which delivery receipts refer to.
    public var gatewayMessageID: String?
    public var lastError: String?
    /// When it was created.
    public var createdAt: Date
    public var sentAt: Date?
    public var deliveredAt: Date?
}
