// The media a task arrives on, and small fixed-size containers indexed by channel.

/// The medium of a task. All channels route through the same queues to the same agents;
/// an agent's capacity is set per channel.
public enum ACDChannel: String, CaseIterable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// A phone call (SIP, PC+Phone, web call). Callbacks are voice tasks too.
    case voice
    /// A video call.
    case video
    /// Web chat, WeChat-style messaging.
    case chat
    /// An email to answer.
    case email
    /// An SMS conversation.
    case sms

    /// The channel's position in per-channel storage.
    @inlinable var index: Int {
        switch self {
        case .voice: 0
        case .video: 1
        case .chat: 2
        case .email: 3
        case .sms: 4
        }
    }

    /// Whether the agent needs a reachable phone or softphone for this channel; an agent
    /// whose registration is gone takes no voice or video tasks but can still chat.
    public var needsDevice: Bool {
        self == .voice || self == .video
    }

    public var description: String { rawValue }

    /// The channel at a storage position.
    static func at(_ index: Int) -> ACDChannel {
        allCases[index]
    }
}

/// A set of channels as a bit mask (bit `channel.index`).
struct ChannelMask: Hashable, Sendable {
    var bits: UInt8

    static let none = ChannelMask(bits: 0)

    init(bits: UInt8) { self.bits = bits }

    init(_ channels: some Sequence<ACDChannel>) {
        var bits: UInt8 = 0
        for channel in channels { bits |= 1 << UInt8(channel.index) }
        self.bits = bits
    }

    @inline(__always) func contains(_ channel: ACDChannel) -> Bool {
        bits & (1 << UInt8(channel.index)) != 0
    }

    @inline(__always) mutating func insert(_ channel: ACDChannel) {
        bits |= 1 << UInt8(channel.index)
    }

    var isEmpty: Bool { bits == 0 }

    var channels: [ACDChannel] {
        ACDChannel.allCases.filter { contains($0) }
    }
}

/// One value per channel, stored inline (no heap allocation).
struct PerChannel<Value: Sendable>: Sendable {
    var voice: Value
    var video: Value
    var chat: Value
    var email: Value
    var sms: Value

    init(repeating value: Value) {
        voice = value
        video = value
        chat = value
        email = value
        sms = value
    }

    subscript(channel: ACDChannel) -> Value {
        get {
            switch channel {
            case .voice: voice
            case .video: video
            case .chat: chat
            case .email: email
            case .sms: sms
            }
        }
        set {
            switch channel {
            case .voice: voice = newValue
            case .video: video = newValue
            case .chat: chat = newValue
            case .email: email = newValue
            case .sms: sms = newValue
            }
        }
    }
}

extension PerChannel: Equatable where Value: Equatable {}
