// Distinct identifier types for everything the store keeps, so a queue's id can never be
// passed where an agent's is expected.
import Foundation

/// A stored object's identifier: an opaque string (a lowercase UUID for rows the store
/// creates), wrapped in a type per kind of object.
public protocol StoreIdentifier: RawRepresentable, Hashable, Sendable, Codable, Comparable,
    CustomStringConvertible, ExpressibleByStringLiteral where RawValue == String
{
    /// Wraps an existing identifier string.
    init(rawValue: String)
}

extension StoreIdentifier {
    /// A new identifier: a time-ordered UUID (version 7, RFC 9562: 48 bits of Unix
    /// milliseconds, then random bits), lowercase. Ids made later sort later, so rows
    /// written together land next to each other in the primary-key index instead of on
    /// random pages, which keeps CDR inserts fast as the table grows.
    public static func generate() -> Self {
        Self(rawValue: makeTimeOrderedUUID(milliseconds: UInt64(Date().timeIntervalSince1970 * 1000)))
    }

    /// Creates a value from its parts (defaults as documented on each property).
    public init(stringLiteral value: String) {
        self.init(rawValue: value)
    }

    /// Creates a value from its parts (defaults as documented on each property).
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { rawValue }
}

/// A version 7 UUID string for `milliseconds` since 1970 (RFC 9562 §5.7).
///
/// The random part comes from the system generator in two 64-bit draws (one per byte was
/// sixteen `getrandom` calls), written out as hex in one pass: a call writes several rows.
func makeTimeOrderedUUID(milliseconds: UInt64) -> String {
    var generator = SystemRandomNumberGenerator()
    let high = (milliseconds << 16) | (0x7000 | (generator.next() & 0x0FFF))
    let low = (generator.next() & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
    let digits: StaticString = "0123456789abcdef"
    var text = [UInt8](repeating: UInt8(ascii: "-"), count: 36)
    var position = 0
    for index in 0..<32 {
        if position == 8 || position == 13 || position == 18 || position == 23 { position += 1 }
        let word = index < 16 ? high : low
        text[position] = digits.utf8Start[Int((word >> UInt64(60 - 4 * (index % 16))) & 0xF)]
        position += 1
    }
    return String(decoding: text, as: UTF8.self)
}

/// A tenant: one enterprise's "virtual call center" (虚拟中心) on the platform.
public struct TenantID: StoreIdentifier { public let rawValue: String; public init(rawValue: String) { self.rawValue = rawValue } }
/// An access number (接入号), e.g. a 400 number.
public struct AccessNumberID: StoreIdentifier { public let rawValue: String; public init(rawValue: String) { self.rawValue = rawValue } }
/// An IVR flow (all of its versions).
public struct FlowID: StoreIdentifier { public let rawValue: String; public init(rawValue: String) { self.rawValue = rawValue } }
/// One version of an IVR flow.
public struct FlowVersionID: StoreIdentifier { public let rawValue: String; public init(rawValue: String) { self.rawValue = rawValue } }
/// A prompt (all of its versions).
public struct PromptID: StoreIdentifier { public let rawValue: String; public init(rawValue: String) { self.rawValue = rawValue } }
/// One version of a prompt.
public struct PromptVersionID: StoreIdentifier { public let rawValue: String; public init(rawValue: String) { self.rawValue = rawValue } }
/// An ACD queue.
public struct QueueID: StoreIdentifier { public let rawValue: String; public init(rawValue: String) { self.rawValue = rawValue } }
/// A skill (技能).
public struct SkillID: StoreIdentifier { public let rawValue: String; public init(rawValue: String) { self.rawValue = rawValue } }
/// An agent (座席).
public struct AgentID: StoreIdentifier { public let rawValue: String; public init(rawValue: String) { self.rawValue = rawValue } }
/// A user who logs in to a console.
public struct UserID: StoreIdentifier { public let rawValue: String; public init(rawValue: String) { self.rawValue = rawValue } }
/// A carrier trunk (SIP gateway).
public struct TrunkID: StoreIdentifier { public let rawValue: String; public init(rawValue: String) { self.rawValue = rawValue } }
/// A call detail record (话单).
public struct CallDetailRecordID: StoreIdentifier { public let rawValue: String; public init(rawValue: String) { self.rawValue = rawValue } }
/// One leg of a call.
public struct CallLegID: StoreIdentifier { public let rawValue: String; public init(rawValue: String) { self.rawValue = rawValue } }
/// A recording (录音).
public struct RecordingID: StoreIdentifier { public let rawValue: String; public init(rawValue: String) { self.rawValue = rawValue } }
/// A customer (客户) of a tenant.
public struct CustomerID: StoreIdentifier { public let rawValue: String; public init(rawValue: String) { self.rawValue = rawValue } }
/// An audit log entry.
public struct AuditEntryID: StoreIdentifier { public let rawValue: String; public init(rawValue: String) { self.rawValue = rawValue } }
/// One agent state change in the history.
public struct AgentStateEventID: StoreIdentifier { public let rawValue: String; public init(rawValue: String) { self.rawValue = rawValue } }
/// A team (班组).
public struct TeamID: StoreIdentifier { public let rawValue: String; public init(rawValue: String) { self.rawValue = rawValue } }
/// A site (场地 / 中心).
public struct SiteID: StoreIdentifier { public let rawValue: String; public init(rawValue: String) { self.rawValue = rawValue } }
/// An outsourcing partner company (外包合作公司).
public struct PartnerID: StoreIdentifier { public let rawValue: String; public init(rawValue: String) { self.rawValue = rawValue } }
/// A not-ready reason (示忙原因), e.g. rest 小休.
public struct NotReadyReasonID: StoreIdentifier { public let rawValue: String; public init(rawValue: String) { self.rawValue = rawValue } }
/// An API key for integrations.
public struct APIKeyID: StoreIdentifier { public let rawValue: String; public init(rawValue: String) { self.rawValue = rawValue } }
/// A webhook subscription.
public struct WebhookID: StoreIdentifier { public let rawValue: String; public init(rawValue: String) { self.rawValue = rawValue } }
/// One webhook delivery (an event to one URL, with its attempts).
public struct WebhookDeliveryID: StoreIdentifier { public let rawValue: String; public init(rawValue: String) { self.rawValue = rawValue } }
/// One SMS in the outbox.
public struct SMSMessageID: StoreIdentifier { public let rawValue: String; public init(rawValue: String) { self.rawValue = rawValue } }
/// A mailbox (留言信箱).
public struct MailboxID: StoreIdentifier { public let rawValue: String; public init(rawValue: String) { self.rawValue = rawValue } }
/// A voicemail message left in a mailbox.
public struct VoicemailID: StoreIdentifier { public let rawValue: String; public init(rawValue: String) { self.rawValue = rawValue } }
/// A callback request (预约回拨).
public struct CallbackRequestID: StoreIdentifier { public let rawValue: String; public init(rawValue: String) { self.rawValue = rawValue } }
