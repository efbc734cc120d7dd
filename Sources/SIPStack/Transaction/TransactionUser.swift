// What the transaction layer hands up: new requests, ACKs for 2xx, CANCELs (RFC 3261 §17).

import SIP

/// The layer above the transactions (the UAS/UAC core), called on the stack's event loop.
protocol TransactionUser: AnyObject {
    /// A new request (not ACK, not a matching CANCEL) with its server transaction.
    func requestReceived(_ request: SIPRequest, transaction: ServerTransaction)
    /// An ACK that matched no server transaction: the ACK for a 2xx, sent by the dialog.
    func ackReceived(_ ack: SIPRequest, from source: SIPDestination)
    /// A CANCEL matched `invite`; the CANCEL itself has been answered `200`.
    func cancelReceived(_ cancel: SIPRequest, for invite: ServerTransaction)
    /// A response that matched no client transaction (a 2xx retransmission after Timer M,
    /// or a stray); the dialog may still re-ACK it.
    func strayResponseReceived(_ response: SIPResponse, from source: SIPDestination)
}
