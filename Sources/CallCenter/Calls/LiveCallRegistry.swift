// The calls in progress that the call bar and the supervisor board can act on: each
// session registers itself while it runs, keyed by tenant and call id.

import Foundation
import Synchronization

/// A live call as the call bar shows it.
public struct LiveCallView: Sendable, Hashable, Codable {
    /// The call id (the customer leg's SIP Call-ID, as on `/api/v1/events`).
    public var callID: String
    public var tenantID: String
    /// `inbound`, `outbound` (click-to-dial) or `internal` (between two agents' extensions).
    public var direction: String
    /// The customer's number (unmasked; the API masks it for agents).
    public var caller: String
    public var called: String
    /// `ivr`, `queued`, `ringing`, `dialing`, `talking`, `held`, `consulting`, `transferring`,
    /// `conference`, `survey`, `ended`.
    public var phase: String
    /// The agent talking with the caller (store id).
    public var agentID: String?
    /// Whether the caller hears music on hold.
    public var held: Bool
    /// Whether the caller no longer hears the agent.
    public var muted: Bool
    /// The consulted party (`agent:1002`, `external:138…`) and `ringing` or `talking`.
    public var consultTarget: String?
    public var consultState: String?
    /// The supervisor's agent id and mode, while one listens, whispers or barges.
    public var supervisorAgentID: String?
    public var supervisionMode: String?
    public var arrivedAt: Date
    public var answeredAt: Date?
}

/// A call session the registry can ask for its view and hand commands to.
protocol ControllableCall: Actor {
    /// The call as it stands.
    func view() -> LiveCallView
    /// Whether `agentID` is one of the call's agents (talking, consulted or supervising).
    func involves(agent agentID: String) -> Bool
    /// Carries out `command` (the requester's rights are already checked).
    func perform(_ command: CallControlCommand, requester: CallControlRequester) async throws(CallControlRefusal)
}

/// The calls in progress, by tenant and call id.
final class LiveCallRegistry: Sendable {
    private let calls = Mutex<[String: any ControllableCall]>([:])

    private static func key(_ tenant: String, _ callID: String) -> String { tenant + "\u{0}" + callID }

    func add(_ call: any ControllableCall, tenant: String, callID: String) {
        calls.withLock { $0[Self.key(tenant, callID)] = call }
    }

    func remove(tenant: String, callID: String) {
        _ = calls.withLock { $0.removeValue(forKey: Self.key(tenant, callID)) }
    }

    func call(_ callID: String, tenant: String) -> (any ControllableCall)? {
        calls.withLock { $0[Self.key(tenant, callID)] }
    }

    func calls(tenant: String) -> [any ControllableCall] {
        let prefix = tenant + "\u{0}"
        return calls.withLock { table in table.filter { $0.key.hasPrefix(prefix) }.map(\.value) }
    }
}
