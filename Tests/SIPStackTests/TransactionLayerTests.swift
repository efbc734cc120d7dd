// The transaction layer and the UAS core on an EmbeddedChannel, time driven by the test.
//
// Test plan: the real TransactionLayer + UserAgentCore with their UDP handler on an
// EmbeddedChannel; a SIPTestPeer speaks typed SIP from the far end (reverse codec) and
// `advanceTime` fires the timers. Covered: 2xx retransmission T1, 2·T1 … until ACK
// (RFC 6026); CANCEL → 200 + 487, Timer G retransmits the 487 until ACK, Timer H gives up;
// retransmitted INVITE re-answered with the last provisional; merged request → 482;
// BYE without dialog → 481; OPTIONS capabilities; 405/501/420/483; non-INVITE
// retransmission answered from `completed`; rport/received and response routing.

import Logging
import NIOCore
import NIOEmbedded
import SIP
import SIPTesting
import Testing
@testable import SIPStack

@Suite struct TransactionLayerTests {
    /// A stack on an EmbeddedChannel and a peer at 127.0.0.1:5070 talking to it.
    final class Harness {
        let channel = EmbeddedChannel()
        let layer: TransactionLayer
        let core: UserAgentCore
        let peer: SIPTestPeer

        init() throws {
            var logger = Logger(label: "test.layer")
            logger.logLevel = .critical
            channel.localAddress = try SocketAddress(ipAddress: "127.0.0.1", port: 5060)
            layer = TransactionLayer(eventLoop: channel.embeddedEventLoop, configuration: SIPStackConfiguration(), logger: logger)
            core = UserAgentCore(layer: layer, registrar: nil, admission: nil, autoAnswer: .init(), logger: logger)
            layer.user = core
            layer.sentBy[.udp] = ("127.0.0.1", 5060)
            try layer.transports.attachDatagramChannel(channel)
            peer = SIPTestPeer(channel: channel, address: try SocketAddress(ipAddress: "127.0.0.1", port: 5070))
        }

        func advance(_ duration: Duration) {
            channel.embeddedEventLoop.advanceTime(by: TimeAmount(duration))
        }
    }

    @Test("retransmits the 2xx at T1, 2·T1, 4·T1 until the ACK arrives, then stops")
    func okRetransmittedUntilAck() throws {
        let harness = try Harness()
        let invite = SIPRequest.invite(to: .kefu)
        try harness.peer.send(invite)
        let answers = try harness.peer.receiveAll()
        #expect(answers.compactMap { $0.response?.status.code } == [180, 200])
        let ok = try #require(answers.last?.response)
        #expect(ok.bodyText.contains("m=audio"))
        harness.advance(.milliseconds(500))
        #expect(try harness.peer.receivedStatuses() == [200])
        harness.advance(.milliseconds(1000))
        #expect(try harness.peer.receivedStatuses() == [200])
        harness.advance(.milliseconds(1000))
        #expect(try harness.peer.receivedStatuses() == [])
        harness.advance(.milliseconds(1000))
        #expect(try harness.peer.receivedStatuses() == [200])
        try harness.peer.send(SIPRequest.ack(for: invite, response: ok))
        harness.advance(.seconds(10))
        #expect(try harness.peer.receivedStatuses() == [])
        let bye = try SIPRequest.bye(for: invite, response: ok)
        try harness.peer.send(bye)
        #expect(try harness.peer.receivedStatuses() == [200])
        #expect(harness.core.sessionCount == 0)
    }

    @Test("sends BYE and ends the call when no ACK comes within 64·T1")
    func noAckEndsCall() throws {
        let harness = try Harness()
        try harness.peer.send(SIPRequest.invite(to: .kefu))
        _ = try harness.peer.receiveAll()
        harness.advance(.seconds(40))
        let sent = try harness.peer.receiveAll()
        #expect(sent.contains { $0.request?.method == .bye })
        #expect(harness.core.sessionCount == 0)
    }

