// Call records and recordings written straight into the fixture's store, as the call path
// would leave them after a call (with the agent's team, site and partner at call time).

import Foundation
import Store

extension ServerFixture {
    /// A finished, answered call of `agent` (work number) in tenant `code`, with a recording
    /// file of `audioBytes` bytes under the data directory; returns the CDR and recording ids.
    @discardableResult
    func seedCall(
        agent workNumber: String, in code: String = "demo", caller: String = "13800138000", arrivedAt: Date,
        disposition: CallDisposition = .answered, audioBytes: Int = 4_000
    ) async throws -> (record: CallDetailRecordID, recording: RecordingID) {
        let tenant = code == "demo" ? demo : beta
        let agentID = AgentID(rawValue: agent(workNumber, in: code))
        let stored = try await store.agents.get(tenant, agentID)
        let team = try await store.organization.teams(tenant).first { $0.id == stored.teamID }
        let callID = "call-\(UUID().uuidString)"
        let recordingID = RecordingID.generate()
        let path = "recordings/\(tenant.rawValue)/\(recordingID.rawValue).wav"
        let file = directory.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data((0..<audioBytes).map { UInt8(truncatingIfNeeded: $0) }).write(to: file)
        let recording = Recording(id: recordingID, callID: callID, path: path, durationMilliseconds: 500, sizeBytes: audioBytes, startedAt: arrivedAt)
        let record = CallDetailRecord(
            callID: callID, callerNumber: caller, calledNumber: "4001234567", arrivedAt: arrivedAt,
            answeredAt: arrivedAt.addingTimeInterval(5), endedAt: arrivedAt.addingTimeInterval(65), agentID: agentID,
            agentWorkNumber: workNumber, teamID: stored.teamID, siteID: stored.siteID ?? team?.siteID,
            partnerID: stored.partnerID ?? team?.partnerID, hungUpBy: .caller, disposition: disposition, recordingID: recordingID,
            legs: [CallLeg(sequence: 0, kind: .customer, number: caller, startedAt: arrivedAt, answeredAt: arrivedAt,
                           endedAt: arrivedAt.addingTimeInterval(65), outcome: .answered),
                   CallLeg(sequence: 1, kind: .agent, agentID: agentID, startedAt: arrivedAt.addingTimeInterval(3),
                           answeredAt: arrivedAt.addingTimeInterval(5), endedAt: arrivedAt.addingTimeInterval(65), outcome: .answered)])
        let id = try await store.callDetailRecords.append(tenant, record, recording: recording)
        return (id, recordingID)
    }
}
