// Which of a tenant's inbound trunks a call came from, and whether its identity is believed.

import NIOCore
import SIPStack

extension TenantRuntime {
    /// The inbound trunk whose gateway sent a request from `source`: over UDP the host and
    /// port must both match (carriers send from the port they listen on), over TCP the host
    /// (the source port is ephemeral). Nil for anyone else (a caller, a phone, a scanner).
    func inboundTrunk(from source: SIPDestination) -> InboundTrunkRecord? {
        guard let host = source.address.ipAddress, let port = source.address.port else { return nil }
        let isTCP = source.transport == .tcp
        return record.inboundTrunks.first { trunk in
            (trunk.transport == "tcp") == isTCP
                && trunk.addresses.contains { $0.host == host && (isTCP || $0.port == port) }
        }
    }

    /// Whether a call from `source` carries an identity the platform believes: it came from
    /// an inbound trunk marked trusted.
    func trustsIdentity(from source: SIPDestination) -> Bool {
        inboundTrunk(from: source)?.trusted ?? false
    }
}
