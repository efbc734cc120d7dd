// The `a=` line: attributes the offer/answer model reads, and every other one kept as written.

/// One attribute line (`a=<name>` or `a=<name>:<value>`, RFC 8866 §5.13).
///
/// The attributes offer/answer needs are typed (and checked when parsed); every other
/// attribute (`rtcp-mux`, `ice-ufrag`, `crypto`, `x-nat`...) is kept in ``other(name:value:)``
/// exactly as received, so it can be inspected or passed on.
public enum SDPAttribute: Hashable, Sendable {
    /// `a=rtpmap:`: the codec of a payload type.
    case rtpmap(SDPRTPMap)
    /// `a=fmtp:`: parameters of a format.
    case fmtp(SDPFormatParameters)
    /// `a=ptime:`: milliseconds of media per packet the writer wants to receive.
    case ptime(Int)
    /// `a=maxptime:`: the most milliseconds per packet the writer can receive.
    case maxptime(Int)
    /// `a=sendrecv`, `a=sendonly`, `a=recvonly`, `a=inactive`.
    case direction(SDPDirection)
    /// `a=rtcp:` (RFC 3605).
    case rtcp(SDPRTCPAttribute)
    /// Any other attribute: a property attribute has a nil value (`a=rtcp-mux`), a value
    /// attribute has its value as written (`a=ice-ufrag:F7gI`; `a=x:` has an empty value).
    case other(name: String, value: String?)

    /// The attribute name, e.g. `rtpmap`.
    public var name: String {
        switch self {
        case .rtpmap: return "rtpmap"
        case .fmtp: return "fmtp"
        case .ptime: return "ptime"
        case .maxptime: return "maxptime"
        case .direction(let direction): return direction.rawValue
        case .rtcp: return "rtcp"
        case .other(let name, _): return name
        }
    }
}

extension SDPAttribute: SIPSerializable {
    /// Appends `rtpmap:0 PCMU/8000` (without `a=`).
    public func serialize(into buffer: inout [UInt8]) {
        switch self {
        case .rtpmap(let map):
            buffer.append(ascii: "rtpmap:")
            map.serialize(into: &buffer)
        case .fmtp(let fmtp):
            buffer.append(ascii: "fmtp:")
            fmtp.serialize(into: &buffer)
        case .ptime(let milliseconds):
            buffer.append(ascii: "ptime:")
            buffer.appendDecimal(milliseconds)
        case .maxptime(let milliseconds):
            buffer.append(ascii: "maxptime:")
            buffer.appendDecimal(milliseconds)
        case .direction(let direction):
            buffer.appendUTF8(direction.rawValue)
        case .rtcp(let rtcp):
            buffer.append(ascii: "rtcp:")
            rtcp.serialize(into: &buffer)
        case .other(let name, let value):
            buffer.appendUTF8(name)
            if let value {
                buffer.append(ASCII.colon)
                buffer.appendUTF8(value)
            }
        }
    }
}

extension Array where Element == SDPAttribute {
    /// The first direction attribute, if any.
    public var direction: SDPDirection? {
        for case .direction(let direction) in self { return direction }
        return nil
    }

    /// The values of every attribute named `name` that is kept untyped (``SDPAttribute/other(name:value:)``).
    public func values(named name: String) -> [String?] {
        var values: [String?] = []
        for case .other(let attributeName, let value) in self where attributeName == name { values.append(value) }
        return values
    }

    /// Whether an untyped attribute named `name` is present, e.g. `rtcp-mux`.
    public func contains(named name: String) -> Bool {
        contains { $0.name == name }
    }
}
