// How the API shows an agent and an agent state.

import ACD
import CallCenter
import Foundation

/// An agent state as JSON: `{"kind": "not_ready", "reason": "rest"}`.
struct AgentStateBody: Encodable, Sendable, Equatable {
    var kind: String
    var reason: String?

    init(_ state: AgentState) {
        switch state {
        case .signedOut: kind = "signed_out"
        case .ready: kind = "ready"
        case .notReady(let reason): kind = "not_ready"; self.reason = reason.rawValue
        case .reserved: kind = "reserved"
        case .busy: kind = "busy"
        case .wrapUp: kind = "wrap_up"
        }
    }

    /// Every kind, as `/metrics` labels them.
    static let allKinds = ["signed_out", "ready", "not_ready", "reserved", "busy", "wrap_up"]
}

/// An agent with its live state.
struct AgentSummary: Encodable, Sendable {
    var id: String
    var workNumber: String
    var name: String
    var extensionNumber: String
    var teamId: String?
    var siteId: String?
    var partnerId: String?
    var queues: [String]
    var state: AgentStateBody
    /// When the agent entered the state (nil: signed out and not seen since kefu started).
    var stateSince: Date?

    /// The agent as `record` describes it, in its state on `board` now.
    init(_ record: AgentRecord, board: AgentBoard, tenant: String) {
        let (state, since) = board.stateAndSince(agent: record.id, tenant: tenant)
        self.init(record, state: state)
        stateSince = since
    }

    init(_ record: AgentRecord, state: AgentState) {
        id = record.id
        workNumber = record.workNumber
        name = record.name
        extensionNumber = record.extensionNumber
        teamId = record.teamID
        siteId = record.siteID
        partnerId = record.partnerID
        queues = record.queues.map(\.queue)
        self.state = AgentStateBody(state)
    }
}
