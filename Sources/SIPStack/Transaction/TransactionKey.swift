// How a message finds its transaction (RFC 3261 §17.1.3 and §17.2.3).

import SIP

/// The identity of a transaction: the top Via branch with its sent-by, and the method.
///
/// Server side (§17.2.3): branch + sent-by + method, where ACK counts as INVITE so it finds
/// the INVITE transaction it acknowledges; CANCEL keeps its own method (its target INVITE is
/// found with ``cancelledInviteKey``). Client side (§17.1.3): branch + CSeq method; Kefu writes
/// its own sent-by into every Via it sends, so the same shape serves both.
/// For a request without an RFC 3261 branch (RFC 2543 peers) the key is built from Call-ID,
/// From tag, CSeq number and the top Via, which tells retransmissions apart well enough.
public struct TransactionKey: Hashable, Sendable, CustomStringConvertible {
    /// The branch parameter (or the RFC 2543 substitute).
    public var branch: String
    /// The top Via's sent-by (`host:port`), lower-cased.
    public var sentBy: String
    /// The method the transaction is for (INVITE for an ACK).
    public var method: SIPMethod

    /// Creates a key.
    public init(branch: String, sentBy: String, method: SIPMethod) {
        self.branch = branch
        self.sentBy = sentBy
        self.method = method
    }

    /// The server transaction key of a received request whose top Via is `via`.
    public static func server(for request: SIPRequest, topVia via: Via) throws(SIPParseError) -> TransactionKey {
        let method = request.method == .ack ? SIPMethod.invite : request.method
        if via.isRFC3261Branch, let branch = via.branch {
            return TransactionKey(branch: branch, sentBy: via.sentBy.lowercased(), method: method)
        }
        let headers = request.headers
        let substitute = "2543|\(try headers.callID.rawValue)|\(try headers.from.tag ?? "")|\(try headers.cseq.sequence)|\(via.branch ?? "")"
        return TransactionKey(branch: substitute, sentBy: via.sentBy.lowercased(), method: method)
    }

    /// The client transaction key a received response belongs to.
    public static func client(for response: SIPResponse, topVia via: Via) throws(SIPParseError) -> TransactionKey {
        let cseq = try response.headers.cseq
        return TransactionKey(branch: via.branch ?? "", sentBy: via.sentBy.lowercased(), method: cseq.method)
    }

    /// The key of the INVITE server transaction a CANCEL with this key targets (§9.2).
    public var cancelledInviteKey: TransactionKey {
        TransactionKey(branch: branch, sentBy: sentBy, method: .invite)
    }

    /// `branch/sent-by/method`, for logs.
    public var description: String { "\(branch)/\(sentBy)/\(method.rawValue)" }
}
