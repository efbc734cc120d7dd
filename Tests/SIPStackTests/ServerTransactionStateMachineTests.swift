// The INVITE and non-INVITE server transactions (RFC 3261 §17.2, RFC 6026 §7.1) as scripts.
//
// Covered: provisional re-sent per retransmitted INVITE; 2xx → accepted with Timer L;
// 3xx-6xx → completed, Timer G doubling to T2, Timer H timeout, ACK → confirmed with Timer I;
// non-INVITE trying/proceeding/completed with Timer J (64·T1 UDP, 0 TCP).

import SIP
import SIPTesting
import Testing
@testable import SIPStack

@Suite struct ServerTransactionStateMachineTests {
    let invite = SIPRequest.invite()

    @Test("re-sends the last provisional response for each retransmitted INVITE, nothing before one")
    func provisionalRetransmission() {
        var machine = ServerInviteTransaction.StateMachine(isReliable: false)
        #expect(machine.requestRetransmitted() == [])
        let ringing = SIPResponse.ringing(to: invite)
        #expect(machine.responseSent(ringing) == [.send(.response(ringing))])
        #expect(machine.requestRetransmitted() == [.retransmit])
        #expect(machine.state == .proceeding)
    }

    @Test("a 2xx moves to accepted with Timer L; retransmitted INVITEs are absorbed; the TU's 2xx retransmissions go out")
    func accepted() {
        var machine = ServerInviteTransaction.StateMachine(isReliable: false)
        let ok = SIPResponse.ok(to: invite)
        #expect(machine.responseSent(ok) == [.send(.response(ok)), .scheduleTimer(.timerL, after: .seconds(32))])
        #expect(machine.state == .accepted)
        #expect(machine.requestRetransmitted() == [])
        #expect(machine.responseSent(ok) == [.send(.response(ok))])
        #expect(machine.timerFired(.timerL) == [.terminate])
    }

    @Test("retransmits a failure on Timer G at T1, 2·T1, 4·T1 capped at T2, until Timer H reports no ACK")
    func timerGAndH() {
        var machine = ServerInviteTransaction.StateMachine(isReliable: false)
        let busy = SIPResponse.failure(.busyHere, to: invite)
        #expect(machine.responseSent(busy) == [
            .send(.response(busy)), .scheduleTimer(.timerG, after: .milliseconds(500)), .scheduleTimer(.timerH, after: .seconds(32)),
        ])
        var intervals: [Duration] = []
        for _ in 0..<5 {
            let actions = machine.timerFired(.timerG)
            #expect(actions.first == .retransmit)
            if case .scheduleTimer(.timerG, let after) = actions.last { intervals.append(after) }
        }
        #expect(intervals == [.seconds(1), .seconds(2), .seconds(4), .seconds(4), .seconds(4)])
        #expect(machine.requestRetransmitted() == [.retransmit])
        #expect(machine.timerFired(.timerH) == [.cancelTimer(.timerG), .reportTimeout, .terminate])
    }

    @Test("the ACK for a failure confirms the transaction, and Timer I (T4 UDP, 0 TCP) ends it", arguments: [false, true])
    func ackConfirms(reliable: Bool) {
        var machine = ServerInviteTransaction.StateMachine(isReliable: reliable)
        let busy = SIPResponse.failure(.busyHere, to: invite)
        _ = machine.responseSent(busy)
        let ack = invite.makeAck(for: busy)
        var expected: [TransactionAction] = reliable ? [] : [.cancelTimer(.timerG)]
        expected += [.cancelTimer(.timerH), .scheduleTimer(.timerI, after: reliable ? .zero : .seconds(5))]
        #expect(machine.ackReceived(ack) == expected)
        #expect(machine.state == .confirmed)
        #expect(machine.ackReceived(ack) == [])
        #expect(machine.timerFired(.timerI) == [.terminate])
    }

    @Test("an ACK on the INVITE's branch after a 2xx goes to the TU")
    func ackAfterSuccess() {
        var machine = ServerInviteTransaction.StateMachine(isReliable: false)
        _ = machine.responseSent(.ok(to: invite))
        let ack = invite.makeAck(for: .ok(to: invite))
        #expect(machine.ackReceived(ack) == [.passToTransactionUser(.request(ack))])
    }

    @Test("the non-INVITE server transaction absorbs, re-sends and waits Timer J as the RFC says", arguments: [false, true])
    func nonInvite(reliable: Bool) {
        let bye = SIPRequest.options()
        var machine = ServerNonInviteTransaction.StateMachine(isReliable: reliable)
        #expect(machine.requestReceived(bye) == [.passToTransactionUser(.request(bye))])
        #expect(machine.requestRetransmitted() == [])
        let trying = SIPResponse(to: bye, status: .trying)
        #expect(machine.responseSent(trying) == [.send(.response(trying))])
        #expect(machine.state == .proceeding)
        #expect(machine.requestRetransmitted() == [.retransmit])
        let ok = SIPResponse.ok(to: bye)
        #expect(machine.responseSent(ok) == [.send(.response(ok)), .scheduleTimer(.timerJ, after: reliable ? .zero : .seconds(32))])
        #expect(machine.requestRetransmitted() == [.retransmit])
        #expect(machine.responseSent(ok) == [])
        #expect(machine.timerFired(.timerJ) == [.terminate])
        #expect(machine.state == .terminated)
    }

    @Test("Timer values follow T1, T2 and T4 from the configuration")
    func configuredTimers() {
        let timers = TransactionTimers(t1: .milliseconds(100), t2: .seconds(1), t4: .seconds(2))
        #expect(timers.transactionTimeout == .milliseconds(6400))
        #expect(timers.timerD(reliable: false) == .seconds(32))
        #expect(timers.timerIK(reliable: false) == .seconds(2))
        #expect(timers.timerJ(reliable: true) == .zero)
        var machine = ClientInviteTransaction.StateMachine(request: invite, isReliable: false, timers: timers)
        #expect(machine.start().contains(.scheduleTimer(.timerB, after: .milliseconds(6400))))
    }
}
