// The identity of a dialog: Call-ID, local tag and remote tag (RFC 3261 §12).

import SIP

/// A dialog's identifier as seen from this side: Call-ID, local tag, remote tag.
public struct DialogID: Hashable, Sendable, CustomStringConvertible {
    /// The Call-ID.
    public var callID: String
    /// The tag this side chose (To tag as UAS, From tag as UAC).
    public var localTag: String
    /// The peer's tag.
    public var remoteTag: String

    /// Creates an id.
    public init(callID: String, localTag: String, remoteTag: String) {
        self.callID = callID
        self.localTag = localTag
        self.remoteTag = remoteTag
    }

    /// The id of the dialog an incoming in-dialog request belongs to: local tag from To,
    /// remote tag from From.
    public init?(incoming request: SIPRequest) {
        guard let callID = try? request.headers.callID,
              let localTag = try? request.headers.to.tag,
              let remoteTag = try? request.headers.from.tag
        else { return nil }
        self.init(callID: callID.rawValue, localTag: localTag, remoteTag: remoteTag)
    }

    /// `call-id;local;remote`, for logs.
    public var description: String { "\(callID);\(localTag);\(remoteTag)" }
}
