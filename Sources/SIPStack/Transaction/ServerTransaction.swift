// A server transaction as the transaction layer runs it: state machine, request, timers, destination.

import NIOCore
import SIP

/// A request received and the transaction that answers it (RFC 3261 §17.2).
///
/// The transaction user answers through ``respond(_:)``; the transaction sends, retransmits
/// and times out as its state machine says. Bound to the stack's event loop.
public final class ServerTransaction {
    enum Machine {
        case invite(ServerInviteTransaction.StateMachine)
        case nonInvite(ServerNonInviteTransaction.StateMachine)
    }

    /// The transaction's key.
    public let key: TransactionKey
    /// The request that created it (with `received`/`rport` added to the top Via).
    public let request: SIPRequest
    /// Where responses go (RFC 3261 §18.2.2, RFC 3581).
    public let responseDestination: SIPDestination
    /// Where the request came from.
    public let source: SIPDestination
    /// The To tag this side uses in its responses; set by the transaction user.
    public var localTag: String?
    /// Whether a CANCEL for this INVITE arrived.
    public internal(set) var isCancelled = false
    /// The final status sent, once one was.
    public internal(set) var finalStatus: SIPStatus?
    /// Runs once when the transaction ends by timeout or transport failure (not on normal end).
    public var onFailure: ((TransactionFailure) -> Void)?
    /// Runs when an ACK for a non-2xx final response arrives (the INVITE transaction is `confirmed`).
    var mergeKey: MergeKey?

    var machine: Machine
    var lastSent: ByteBuffer?
    var timers = TransactionTimerSlots()
    unowned let layer: TransactionLayer

    init(key: TransactionKey, request: SIPRequest, source: SIPDestination, responseDestination: SIPDestination, layer: TransactionLayer) {
        self.key = key
        self.request = request
        self.source = source
        self.responseDestination = responseDestination
        self.layer = layer
        let reliable = source.transport.isReliable
        if request.method == .invite {
            machine = .invite(ServerInviteTransaction.StateMachine(isReliable: reliable, timers: layer.configuration.timers))
        } else {
            machine = .nonInvite(ServerNonInviteTransaction.StateMachine(isReliable: reliable, timers: layer.configuration.timers))
        }
    }

    /// Whether a final response has been sent.
    public var hasFinalResponse: Bool { finalStatus != nil }

    /// Sends `response` through the transaction (the TU's answer).
    public func respond(_ response: SIPResponse) {
        if response.status.isFinal, finalStatus == nil { finalStatus = response.status }
        let actions: [TransactionAction]
        switch machine {
        case .invite(var machine):
            actions = machine.responseSent(response)
            self.machine = .invite(machine)
        case .nonInvite(var machine):
            actions = machine.responseSent(response)
            self.machine = .nonInvite(machine)
        }
        layer.run(actions, for: self)
    }

    /// A response to the request with the To tag filled in from ``localTag`` (generated when
    /// unset) and the Server header set; the caller adds what else it needs.
    public func makeResponse(_ status: SIPStatus, reasonPhrase: String? = nil) -> SIPResponse {
        if localTag == nil, status != .trying { localTag = layer.makeTag() }
        var response = SIPResponse(to: request, status: status, reasonPhrase: reasonPhrase, toTag: localTag)
        response.headers.add(.server, layer.configuration.productName)
        return response
    }

    /// Answers with `status` (and optional extra headers) in one step.
    public func respond(_ status: SIPStatus, reasonPhrase: String? = nil, headers: SIPHeaders = SIPHeaders()) {
        var response = makeResponse(status, reasonPhrase: reasonPhrase)
        if !headers.isEmpty {
            let contentLength = response.headers.firstIndex(of: .contentLength)
            if let contentLength { response.headers.remove(at: contentLength) }
            response.headers.append(contentsOf: headers)
            response.headers.add(.contentLength, 0)
        }
        respond(response)
    }

    func requestRetransmitted() {
        let actions: [TransactionAction]
        switch machine {
        case .invite(var machine):
            actions = machine.requestRetransmitted()
            self.machine = .invite(machine)
        case .nonInvite(var machine):
            actions = machine.requestRetransmitted()
            self.machine = .nonInvite(machine)
        }
        layer.run(actions, for: self)
    }

    func ackReceived(_ ack: SIPRequest) {
        guard case .invite(var machine) = machine else { return }
        let actions = machine.ackReceived(ack)
        self.machine = .invite(machine)
        layer.run(actions, for: self)
    }

    func timerFired(_ timer: TransactionTimer) {
        timers.fired(timer)
        let actions: [TransactionAction]
        switch machine {
        case .invite(var machine):
            actions = machine.timerFired(timer)
            self.machine = .invite(machine)
        case .nonInvite(var machine):
            actions = machine.timerFired(timer)
            self.machine = .nonInvite(machine)
        }
        layer.run(actions, for: self)
    }

    func transportFailed() {
        let actions: [TransactionAction]
        switch machine {
        case .invite(var machine):
            actions = machine.transportFailed()
            self.machine = .invite(machine)
        case .nonInvite(var machine):
            actions = machine.transportFailed()
            self.machine = .nonInvite(machine)
        }
        layer.run(actions, for: self)
    }

    /// The current state's name, for logs and tests.
    public var stateName: String {
        switch machine {
        case .invite(let machine): return "\(machine.state)"
        case .nonInvite(let machine): return "\(machine.state)"
        }
    }
}

/// Why a transaction ended without completing normally.
public enum TransactionFailure: Hashable, Sendable {
    /// No response (client) or no ACK (server INVITE) arrived in time.
    case timeout
    /// The transport could not deliver a message.
    case transportError
}

/// The identity of a request for merged-request detection (RFC 3261 §8.2.2.2).
struct MergeKey: Hashable {
    var fromTag: String
    var callID: String
    var cseq: UInt32
    var method: SIPMethod
}

@available(*, unavailable)
extension ServerTransaction: Sendable {}
