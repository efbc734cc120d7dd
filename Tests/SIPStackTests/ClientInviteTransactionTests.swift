// The INVITE client transaction (RFC 3261 §17.1.1, RFC 6026 §7.2) as event → action scripts.
//
// Covered: Timer A schedule (T1, 2·T1, 4·T1 …) until Timer B; 1xx stops A; 2xx → accepted,
// Timer M, 2xx retransmissions to the TU; 3xx-6xx → completed, ACK built in the transaction,
// re-ACK per retransmitted final, Timer D (32 s UDP, 0 TCP); transport failure.
// Not covered here: matching responses to the transaction (TransactionLayerTests).

import SIP
import SIPTesting
import Testing
@testable import SIPStack

@Suite struct ClientInviteTransactionTests {
    let invite = SIPRequest.invite(from: .kefu, to: .alice)
    let timers = TransactionTimers()

    @Test("sends the INVITE and starts Timer A at T1 and Timer B at 64·T1 over UDP")
    func startsTimersOverUDP() {
        var machine = ClientInviteTransaction.StateMachine(request: invite, isReliable: false, timers: timers)
        #expect(machine.start() == [
            .send(.request(invite)),
            .scheduleTimer(.timerA, after: .milliseconds(500)),
            .scheduleTimer(.timerB, after: .seconds(32)),
        ])
        #expect(machine.state == .calling)
    }

    @Test("starts no Timer A over TCP")
    func noTimerAOverTCP() {
        var machine = ClientInviteTransaction.StateMachine(request: invite, isReliable: true, timers: timers)
        #expect(machine.start() == [.send(.request(invite)), .scheduleTimer(.timerB, after: .seconds(32))])
    }

    @Test("retransmits the INVITE at T1, 2·T1, 4·T1 … until Timer B reports a timeout")
    func retransmissionSchedule() {
        var machine = ClientInviteTransaction.StateMachine(request: invite, isReliable: false, timers: timers)
        _ = machine.start()
        var intervals: [Duration] = []
        for _ in 0..<6 {
            let actions = machine.timerFired(.timerA)
            #expect(actions.first == .retransmit)
            if case .scheduleTimer(.timerA, let after) = actions.last { intervals.append(after) }
        }
        #expect(intervals == [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(32)])
        #expect(machine.timerFired(.timerB) == [.cancelTimer(.timerA), .reportTimeout, .terminate])
        #expect(machine.state == .terminated)
        #expect(machine.timerFired(.timerA) == [])
    }

    @Test("a provisional response moves to proceeding, stops Timer A and reaches the TU")
    func provisional() {
        var machine = ClientInviteTransaction.StateMachine(request: invite, isReliable: false, timers: timers)
        _ = machine.start()
        let ringing = SIPResponse.ringing(to: invite)
        #expect(machine.responseReceived(ringing) == [.cancelTimer(.timerA), .passToTransactionUser(.response(ringing))])
        #expect(machine.state == .proceeding)
        #expect(machine.responseReceived(ringing) == [.passToTransactionUser(.response(ringing))])
        #expect(machine.timerFired(.timerA) == [])
    }

    @Test("a 2xx moves to accepted with Timer M, and retransmitted 2xx still reach the TU")
    func success() {
        var machine = ClientInviteTransaction.StateMachine(request: invite, isReliable: false, timers: timers)
        _ = machine.start()
        let ok = SIPResponse.ok(to: invite)
        #expect(machine.responseReceived(ok) == [
            .cancelTimer(.timerA), .cancelTimer(.timerB), .passToTransactionUser(.response(ok)),
            .scheduleTimer(.timerM, after: .seconds(32)),
        ])
        #expect(machine.state == .accepted)
        #expect(machine.responseReceived(ok) == [.passToTransactionUser(.response(ok))])
        #expect(machine.timerFired(.timerM) == [.terminate])
    }

    @Test("a failure is ACKed inside the transaction, re-ACKed on retransmission, and ends with Timer D", arguments: [false, true])
    func failure(reliable: Bool) {
        var machine = ClientInviteTransaction.StateMachine(request: invite, isReliable: reliable, timers: timers)
        _ = machine.start()
        _ = machine.responseReceived(.ringing(to: invite))
        let busy = SIPResponse.failure(.busyHere, to: invite)
        let ack = invite.makeAck(for: busy)
        #expect(machine.responseReceived(busy) == [
            .cancelTimer(.timerB), .send(.request(ack)), .passToTransactionUser(.response(busy)),
            .scheduleTimer(.timerD, after: reliable ? .zero : .seconds(32)),
        ])
        #expect(ack.method == .ack)
        #expect((try? ack.headers.to.tag) == "to-1")
        #expect(machine.state == .completed)
        #expect(machine.responseReceived(busy) == [.retransmit])
        #expect(machine.timerFired(.timerD) == [.terminate])
        #expect(machine.state == .terminated)
    }

    @Test("a transport failure while calling reports it and terminates")
    func transportFailure() {
        var machine = ClientInviteTransaction.StateMachine(request: invite, isReliable: true, timers: timers)
        _ = machine.start()
        #expect(machine.transportFailed() == [.cancelTimer(.timerA), .cancelTimer(.timerB), .reportTransportError, .terminate])
        #expect(machine.transportFailed() == [])
    }
}
