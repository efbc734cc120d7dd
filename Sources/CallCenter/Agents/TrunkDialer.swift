// Places outgoing legs through a tenant's carrier trunks: transfers to external numbers and
// PC+Phone agents (座席 on a mobile or landline), with digest auth, a caller ID from the
// tenant's outbound-enabled numbers, and failover to the next gateway.

import Logging
import Media
import NIOCore
import SIP
import SIPStack

/// Why no trunk leg could be placed.
struct TrunkUnavailable: Error, CustomStringConvertible {
    var description: String
}

/// Rings external numbers through trunks.
enum TrunkDialer {
    /// The caller ID an outgoing leg presents: the caller's own number when the tenant may
    /// not present one of its numbers, else the first outbound-enabled access number. An
    /// access number whose outbound flag is off is never presented.
    static func callerID(for tenant: TenantRuntime, caller: String) -> String {
        tenant.record.outboundCallerIDs.first ?? caller
    }

    /// The trunks and gateways that take `number`, in failover order. A trunk with no
    /// allowed prefixes takes nothing (toll-fraud guard, as the store documents it).
    static func routes(for number: String, tenant: TenantRuntime) -> [(trunk: TrunkRecord, host: String, port: Int)] {
        tenant.record.trunks
            .filter { trunk in trunk.allowedPrefixes.contains { number.hasPrefix($0) } }
            .flatMap { trunk in trunk.addresses.map { (trunk, $0.host, $0.port) } }
    }

    /// Places a leg to `number` through the first gateway that takes it; tries the next
    /// gateway when one fails before answering with a server or network error. `callerID`
    /// is a number the server already checked (click-to-dial); nil picks ``callerID(for:caller:)``.
    static func dial(
        _ number: String, tenant: TenantRuntime, caller: String, callerID chosen: String? = nil, callID: String, near: MediaLeg?,
        context: CallPathContext
    ) async throws -> AgentLegPlacement {
        let routes = routes(for: number, tenant: tenant)
        guard !routes.isEmpty else { throw TrunkUnavailable(description: "no outbound trunk takes \(number)") }
        var lastError: any Error = TrunkUnavailable(description: "no gateway answered")
        for route in routes {
            guard let address = try? SocketAddress(ipAddress: route.host, port: route.port) else {
                lastError = TrunkUnavailable(description: "gateway \(route.host) is not an IP address")
                continue
            }
            let metadata: Logger.Metadata = ["tenant": "\(tenant.id)", "call": "\(callID)", "trunk": "\(route.trunk.name)"]
            let (media, offer) = try await LegMedia.offering(
                engine: context.media, near: near, sessionID: UInt64.random(in: 1...UInt64(Int64.max)),
                rtpTimeoutMilliseconds: context.settings.rtpTimeoutMilliseconds, metadata: metadata)
            let transport: SIPTransportProtocol = route.trunk.transport == "tcp" ? .tcp : .udp
            let host = route.host.contains(":") ? "[\(route.host)]" : route.host
            let from = NameAddress(uri: SIPURI(user: chosen ?? callerID(for: tenant, caller: caller), host: tenant.record.sipDomain))
            var options = SIPCallOptions(
                requestURI: SIPURI(user: number, host: host, port: UInt16(route.port)), from: from, sdp: offer,
                destination: SIPDestination(transport: transport, address: address))
            if let credentials = route.trunk.credentials {
                options.credentials = SIPClientCredentials(username: credentials.username, ha1: credentials.ha1, realm: credentials.realm)
            }
            do {
                let call = try await context.userAgent.invite(options)
                return AgentLegPlacement(call: call, media: media)
            } catch {
                await media.leg.release()
                lastError = error
                context.logger.notice("trunk gateway failed", metadata: metadata.merging(["error": "\(error)"]) { first, _ in first })
            }
        }
        throw lastError
    }
}
