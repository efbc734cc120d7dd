// The SIP-Version of a start line.

/// A SIP protocol version, `SIP/<major>.<minor>`; Kefu speaks ``v2_0`` only (others get `505`).
public struct SIPVersion: Hashable, Sendable, CustomStringConvertible {
    /// The major version number.
    public var major: Int
    /// The minor version number.
    public var minor: Int

    /// Creates a version.
    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// SIP/2.0 (RFC 3261).
    public static let v2_0 = SIPVersion(major: 2, minor: 0)

    /// `SIP/2.0`.
    public var description: String { "SIP/\(major).\(minor)" }
}

extension SIPVersion: SIPSerializable {
    /// Appends `SIP/<major>.<minor>`.
    public func serialize(into buffer: inout [UInt8]) {
        if self == .v2_0 {
            buffer.append(ascii: "SIP/2.0")
            return
        }
        buffer.append(ascii: "SIP/")
        buffer.appendDecimal(major)
        buffer.append(ASCII.dot)
        buffer.appendDecimal(minor)
    }
}
