// The non-INVITE client transaction (RFC 3261 §17.1.2) as event → action scripts.
//
// Covered: Timer E doubling up to T2 in trying, T2 in proceeding; Timer F timeout; final
// response → completed with Timer K (T4 UDP, 0 TCP); retransmitted finals absorbed.

import SIP
import SIPTesting
import Testing
@testable import SIPStack

@Suite struct ClientNonInviteTransactionTests {
    let options = SIPRequest.options(from: .kefu, to: .alice)

    @Test("retransmits at T1, 2·T1, 4·T1 capped at T2 while trying, then every T2 in proceeding")
    func timerESchedule() {
        var machine = ClientNonInviteTransaction.StateMachine(request: options, isReliable: false)
        #expect(machine.start() == [
            .send(.request(options)), .scheduleTimer(.timerE, after: .milliseconds(500)), .scheduleTimer(.timerF, after: .seconds(32)),
        ])
        var intervals: [Duration] = []
        for _ in 0..<5 {
            let actions = machine.timerFired(.timerE)
            #expect(actions.first == .retransmit)
            if case .scheduleTimer(.timerE, let after) = actions.last { intervals.append(after) }
        }
        #expect(intervals == [.seconds(1), .seconds(2), .seconds(4), .seconds(4), .seconds(4)])
        let trying = SIPResponse(to: options, status: .trying)
        #expect(machine.responseReceived(trying) == [.passToTransactionUser(.response(trying))])
        #expect(machine.state == .proceeding)
        #expect(machine.timerFired(.timerE) == [.retransmit, .scheduleTimer(.timerE, after: .seconds(4))])
    }

    @Test("Timer F reports a timeout when no final response comes")
    func timerF() {
        var machine = ClientNonInviteTransaction.StateMachine(request: options, isReliable: false)
        _ = machine.start()
        #expect(machine.timerFired(.timerF) == [.cancelTimer(.timerE), .reportTimeout, .terminate])
        #expect(machine.state == .terminated)
    }

    @Test("a final response completes the transaction, and Timer K (T4 over UDP, zero over TCP) ends it", arguments: [false, true])
    func finalResponse(reliable: Bool) {
        var machine = ClientNonInviteTransaction.StateMachine(request: options, isReliable: reliable)
        _ = machine.start()
        let ok = SIPResponse.ok(to: options)
        var expected: [TransactionAction] = reliable ? [] : [.cancelTimer(.timerE)]
        expected += [.cancelTimer(.timerF), .passToTransactionUser(.response(ok)), .scheduleTimer(.timerK, after: reliable ? .zero : .seconds(5))]
        #expect(machine.responseReceived(ok) == expected)
        #expect(machine.responseReceived(ok) == [])
        #expect(machine.timerFired(.timerE) == [])
        #expect(machine.timerFired(.timerK) == [.terminate])
    }
}
