// A client transaction as the transaction layer runs it: state machine, destination, timers.

import NIOCore
import SIP

/// What a client transaction reports to its owner.
public enum ClientTransactionEvent: Sendable {
    /// A response (provisional or final; for INVITE also 2xx retransmissions in `accepted`).
    case response(SIPResponse)
    /// Timer B or F fired without a final response.
    case timeout
    /// The transport failed.
    case transportError
}

/// A request sent and the transaction that retransmits it and collects its responses
/// (RFC 3261 §17.1). Bound to the stack's event loop.
public final class ClientTransaction {
    enum Machine {
        case invite(ClientInviteTransaction.StateMachine)
        case nonInvite(ClientNonInviteTransaction.StateMachine)
    }

    /// The transaction's key (branch, own sent-by, method).
    public let key: TransactionKey
    /// The request sent.
    public let request: SIPRequest
    /// Where it was sent.
    public let destination: SIPDestination

    var machine: Machine
    var lastSent: ByteBuffer?
    var timers = TransactionTimerSlots()
    var handler: (ClientTransactionEvent) -> Void
    unowned let layer: TransactionLayer

    init(key: TransactionKey, request: SIPRequest, destination: SIPDestination, layer: TransactionLayer, handler: @escaping (ClientTransactionEvent) -> Void) {
        self.key = key
        self.request = request
        self.destination = destination
        self.layer = layer
        self.handler = handler
        let reliable = destination.transport.isReliable
        if request.method == .invite {
            machine = .invite(ClientInviteTransaction.StateMachine(request: request, isReliable: reliable, timers: layer.configuration.timers))
        } else {
            machine = .nonInvite(ClientNonInviteTransaction.StateMachine(request: request, isReliable: reliable, timers: layer.configuration.timers))
        }
    }

    func start() {
        let actions: [TransactionAction]
        switch machine {
        case .invite(var machine):
            actions = machine.start()
            self.machine = .invite(machine)
        case .nonInvite(var machine):
            actions = machine.start()
            self.machine = .nonInvite(machine)
        }
        layer.run(actions, for: self)
    }

    func responseReceived(_ response: SIPResponse) {
        let actions: [TransactionAction]
        switch machine {
        case .invite(var machine):
            actions = machine.responseReceived(response)
            self.machine = .invite(machine)
        case .nonInvite(var machine):
            actions = machine.responseReceived(response)
            self.machine = .nonInvite(machine)
        }
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

    /// Whether the INVITE is still waiting for a final response (CANCEL is allowed).
    public var isAwaitingFinalResponse: Bool {
        switch machine {
        case .invite(let machine): return machine.state == .calling || machine.state == .proceeding
        case .nonInvite(let machine): return machine.state == .trying || machine.state == .proceeding
        }
    }

    /// Whether a provisional response arrived (RFC 3261 §9.1: CANCEL only after one).
    public var hasReceivedProvisional: Bool {
        if case .invite(let machine) = machine { return machine.state != .calling }
        return false
    }
}

@available(*, unavailable)
extension ClientTransaction: Sendable {}
