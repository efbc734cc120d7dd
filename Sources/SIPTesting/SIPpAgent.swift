// An agent's softphone played by SIPp: registers with digest auth, signs in with feature
// codes, and answers kefu's offers in the background with an RTP probe as its media.

import Foundation

/// Why an agent could not get ready.
public struct SIPpAgentError: Error, CustomStringConvertible {
    /// What the agent tried.
    public var step: String
    /// What SIPp reported.
    public var outcome: String

    public var description: String { "agent could not \(step): \(outcome)" }
}

/// One agent: a SIPp UAS on the port its registration names as Contact, plus short SIPp runs
/// (from other ports) for REGISTER and feature-code calls.
public final class SIPpAgent: Sendable {
    /// How the agent's phone treats kefu's offers.
    public enum Behaviour: Sendable {
        /// Rings, answers after 300 ms, waits for kefu's BYE.
        case answer
        /// Answers and hangs up first after `talk`.
        case answerAndHangUp(after: Duration)
        /// Rings and never answers (expects CANCEL).
        case ringNoAnswer
        /// Answers, holds after `after`, resumes after `hold`, hangs up after `talk`.
        case holdAndResume(after: Duration, hold: Duration, talk: Duration)
        /// Answers, talks for `after`, then REFERs the caller to `target` (an extension).
        case blindTransfer(to: String, after: Duration)
        /// Answers, talks for `after`, then REFERs the caller to `target` with a Replaces that
        /// names no dialog kefu has; expects NOTIFY 100 then 481, and waits for kefu's BYE.
        case attendedTransferToUnknownDialog(target: String, after: Duration)
        /// Rings for 300 ms, then refuses the offer with `status` (486: the agent is busy).
        case refuse(status: Int)
        /// Rings without answering unless the INVITE asks for auto-answer (`Call-Info:
        /// answer-after=0`), which it answers at once; waits for kefu's BYE.
        case answerOnlyAutoAnswer

        var scenario: String {
            switch self {
            case .answer: return "agent-answer.xml"
            case .answerAndHangUp: return "agent-answer-hangup.xml"
            case .ringNoAnswer: return "agent-no-answer.xml"
            case .holdAndResume: return "agent-hold-resume.xml"
            case .blindTransfer: return "agent-blind-transfer.xml"
            case .answerOnlyAutoAnswer: return "agent-auto-answer.xml"
            case .attendedTransferToUnknownDialog: return "agent-refer-unknown-replaces.xml"
            case .refuse: return "agent-refuses.xml"
            }
        }

        /// The scenario's placeholders; phones answer 300 ms after ringing.
        var values: [String: String] {
            func ms(_ duration: Duration) -> String { String(Int(duration / .milliseconds(1))) }
            let answer = ["answer_ms": "300"]
            switch self {
            case .answer, .ringNoAnswer, .answerOnlyAutoAnswer: return answer
            case .answerAndHangUp(let after): return answer.merging(["talk_ms": ms(after)]) { $1 }
            case .holdAndResume(let after, let hold, let talk):
                return answer.merging(["hold_after_ms": ms(after), "hold_ms": ms(hold), "talk_ms": ms(talk)]) { $1 }
            case .blindTransfer(_, let after), .attendedTransferToUnknownDialog(_, let after): return answer.merging(["talk_ms": ms(after)]) { $1 }
            case .refuse(let status): return answer.merging(["status": String(status)]) { $1 }
            }
        }
    }

    /// The extension (SIP user).
    public let extensionNumber: String
    /// The SIP password.
    public let password: String
    /// The tenant's SIP domain (the digest realm).
    public let domain: String
    /// kefu's SIP port on 127.0.0.1.
    public let kefuPort: Int
    /// The answering SIPp and the probe its SDP names.
    public let phone: SIPpParty
    private let fixtures: String

