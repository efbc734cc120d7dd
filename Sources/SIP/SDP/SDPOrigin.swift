// The `o=` line of a session description: who created it, and its version.

/// The origin of a session description (`o=`, RFC 8866 §5.2): the creator's user name, a
/// session id, the version of this description, and the creator's address.
///
/// RFC 3264 §8 builds on it: every later description of the same session keeps username,
/// session id and address, and increments ``sessionVersion`` by one when anything changed.
public struct SDPOrigin: Hashable, Sendable {
    /// The creator's login, `-` when there is none. Holds no spaces.
    public var username: String
    /// A numeric string that, with the other fields, identifies the session globally.
    public var sessionID: String
    /// The version of this description; incremented on every change.
    public var sessionVersion: UInt64
    /// The creator's address.
    public var address: SDPAddress

    /// Creates an origin line.
    public init(username: String = "-", sessionID: String, sessionVersion: UInt64, address: SDPAddress) {
        self.username = username
        self.sessionID = sessionID
        self.sessionVersion = sessionVersion
        self.address = address
    }
}

extension SDPOrigin: SIPSerializable {
    /// Appends `<username> <sess-id> <sess-version> IN IP4 <address>` (without `o=`).
    public func serialize(into buffer: inout [UInt8]) {
        buffer.appendUTF8(username)
        buffer.append(ASCII.space)
        buffer.appendUTF8(sessionID)
        buffer.append(ASCII.space)
        buffer.appendDecimal(sessionVersion)
        buffer.append(ASCII.space)
        address.serialize(into: &buffer)
    }
}