    @Test("answers CANCEL with 200 and the INVITE with 487, retransmits the 487 on Timer G until the ACK")
    func cancelAndTimerG() throws {
        let harness = try Harness()
        let invite = SIPRequest.invite(to: SIPTestParty(user: "8888", port: 5060))
        try harness.peer.send(invite)
        #expect(try harness.peer.receivedStatuses() == [180])
        try harness.peer.send(invite)
        #expect(try harness.peer.receivedStatuses() == [180])
        try harness.peer.send(SIPRequest.cancel(invite))
        let answers = try harness.peer.receiveAll().compactMap(\.response)
        #expect(answers.map(\.status.code) == [200, 487])
        #expect(try answers[0].headers.cseq.method == .cancel)
        harness.advance(.milliseconds(500))
        #expect(try harness.peer.receivedStatuses() == [487])
        harness.advance(.milliseconds(1000))
        #expect(try harness.peer.receivedStatuses() == [487])
        try harness.peer.send(invite.makeAck(for: answers[1]))
        harness.advance(.seconds(10))
        #expect(try harness.peer.receivedStatuses() == [])
        #expect(harness.core.sessionCount == 0)
    }

    @Test("stops retransmitting a failure after Timer H (64·T1) without ACK")
    func timerH() throws {
        let harness = try Harness()
        let invite = SIPRequest.invite(to: SIPTestParty(user: "8888", port: 5060))
        try harness.peer.send(invite)
        try harness.peer.send(SIPRequest.cancel(invite))
        _ = try harness.peer.receiveAll()
        var retransmissions = 0
        for _ in 0..<80 {
            harness.advance(.milliseconds(500))
            retransmissions += try harness.peer.receivedStatuses().filter { $0 == 487 }.count
        }
        // G at 0.5, 1.5, 3.5, 7.5, then every T2 = 4 s until H at 32 s: 4 + 6 = 10 or 11.
        #expect((9...11).contains(retransmissions))
        #expect(harness.layer.serverTransactions.values.allSatisfy { $0.request.method != .invite })
    }

    @Test("answers a second INVITE with the same From tag, Call-ID and CSeq but another branch with 482")
    func mergedRequest() throws {
        let harness = try Harness()
        try harness.peer.send(SIPRequest.invite(to: SIPTestParty(user: "8888", port: 5060), branch: "z9hG4bK-a"))
        #expect(try harness.peer.receivedStatuses() == [180])
        try harness.peer.send(SIPRequest.invite(to: SIPTestParty(user: "8888", port: 5060), branch: "z9hG4bK-b"))
        let merged = try #require(try harness.peer.receive()?.response)
        #expect(merged.status == .loopDetected)
        #expect(try merged.headers.topVia.branch == "z9hG4bK-b")
    }

    @Test("answers in-dialog requests that match no dialog with 481")
    func noDialog() throws {
        let harness = try Harness()
        let invite = SIPRequest.invite(to: .kefu)
        let bye = try SIPRequest.bye(for: invite, response: .ok(to: invite, toTag: "unknown"))
        try harness.peer.send(bye)
        #expect(try harness.peer.receivedStatuses() == [481])
    }

    @Test("answers OPTIONS with Allow, Accept and Supported, and re-sends that 200 for a retransmission")
    func options() throws {
        let harness = try Harness()
        let options = SIPRequest.options()
        try harness.peer.send(options)
        let response = try #require(try harness.peer.receive()?.response)
        #expect(response.status == .ok)
        #expect(try response.headers.allow.contains(.invite))
        #expect(try response.headers.accept.contains { $0.matches(.sdp) })
        #expect(try response.headers.supported.contains("100rel"))
        #expect(response.headers.server == "Kefu")
        try harness.peer.send(options)
        #expect(try harness.peer.receive()?.response == response)
        harness.advance(.seconds(33))
        #expect(harness.layer.serverTransactions.isEmpty)
    }

