// The `b=` line: a bandwidth limit.

/// A bandwidth line (`b=<bwtype>:<bandwidth>`, RFC 8866 §5.8), e.g. `b=AS:64` or `b=TIAS:64000`.
public struct SDPBandwidth: Hashable, Sendable {
    /// The bandwidth type (`CT`, `AS`, `TIAS`, `RR`, `RS`, or another token kept as written).
    public var type: String
    /// The value, in kilobits per second for `CT` and `AS`; other types define their unit.
    public var value: UInt64

    /// Creates a bandwidth line.
    public init(type: String, value: UInt64) {
        self.type = type
        self.value = value
    }
}

extension SDPBandwidth: SIPSerializable {
    /// Appends `AS:64` (without `b=`).
    public func serialize(into buffer: inout [UInt8]) {
        buffer.appendUTF8(type)
        buffer.append(ASCII.colon)
        buffer.appendDecimal(value)
    }
}
