// A caller played by SIPp: dials a tenant's access number from loopback with an RTP probe as
// its media, which sends the caller's tone and RFC 4733 digits and counts what it hears.

import Foundation

/// One call from a SIPp UAC to kefu, running in the background while the test drives the
/// probe (digits) and watches what arrives.
public final class SIPpCaller: Sendable {
    /// What the caller does once answered.
    public enum Behaviour: Sendable {
        /// Stays `talk`, then hangs up (BYE); a BYE from kefu before that fails the call.
        case hangsUp(after: Duration)
        /// Waits for kefu's BYE, at most `atMost`.
        case waitsForBye(atMost: Duration)
        /// Expects a final error response `status` to the INVITE.
        case rejected(status: Int)

        var scenario: String {
            switch self {
            case .hangsUp: return "caller-hangs-up.xml"
            case .waitsForBye: return "caller-waits-for-bye.xml"
            case .rejected: return "caller-rejected.xml"
            }
        }

        var values: [String: String] {
            switch self {
            case .hangsUp(let after): return ["talk_ms": String(Int(after / .milliseconds(1)))]
            case .waitsForBye(let atMost): return ["talk_ms": String(Int(atMost / .milliseconds(1)))]
            case .rejected(let status): return ["status": String(status)]
            }
        }
    }

    /// The number dialled.
    public let number: String
    /// The caller's number (From user).
    public let caller: String
    /// The SIPp UAC and its probe.
    public let party: SIPpParty

    /// Places the call: INVITE sip:`number`@`domain` to 127.0.0.1:`kefuPort` from `caller`,
    /// PCMU and telephone-event 101 at the probe, which sends `tone` Hz and counts `listensFor`.
    public init(
        number: String, caller: String, domain: String, kefuPort: Int, behaviour: Behaviour,
        tone: Int, listensFor: [Int], fixtures: String, directory: String
    ) throws {
        self.number = number
        self.caller = caller
        let probe = try RTPProbe(toneFrequency: tone, listensFor: listensFor)
        do {
            party = try SIPpParty(
                name: "caller \(caller)", scenario: SIPpScenario.fill(fixtures + "/" + behaviour.scenario, values: behaviour.values),
                arguments: ["127.0.0.1:\(kefuPort)", "-s", number, "-m", "1", "-l", "1",
                            "-set", "domain", domain, "-set", "caller", caller, "-set", "rtp_port", String(probe.port)],
                directory: directory + "/caller-\(caller)-\(UUID().uuidString.prefix(8))", probe: probe)
        } catch {
            probe.stop()
            throw error
        }
    }

    /// The caller's media end.
    public var probe: RTPProbe { party.probe }

    /// Waits until kefu sends audio (a prompt: the call was answered and the IVR speaks).
    public func waitForAudio(timeout: Duration) async -> Bool {
        await probe.wait(timeout: timeout) { $0.audio.loud > 0 }
    }

    /// Sends `digits` as RFC 4733 events and waits until they are all out.
    public func press(_ digits: String, timeout: Duration = .seconds(10)) async -> Bool {
        let before = probe.statistics.digitsSent.count
        probe.send(digits: digits)
        return await probe.wait(timeout: timeout) { $0.digitsSent.count >= before + digits.count }
    }

    /// Waits for the call to end (at most `timeout`) and returns SIPp's outcome.
    public func finish(timeout: Duration) async -> SIPpParty.Outcome {
        await party.finish(timeout: timeout)
    }
}