    @Test("refuses what the core cannot serve with the RFC status", arguments: [
        ("SUBSCRIBE", "", 405), ("FOO", "", 501), ("OPTIONS", "Require: magic\r\n", 420), ("OPTIONS", "X-Max: 1\r\n", 200),
    ])
    func coreRefusals(method: String, header: String, status: Int) throws {
        let harness = try Harness()
        let text = "\(method) sip:9999@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-\(method)\r\n"
            + "From: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:9999@127.0.0.1>\r\nCall-ID: c-\(method)\r\nCSeq: 1 \(method)\r\n"
            + "Max-Forwards: 70\r\n\(header)Content-Length: 0\r\n\r\n"
        try harness.peer.send(bytes: Array(text.utf8))
        let response = try #require(try harness.peer.receive()?.response)
        #expect(response.status.code == status)
        if status == 420 { #expect(try response.headers.unsupported == ["magic"]) }
        if status == 405 || status == 501 { #expect(try response.headers.allow.contains(.invite)) }
    }

    @Test("answers Max-Forwards 0 with 483")
    func maxForwards() throws {
        let harness = try Harness()
        var invite = SIPRequest.invite(to: .kefu)
        invite.headers.set(.maxForwards, 0)
        try harness.peer.send(invite)
        #expect(try harness.peer.receivedStatuses() == [483])
    }

    @Test("fills rport and received into the Via and answers to the source port (RFC 3581)")
    func rport() throws {
        let harness = try Harness()
        var options = SIPRequest.options()
        var via = try options.headers.topVia
        via.host = "10.9.8.7"
        via.port = 6000
        options.headers.replaceFirstValue(.via, with: via)
        try harness.peer.send(options)
        let (message, destination) = try #require(try harness.peer.receiveWithDestination())
        let answeredVia = try message.headers.topVia
        #expect(answeredVia.rport == 5070)
        #expect(answeredVia.received == "127.0.0.1")
        #expect(destination.port == 5070)
    }

    @Test("answers a request without rport at the source address and the Via port (RFC 3261 §18.2.2)")
    func noRport() throws {
        let harness = try Harness()
        var options = SIPRequest.options()
        var via = try options.headers.topVia
        via.parameters.remove("rport")
        via.port = 5999
        options.headers.replaceFirstValue(.via, with: via)
        try harness.peer.send(options)
        let (_, destination) = try #require(try harness.peer.receiveWithDestination())
        #expect(destination.port == 5999)
        #expect(destination.ipAddress == "127.0.0.1")
    }

    @Test("sends one CANCEL for a ringing call however many 180s follow it, and its timers run out without harm")
    func oneCancelForRepeatedRinging() throws {
        // A second CANCEL has the INVITE's branch, so it used to replace the first CANCEL's live
        // transaction; that one's Timer E then read a freed object and kefu crashed under load.
        let harness = try Harness()
        let peerAddress = try SocketAddress(ipAddress: "127.0.0.1", port: 5070)
        let options = SIPCallOptions(
            requestURI: SIPURI(user: "agent", host: "127.0.0.1", port: 5070),
            from: NameAddress(uri: SIPURI(user: "1001", host: "kefu")),
            destination: SIPDestination(transport: .udp, address: peerAddress))
        let call = try harness.core.placeCall(options)
        let invite = try #require(try harness.peer.receive()?.request)
        #expect(invite.method == .invite)
        let ringing = SIPResponse(to: invite, status: .ringing, toTag: "agent-tag")
        try harness.peer.send(.response(ringing))
        let session = try #require(harness.core.sessions.values.first)
        try session.cancel()
        try harness.peer.send(.response(ringing))
        try harness.peer.send(.response(ringing))
        let cancels = try harness.peer.receiveAll().filter { $0.request?.method == .cancel }
        #expect(cancels.count == 1)
        harness.advance(.seconds(40))
        let later = try harness.peer.receiveAll().compactMap { $0.request?.method }
        #expect(later.allSatisfy { $0 == .cancel })
        #expect(harness.layer.clientTransactions.values.allSatisfy { $0.request.method == .invite })
        withExtendedLifetime(call) {}
    }
}
