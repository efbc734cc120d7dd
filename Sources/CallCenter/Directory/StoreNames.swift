// Names for the Store module's types that clash with ACD's and IVR's (AgentID, QueueID,
// TenantID, Prompt, JSONValue): this file imports only Store, so the aliases are unambiguous.

import Store

/// A tenant's id in the store.
typealias StoredTenantID = TenantID
/// An agent's id in the store.
typealias StoredAgentID = AgentID
/// A queue's id in the store.
typealias StoredQueueID = QueueID
/// A stored agent.
typealias StoredAgent = Agent
/// A stored queue.
typealias StoredQueue = Queue
/// A stored tenant.
typealias StoredTenant = Tenant
/// A JSON document as the store keeps it.
typealias StoredJSON = JSONValue
/// An access number as the store keeps it.
typealias StoredAccessNumber = AccessNumber
/// A call detail record as the store keeps it.
typealias StoredCallRecord = CallDetailRecord
/// A leg of a call detail record.
typealias StoredCallLeg = CallLeg
/// A stored trunk.
typealias StoredTrunk = Trunk
