// Overflow: what a queue does with a task it cannot or should not keep.

/// When an overflow rule applies.
public enum OverflowCondition: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The task has waited longer than this in the queue (callbacks never overflow this way).
    case waitedLongerThan(ACDDuration)
    /// A task arrives while this many tasks already wait.
    case queueFull(waiting: Int)
    /// No agent is signed in to the queue: on arrival, and for waiting tasks when the last
    /// agent signs out.
    case noAgentsSignedIn
    /// A task arrives while the queue is closed (outside business hours).
    case closed

    public var description: String {
        switch self {
        case .waitedLongerThan(let limit): "waited longer than \(limit)"
        case .queueFull(let waiting): "queue full (\(waiting) waiting)"
        case .noAgentsSignedIn: "no agent signed in"
        case .closed: "queue closed"
        }
    }
}

/// Where an overflowing task goes.
public enum OverflowAction: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Into another queue of the tenant, keeping its place in line (its enqueue time).
    case queue(QueueID)
    /// To voicemail; the task leaves the ACD.
    case voicemail
    /// The caller is offered a callback: the task stays, becomes a callback and keeps its place.
    case callback
    /// To an external number (landing number, another center); the task leaves the ACD.
    case externalNumber(String)
    /// To a node of an IVR flow; the task leaves the ACD.
    case ivrNode(String)

    /// Whether the task leaves the ACD (the call path takes it from here).
    public var endsTask: Bool {
        switch self {
        case .queue, .callback: false
        case .voicemail, .externalNumber, .ivrNode: true
        }
    }

    public var description: String {
        switch self {
        case .queue(let queue): "queue \(queue)"
        case .voicemail: "voicemail"
        case .callback: "callback"
        case .externalNumber(let number): "external number \(number)"
        case .ivrNode(let node): "IVR node \(node)"
        }
    }
}

/// A condition and the action taken when it holds.
public struct OverflowRule: Hashable, Sendable, Codable, CustomStringConvertible {
    /// When the rule applies.
    public var condition: OverflowCondition
    /// What happens then.
    public var action: OverflowAction

    /// When `condition` holds, do `action`.
    public init(when condition: OverflowCondition, then action: OverflowAction) {
        self.condition = condition
        self.action = action
    }

    public var description: String { "when \(condition), to \(action)" }
}

// MARK: - JSON form
// Conditions and actions read as people write them: `"closed"`, `"voicemail"`,
// `{"waitedLongerThan": 60}`, `{"queue": "sales"}`, `{"externalNumber": "4001234567"}`.

extension OverflowRule {
    private enum CodingKeys: String, CodingKey {
        case condition = "when"
        case action = "then"
    }
}

extension OverflowCondition {
    private enum CodingKeys: String, CodingKey {
        case waitedLongerThan, queueFull, noAgentsSignedIn, closed
    }

    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let word = try? single.decode(String.self) {
            switch word {
            case "noAgentsSignedIn": self = .noAgentsSignedIn
            case "closed": self = .closed
            default:
                throw DecodingError.dataCorruptedError(
                    in: single,
                    debugDescription: "unknown overflow condition '\(word)'; expected closed, noAgentsSignedIn, "
                        + "{\"waitedLongerThan\": seconds} or {\"queueFull\": count}")
            }
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let limit = try c.decodeIfPresent(ACDDuration.self, forKey: .waitedLongerThan) {
            self = .waitedLongerThan(limit)
        } else if let waiting = try c.decodeIfPresent(Int.self, forKey: .queueFull) {
            self = .queueFull(waiting: waiting)
        } else if c.contains(.noAgentsSignedIn) {
            self = .noAgentsSignedIn
        } else if c.contains(.closed) {
            self = .closed
        } else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath,
                      debugDescription: "an overflow condition needs one of waitedLongerThan, queueFull, "
                        + "noAgentsSignedIn, closed"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .noAgentsSignedIn:
            var single = encoder.singleValueContainer()
            try single.encode("noAgentsSignedIn")
        case .closed:
            var single = encoder.singleValueContainer()
            try single.encode("closed")
        case .waitedLongerThan(let limit):
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(limit, forKey: .waitedLongerThan)
        case .queueFull(let waiting):
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(waiting, forKey: .queueFull)
        }
    }
}

extension OverflowAction {
    private enum CodingKeys: String, CodingKey {
        case queue, voicemail, callback, externalNumber, ivrNode
    }

    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let word = try? single.decode(String.self) {
            switch word {
            case "voicemail": self = .voicemail
            case "callback": self = .callback
            default:
                throw DecodingError.dataCorruptedError(
                    in: single,
                    debugDescription: "unknown overflow action '\(word)'; expected voicemail, callback, "
                        + "{\"queue\": id}, {\"externalNumber\": number} or {\"ivrNode\": node}")
            }
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let queue = try c.decodeIfPresent(QueueID.self, forKey: .queue) {
            self = .queue(queue)
        } else if let number = try c.decodeIfPresent(String.self, forKey: .externalNumber) {
            self = .externalNumber(number)
        } else if let node = try c.decodeIfPresent(String.self, forKey: .ivrNode) {
            self = .ivrNode(node)
        } else if c.contains(.voicemail) {
            self = .voicemail
        } else if c.contains(.callback) {
            self = .callback
        } else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath,
                      debugDescription: "an overflow action needs one of queue, voicemail, callback, "
                        + "externalNumber, ivrNode"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .voicemail:
            var single = encoder.singleValueContainer()
            try single.encode("voicemail")
        case .callback:
            var single = encoder.singleValueContainer()
            try single.encode("callback")
        case .queue(let queue):
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(queue, forKey: .queue)
        case .externalNumber(let number):
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(number, forKey: .externalNumber)
        case .ivrNode(let node):
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(node, forKey: .ivrNode)
        }
    }
}
