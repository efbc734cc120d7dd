// Writes a finished call's detail record (话单) with its legs and recording, in one
// transaction (shared with the records of calls that ended at the same time).

import Foundation
import Logging
import Store

/// Turns ``CallSummary`` values into stored call detail records.
public struct CallRecordWriter: Sendable {
    let store: Store
    let logger: Logger
    private let committer: CallRecordCommitter

    /// A writer on `store`.
    public init(store: Store, logger: Logger) {
        self.store = store
        self.logger = logger
        self.committer = CallRecordCommitter(store: store, logger: logger)
    }

    /// Writes `summary`; a failure is logged with the call id, never thrown at the call.
    public func write(_ summary: CallSummary) async {
        let tenant = StoredTenantID(rawValue: summary.tenantID)
        let endedAt = summary.endedAt ?? Date()
        var legs = [CallLeg(
            sequence: 0, kind: .customer, number: summary.callerNumber, sipCallID: summary.callID,
            startedAt: summary.arrivedAt, answeredAt: summary.customerLegAnswered, endedAt: endedAt,
            outcome: summary.customerLegAnswered == nil ? .rejected : .answered)]
        for (index, leg) in summary.legs.enumerated() {
            legs.append(CallLeg(
                sequence: index + 1, kind: leg.kind.flatMap(CallLegKind.init(rawValue:)) ?? (leg.agentID == nil ? .external : .agent),
                agentID: leg.agentID.map { StoredAgentID(rawValue: $0) }, number: leg.number, sipCallID: leg.sipCallID,
                startedAt: leg.startedAt, answeredAt: leg.answeredAt, endedAt: leg.endedAt ?? endedAt,
                outcome: CallLegOutcome(rawValue: leg.outcome) ?? .failed, sipStatus: leg.sipStatus,
                holdCount: leg.holdCount, holdMilliseconds: leg.holdMilliseconds))
        }
        var recording: Recording?
        if let file = summary.recording {
            recording = Recording(
                callID: summary.callID, path: file.path, durationMilliseconds: file.durationMilliseconds,
                sizeBytes: file.sizeBytes, startedAt: file.startedAt)
        }
        let record = CallDetailRecord(
            callID: summary.callID, direction: CallDirection(rawValue: summary.direction) ?? .inbound, callerNumber: summary.callerNumber,
            callerHidden: summary.callerHidden, calledNumber: summary.calledNumber, accessNumberID: summary.accessNumberID.map { AccessNumberID(rawValue: $0) },
            arrivedAt: summary.arrivedAt, ivrStartedAt: summary.ivrStartedAt, enqueuedAt: summary.enqueuedAt,
            offeredAt: summary.offeredAt, answeredAt: summary.answeredAt, endedAt: endedAt,
            queueID: summary.queueID.map { StoredQueueID(rawValue: $0) }, agentID: summary.agentID.map { StoredAgentID(rawValue: $0) },
            agentWorkNumber: summary.agentWorkNumber, teamID: summary.teamID.map { TeamID(rawValue: $0) },
            siteID: summary.siteID.map { SiteID(rawValue: $0) }, partnerID: summary.partnerID.map { PartnerID(rawValue: $0) },
            hungUpBy: HangupParty(rawValue: summary.hungUpBy.rawValue) ?? .system,
            disposition: Self.disposition(summary.disposition), surveyScore: summary.surveyScore, recordingID: recording?.id,
            forwardCount: summary.forwardCount,
            diversions: summary.forwardings.map {
                DiversionEntry(number: $0.number, reason: $0.reason, source: $0.source == .diversion ? .diversion : .historyInfo)
            },
            callData: summary.callData, legs: legs)
        await committer.commit(CallRecordCommitter.Entry(tenant: tenant, record: record, recording: recording))
    }

    /// Queues an SMS in the durable outbox (the SMS dispatcher sends it); false when the
    /// store refused it. Never waits for a gateway.
    @discardableResult
    public func queueSMS(tenant: String, to: String, from: String?, body: String, purpose: String, callID: String?) async -> Bool {
        let draft = SMSDraft(to: to, from: from, body: body, purpose: purpose, callID: callID)
        do {
            _ = try await store.smsOutbox.enqueue(StoredTenantID(rawValue: tenant), draft)
            return true
        } catch {
            logger.error("queueing an SMS failed", metadata: ["tenant": "\(tenant)", "call": "\(draft.callID ?? "-")", "error": "\(error)"])
            return false
        }
    }

    /// Records a caller's callback request (预约回电) for `queue`; returns its id, nil when
    /// refused.
    @discardableResult
    public func requestCallback(tenant: String, queue: String, number: String, callID: String) async -> String? {
        do {
            return try await store.callbacks.request(
                StoredTenantID(rawValue: tenant), CallbackDraft(queueID: StoredQueueID(rawValue: queue), number: number, callID: callID)
            ).id.rawValue
        } catch {
            logger.notice("callback request refused", metadata: ["tenant": "\(tenant)", "call": "\(callID)", "error": "\(error)"])
            return nil
        }
    }

    /// Marks callback request `id` completed (the customer was reached by `agent`) or failed
    /// for good (`no_answer`): the call path makes one attempt, when an agent is free.
    public func finishCallback(tenant: String, id: String, agent: String?, reached: Bool) async {
        let tenantID = StoredTenantID(rawValue: tenant)
        let requestID = CallbackRequestID(rawValue: id)
        let agentID = agent.map { StoredAgentID(rawValue: $0) }
        do {
            if reached {
                try await store.callbacks.markCompleted(tenantID, requestID, agent: agentID)
            } else {
                try await store.callbacks.markFailed(tenantID, requestID, outcome: "no_answer", agent: agentID, retryAt: nil)
            }
        } catch {
            logger.error("callback request not updated", metadata: ["tenant": "\(tenant)", "callback": "\(id)", "error": "\(error)"])
        }
    }

    private static func disposition(_ value: CallSummary.Disposition) -> CallDisposition {
        switch value {
        case .answered: .answered
        case .abandoned: .abandoned
        case .rejected: .rejected
        case .voicemail: .voicemail
        case .selfService: .selfService
        case .notAnswered: .notAnswered
        case .forwarded: .forwarded
        case .callbackRequested: .callbackRequested
        case .failed: .failed
        }
    }
}
