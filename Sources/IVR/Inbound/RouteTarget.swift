// The outcome of a routing rule: an ordered chain of destinations plus an optional hang-up SMS.

/// Why an attempt at a falling-through destination (external number, agent) did not connect.
public enum LegFailure: String, Hashable, Sendable, Codable {
    /// The far end answered busy (486/600): busy return (遇忙弹回), no alarm.
    case busy
    /// Nobody answered within the ring time: failover, with an alarm.
    case noAnswer
    /// The trunk or far end failed (5xx, timeout, unreachable): failover, with an alarm.
    case failed
}

/// The next step after a failed attempt.
public struct FallbackStep: Hashable, Sendable {
    /// Index into ``RouteTarget/destinations`` of the destination to try next.
    public var index: Int
    /// The destination to try next.
    public var destination: Destination
    /// True when operators should be alerted (no answer or failure, not busy).
    public var raiseAlarm: Bool
}

/// Destinations tried in order, plus a hang-up SMS (挂机短信). JSON:
/// `{"destinations": [{...}, {...}], "hangUpSMS": {"text": "..."}}`.
public struct RouteTarget: Hashable, Sendable, Codable {
    /// The destinations; only external and agent legs fall through to the next.
    public var destinations: [Destination]
    /// An SMS sent to the caller when the call ends, if configured.
    public var hangUpSMS: HangUpSMS?

    /// A chain of destinations with an optional hang-up SMS.
    public init(_ destinations: [Destination], hangUpSMS: HangUpSMS? = nil) {
        self.destinations = destinations
        self.hangUpSMS = hangUpSMS
    }

    /// Where to go after destination `index` failed for `reason`, or nil when the chain is
    /// exhausted (the call path then plays its "cannot connect" prompt and hangs up).
    public func fallback(after index: Int, reason: LegFailure) -> FallbackStep? {
        guard destinations.indices.contains(index), destinations[index].fallsThrough,
              destinations.indices.contains(index + 1) else { return nil }
        return FallbackStep(index: index + 1, destination: destinations[index + 1], raiseAlarm: reason != .busy)
    }

    public var description: String {
        destinations.map(\.description).joined(separator: " → ")
    }

    private enum CodingKeys: String, CodingKey { case destinations, hangUpSMS }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: ["destinations", "hangUpSMS"], in: "route")
        let container = try decoder.container(keyedBy: CodingKeys.self)
        destinations = try container.decode([Destination].self, forKey: .destinations)
        hangUpSMS = try container.decodeIfPresent(HangUpSMS.self, forKey: .hangUpSMS)
    }
}

/// A hang-up SMS (挂机短信): text sent to the caller after the call. Variables: `caller`,
/// `called`, `date`, `time`.
public struct HangUpSMS: Hashable, Sendable, Codable {
    /// When to send it.
    /// Which calls get the SMS: all, answered ones, or unanswered ones.
    public enum Condition: String, Hashable, Sendable, Codable {
        case always, answered, unanswered
    }

    /// The message text.
    public var text: TextTemplate
    /// When the SMS goes out (default always).
    public var when: Condition

    /// An SMS sent on every call unless `when` narrows it.
    public init(text: TextTemplate, when: Condition = .always) {
        self.text = text
        self.when = when
    }

    private enum CodingKeys: String, CodingKey { case text, when }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        text = try container.decode(TextTemplate.self, forKey: .text)
        when = try container.decodeIfPresent(Condition.self, forKey: .when) ?? .always
    }

    /// The SMS text for a call that was (or was not) answered, or nil when none goes out.
    public func message(answered: Bool, values: [String: String]) -> String? {
        switch when {
        case .always: break
        case .answered where !answered, .unanswered where answered: return nil
        default: break
        }
        return text.render(values)
    }
}

/// How a call is refused: a SIP status without answering, or an answered call that hears a
/// prompt and is hung up. JSON: `{"sipStatus": 403}` or `{"prompt": {...}}`, each with an
/// optional `hangUpSMS`.
public struct Rejection: Hashable, Sendable, Codable {
    /// Refuse unanswered with a SIP status, or answer with a prompt.
    public enum Style: Hashable, Sendable {
        case sipStatus(Int)
        case prompt(Prompt)
    }

    /// How the call is refused.
    public var style: Style
    /// An SMS to the refused caller, if any.
    public var hangUpSMS: HangUpSMS?

    /// A rejection.
    public init(_ style: Style, hangUpSMS: HangUpSMS? = nil) {
        self.style = style
        self.hangUpSMS = hangUpSMS
    }

    /// Refuse with 403 Forbidden.
    public static let forbidden = Rejection(.sipStatus(403))

    public var description: String {
        switch style {
        case .sipStatus(let status): return "reject with SIP \(status)"
        case .prompt(let prompt): return "answer, play \(prompt.files.first.map { "'\($0)'" } ?? "a TTS prompt"), hang up"
        }
    }

    private enum CodingKeys: String, CodingKey { case sipStatus, prompt, hangUpSMS }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: ["sipStatus", "prompt", "hangUpSMS"], in: "rejection")
        let container = try decoder.container(keyedBy: CodingKeys.self)
        hangUpSMS = try container.decodeIfPresent(HangUpSMS.self, forKey: .hangUpSMS)
        let status = try container.decodeIfPresent(Int.self, forKey: .sipStatus)
        let prompt = try container.decodeIfPresent(Prompt.self, forKey: .prompt)
        switch (status, prompt) {
        case (let status?, nil): style = .sipStatus(status)
        case (nil, let prompt?): style = .prompt(prompt)
        default:
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: decoder.codingPath, debugDescription: "a rejection has either 'sipStatus' or 'prompt', not both or neither"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch style {
        case .sipStatus(let status): try container.encode(status, forKey: .sipStatus)
        case .prompt(let prompt): try container.encode(prompt, forKey: .prompt)
        }
        try container.encodeIfPresent(hangUpSMS, forKey: .hangUpSMS)
    }
}
