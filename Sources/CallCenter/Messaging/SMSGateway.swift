// The one interface every SMS sender uses (IVR "send SMS" nodes, hang-up SMS, surveys, and
// later the SMS channel): submit a message, learn later whether it was delivered.

/// A message for a gateway.
public struct OutgoingSMS: Hashable, Sendable {
    /// The phone number it goes to.
    public var to: String
    /// The sender number, when the tenant has one; the gateway's default otherwise.
    public var from: String?
    /// The text (any length: long texts are sent in parts).
    public var text: String
    /// A reference of ours that reports come back with (the outbox id).
    public var reference: String

    /// A message.
    public init(to: String, from: String? = nil, text: String, reference: String) {
        self.to = to
        self.from = from
        self.text = text
        self.reference = reference
    }
}

/// What became of a message, reported by the gateway after it accepted it.
public struct SMSDeliveryReport: Hashable, Sendable {
    /// The gateway's id of the message, as ``SMSGateway/submit(_:)`` returned it.
    public var gatewayMessageID: String
    /// Whether it reached the phone.
    public var delivered: Bool
    /// The gateway's word for the outcome (`DELIVRD`, `UNDELIV`, ...).
    public var state: String

    /// A report.
    public init(gatewayMessageID: String, delivered: Bool, state: String) {
        self.gatewayMessageID = gatewayMessageID
        self.delivered = delivered
        self.state = state
    }
}

/// Why a gateway did not take a message.
public enum SMSGatewayError: Error, Hashable, CustomStringConvertible {
    /// Not connected or overloaded now; try again later.
    case unavailable(String)
    /// Refused for good (bad number, bad account): retrying will not help.
    case rejected(String)

    /// Whether a later attempt may succeed.
    public var isTransient: Bool {
        if case .unavailable = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .unavailable(let reason): "SMS gateway unavailable: \(reason)"
        case .rejected(let reason): "SMS refused: \(reason)"
        }
    }
}

/// Something that sends SMS: an SMSC over SMPP, or a provider's HTTP API.
public protocol SMSGateway: Sendable {
    /// Hands `message` to the gateway; returns the gateway's id for it. Never waits long:
    /// when the gateway is unreachable it throws ``SMSGatewayError/unavailable(_:)`` at once.
    func submit(_ message: OutgoingSMS) async throws(SMSGatewayError) -> String
    /// Whether a submit may succeed now (an SMPP link is bound); the dispatcher claims no
    /// messages while it is false, so an outage spends none of their attempts.
    var isReady: Bool { get async }
    /// Delivery reports as they arrive.
    var deliveryReports: AsyncStream<SMSDeliveryReport> { get }
    /// Keeps the gateway's connection up until the task is cancelled.
    func run() async
}
