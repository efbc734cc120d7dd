// The calls in progress, per tenant, as the event bus tells them: the wallboard's and the
// event stream's snapshot, the screen pop's caller number, and the metrics' call count.

import CallCenter
import Foundation
import Synchronization

/// A call in progress as the API shows it.
public struct LiveCall: Sendable, Hashable, Codable {
    /// The call's id (SIP Call-ID of the customer leg).
    public var callID: String
    /// The tenant's id.
    public var tenantID: String
    /// The caller's number, unmasked (mask before showing it to an agent).
    public var caller: String
    /// The number dialled.
    public var called: String
    /// `arrived`, `queued`, `offered`, `answered`, `held`.
    public var phase: String
    /// The queue's name, once queued.
    public var queue: String?
    /// The agent (store id) offered or talking.
    public var agentID: String?
    /// When the call arrived.
    public var arrivedAt: Date
    /// The IVR data for the screen pop (what the caller keyed, what lookups found).
    public var data: [String: String]? = nil
}

/// Follows the event bus and keeps every call between `call.arrived` and `call.ended`.
public final class LiveCalls: Sendable {
    private let calls = Mutex<[String: LiveCall]>([:])

    /// An empty table.
    public init() {}

    /// Applies one event; returns the call as it stands after it (nil once it ended).
    @discardableResult
    public func apply(_ event: CallCenterEvent) -> LiveCall? {
        guard let callID = event.callID else { return nil }
        let key = event.tenantID + "\u{0}" + callID
        return calls.withLock { table -> LiveCall? in
            switch event.kind {
            case .callArrived:
                let call = LiveCall(
                    callID: callID, tenantID: event.tenantID, caller: event.details["caller"] ?? "",
                    called: event.details["called"] ?? "", phase: "arrived", queue: nil, agentID: nil, arrivedAt: event.at)
                table[key] = call
                return call
            case .callEnded, .callRejected:
                return table.removeValue(forKey: key)
            case .callQueued, .callOffered, .callAnswered, .callResumed, .callHeld, .callTransferred,
                 .callConsulting, .callConferenced, .callSupervised, .callMuted, .callUnmuted:
                guard var call = table[key] else { return nil }
                Self.update(&call, with: event)
                table[key] = call
                return call
            case .agentStateChanged, .agentDeviceChanged, .agentLimitBreached:
                return table[key]
            }
        }
    }

    /// The `data.<name>` details of an event as a dictionary, nil when it carries none.
    static func screenPopData(_ event: CallCenterEvent) -> [String: String]? {
        var data: [String: String] = [:]
        for (key, value) in event.details where key.hasPrefix("data.") { data[String(key.dropFirst(5))] = value }
        return data.isEmpty ? nil : data
    }

    private static func update(_ call: inout LiveCall, with event: CallCenterEvent) {
        switch event.kind {
        case .callQueued:
            call.phase = "queued"
            call.queue = event.details["queue"] ?? call.queue
            call.data = screenPopData(event) ?? call.data
        case .callOffered:
            call.phase = "offered"
            call.agentID = event.agentID
            call.queue = event.details["queue"] ?? call.queue
            call.data = screenPopData(event) ?? call.data
        case .callAnswered, .callResumed:
            call.phase = "answered"
            call.agentID = event.agentID ?? call.agentID
        case .callHeld:
            call.phase = "held"
        case .callTransferred:
            call.phase = "transferring"
            call.agentID = event.agentID ?? call.agentID
        case .callConsulting:
            call.phase = event.details["state"] == "talking" || event.details["state"] == "ringing" ? "consulting" : "answered"
        case .callConferenced:
            call.phase = "conference"
        default:
            break
        }
    }

    /// The call, if in progress.
    public func call(_ callID: String, tenant: String) -> LiveCall? {
        calls.withLock { $0[tenant + "\u{0}" + callID] }
    }

    /// The tenant's calls in progress, oldest first.
    public func calls(tenant: String) -> [LiveCall] {
        calls.withLock { table in table.values.filter { $0.tenantID == tenant } }.sorted { $0.arrivedAt < $1.arrivedAt }
    }

    /// Every call in progress, of every tenant.
    public func all() -> [LiveCall] {
        calls.withLock { Array($0.values) }
    }

    /// Calls in progress per tenant id.
    public func countsByTenant() -> [String: Int] {
        calls.withLock { table in
            var counts: [String: Int] = [:]
            for call in table.values { counts[call.tenantID, default: 0] += 1 }
            return counts
        }
    }
}
