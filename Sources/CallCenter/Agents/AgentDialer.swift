// Places the INVITE that rings an agent's softphone for an offer: finds the phone's
// registration, offers media next to the caller's leg, shows the caller and queue; a PC+Phone
// agent without a registered softphone is rung on their phone number through a trunk.

import Logging
import Media
import NIOCore
import SIP
import SIPStack

/// Why an agent's phone could not be rung.
struct AgentUnreachable: Error, CustomStringConvertible {
    var description: String
}

/// A ringing (or answered) leg towards an agent.
struct AgentLegPlacement: Sendable {
    let call: SIPCall
    var media: LegMedia
}

/// Rings agents' phones.
enum AgentDialer {
    /// The phone's current registration and where to send to reach it: the Contact when it
    /// names the address the phone registered from (no NAT between), else that source address.
    static func target(of binding: RegistrarBinding) -> (uri: SIPURI, destination: SIPDestination?)? {
        guard let uri = binding.contact.uri.sipURI else { return nil }
        if uri.host == binding.sourceAddress, let port = uri.port,
           let address = try? SocketAddress(ipAddress: uri.host, port: Int(port))
        {
            return (uri, SIPDestination(transport: binding.sourceTransport, address: address))
        }
        return (uri, SIPUserAgent.destination(of: binding))
    }

    /// Rings `agent` for a call from `caller` waiting in `queueName`; `autoAnswer` asks the
    /// phone to answer at once even when the agent did not enable it (the call bar's answer).
    static func ring(
        agent: AgentRecord, tenant: TenantRuntime, caller: String, queueName: String, callID: String,
        near: MediaLeg?, context: CallPathContext, autoAnswer: Bool = false
    ) async throws -> AgentLegPlacement {
        guard let binding = await context.userAgent.bindings(of: agent.extensionNumber, realm: tenant.record.sipDomain).first,
              let target = target(of: binding)
        else {
            // PC+Phone: an agent working on a mobile or landline is rung through the trunk.
            if let phone = agent.pcPhoneNumber, !phone.isEmpty {
                return try await TrunkDialer.dial(phone, tenant: tenant, caller: caller, callID: callID, near: near, context: context)
            }
            throw AgentUnreachable(description: "extension \(agent.extensionNumber) is not registered")
        }
        let metadata: Logger.Metadata = ["tenant": "\(tenant.id)", "call": "\(callID)", "agent": "\(agent.id)"]
        let (media, offer) = try await LegMedia.offering(
            engine: context.media, near: near, sessionID: UInt64.random(in: 1...UInt64(Int64.max)),
            rtpTimeoutMilliseconds: context.settings.rtpTimeoutMilliseconds, metadata: metadata)
        var headers = SIPHeaders()
        headers.add("X-Kefu-Queue", queueName)
        headers.add("X-Kefu-Call-ID", callID)
        if agent.autoAnswer || autoAnswer {
            headers.add("Call-Info", "<sip:\(target.uri.host)>;answer-after=0")
            headers.add("Alert-Info", "<http://127.0.0.1/>;info=alert-autoanswer")
        }
        let display = "\(caller) \(queueName)"
        let from = NameAddress(displayName: display, uri: SIPURI(user: caller.isEmpty ? "anonymous" : caller, host: tenant.record.sipDomain))
        let options = SIPCallOptions(
            requestURI: target.uri, from: from,
            to: NameAddress(uri: SIPURI(user: agent.extensionNumber, host: tenant.record.sipDomain)),
            sdp: offer, headers: headers, destination: target.destination)
        do {
            let call = try await context.userAgent.invite(options)
            return AgentLegPlacement(call: call, media: media)
        } catch {
            await media.leg.release()
            throw error
        }
    }
}