    /// Starts the agent's answering SIPp (on `sipPort`, a free one by default) with
    /// `behaviour`; its probe sends `tone` Hz and counts `listensFor`. `fixtures` is the
    /// folder with the scenarios.
    public init(
        extension extensionNumber: String, password: String, domain: String, kefuPort: Int, behaviour: Behaviour,
        tone: Int, listensFor: [Int], fixtures: String, directory: String, sipPort: Int = LoopbackPort.free()
    ) throws {
        self.extensionNumber = extensionNumber
        self.password = password
        self.domain = domain
        self.kefuPort = kefuPort
        self.fixtures = fixtures
        let probe = try RTPProbe(toneFrequency: tone, listensFor: listensFor)
        var arguments = ["-m", "1000", "-aa", "-set", "ext", extensionNumber, "-set", "domain", domain, "-set", "rtp_port", String(probe.port)]
        switch behaviour {
        case .blindTransfer(let target, _), .attendedTransferToUnknownDialog(let target, _): arguments += ["-set", "transfer_to", target]
        default: break
        }
        do {
            phone = try SIPpParty(
                name: "agent \(extensionNumber)", scenario: SIPpScenario.fill(fixtures + "/" + behaviour.scenario, values: behaviour.values),
                arguments: arguments, directory: directory + "/agent-\(extensionNumber)-\(sipPort)", sipPort: sipPort, probe: probe,
                timeLimit: .seconds(600))
        } catch {
            probe.stop()
            throw error
        }
    }

    /// The probe the agent's phone answers with.
    public var probe: RTPProbe { phone.probe }

    private var credentials: String {
        "SEQUENTIAL\n\(extensionNumber);[authentication username=\(extensionNumber) password=\(password)];\n"
    }

    /// Registers the answering port as the agent's Contact (401 then 200), `expires` seconds.
    public func register(expires: Int = 3600) async throws {
        let outcome = try await SIPpProcess.run(
            ["127.0.0.1:\(kefuPort)", "-sf", "{dir}/register.xml", "-inf", "{dir}/users.csv", "-m", "1",
             "-set", "domain", domain, "-set", "contact_port", String(phone.sipPort), "-set", "expires", String(expires),
             "-mp", String(RTPPortRange.free(count: 4).lowerBound)],
            files: ["register.xml": try SIPpScenario.fill(fixtures + "/agent-register.xml"), "users.csv": credentials],
            timeLimit: .seconds(20), traceMessages: true
        )
        guard outcome.exitStatus == 0, outcome.successfulCalls == 1 else {
            throw SIPpAgentError(step: "register \(extensionNumber)@\(domain)", outcome: outcome.description)
        }
    }

    /// Dials a feature code (`*1` sign in, `*2` not ready, `*3` sign out) with digest auth,
    /// and waits for kefu to answer, play its prompt and hang up.
    public func dial(featureCode: String) async throws {
        let outcome = try await SIPpProcess.run(
            ["127.0.0.1:\(kefuPort)", "-sf", "{dir}/feature.xml", "-inf", "{dir}/users.csv", "-m", "1",
             "-set", "domain", domain, "-set", "code", featureCode, "-set", "rtp_port", String(RTPPortRange.free(count: 2).lowerBound),
             "-mp", String(RTPPortRange.free(count: 4).lowerBound)],
            files: ["feature.xml": try SIPpScenario.fill(fixtures + "/agent-feature-code.xml"), "users.csv": credentials],
            timeLimit: .seconds(30), traceMessages: true
        )
        guard outcome.exitStatus == 0, outcome.successfulCalls == 1 else {
            throw SIPpAgentError(step: "dial \(featureCode) as \(extensionNumber)", outcome: outcome.description)
        }
    }

    /// Registers and signs in (`*1`): the agent is ready for offers afterwards.
    public func signIn() async throws {
        try await register()
        try await dial(featureCode: "*1")
    }

    /// Stops the answering SIPp and the probe; returns what SIPp counted.
    public func stop() async -> SIPpParty.Outcome {
        await phone.stop()
    }
}
