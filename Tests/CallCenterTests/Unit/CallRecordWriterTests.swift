// Call detail records written by calls that end at the same moment: every one stored with its
// legs and recording, and one that cannot be stored costs only itself.

import Foundation
import Logging
import Store
import Testing
@testable import CallCenter

@Suite struct CallRecordWriterTests {
    @Test("CDRs of calls that end together are all stored, each with its agent leg and recording")
    func concurrentRecords() async throws {
        try await withProvisionedStore { store, tenant, agent in
            let writer = CallRecordWriter(store: store, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
            let summaries = (0..<40).map { Self.summary(tenant: tenant, agent: agent, call: "burst-\($0)") }
            await withTaskGroup(of: Void.self) { group in
                for summary in summaries { group.addTask { await writer.write(summary) } }
            }
            for summary in summaries {
                let record = try #require(try await store.callDetailRecords.find(tenant.id, callID: summary.callID))
                #expect(record.legs.count == 2)
                #expect(record.legs.last?.agentID == agent.id)
                #expect(record.agentID == agent.id)
                let recordings = try await store.recordings.forCall(tenant.id, callID: summary.callID)
                #expect(recordings.map(\.path) == ["recordings/\(summary.callID).wav"])
                #expect(record.recordingID == recordings.first?.id)
            }
        }
    }

    @Test("a CDR the store refuses (a second one for the same call) does not lose the others written with it")
    func refusedRecord() async throws {
        try await withProvisionedStore { store, tenant, agent in
            let writer = CallRecordWriter(store: store, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
            await writer.write(Self.summary(tenant: tenant, agent: agent, call: "twice"))
            var summaries = (0..<20).map { Self.summary(tenant: tenant, agent: agent, call: "others-\($0)") }
            summaries.insert(Self.summary(tenant: tenant, agent: agent, call: "twice", caller: "13900000000"), at: 10)
            await withTaskGroup(of: Void.self) { group in
                for summary in summaries { group.addTask { await writer.write(summary) } }
            }
            for index in 0..<20 {
                #expect(try await store.callDetailRecords.find(tenant.id, callID: "others-\(index)") != nil)
            }
            let first = try #require(try await store.callDetailRecords.find(tenant.id, callID: "twice"))
            #expect(first.callerNumber == "13800000000")
        }
    }

    @Test("recordings go into the China-time day folder, also just after midnight in Shanghai", arguments: [
        (1_795_276_799.0, "2026-11-21"), (1_795_276_800.0, "2026-11-22"), (1_795_305_600.0, "2026-11-22"),
    ])
    func recordingDay(seconds: Double, folder: String) {
        #expect(RecordingDay.folderName(for: Date(timeIntervalSince1970: seconds)) == folder)
    }

    static func summary(tenant: Tenant, agent: Agent, call: String, caller: String = "13800000000") -> CallSummary {
        let start = Date(timeIntervalSince1970: 1_795_300_000)
        var summary = CallSummary(tenantID: tenant.id.rawValue, callID: call, callerNumber: caller, calledNumber: "4001234567", arrivedAt: start)
        summary.customerLegAnswered = start
        summary.answeredAt = start.addingTimeInterval(1)
        summary.endedAt = start.addingTimeInterval(3)
        summary.disposition = .answered
        summary.hungUpBy = .agent
        summary.agentID = agent.id.rawValue
        summary.agentWorkNumber = agent.workNumber
        summary.legs = [CallSummary.Leg(
            agentID: agent.id.rawValue, number: agent.extensionNumber, startedAt: start, answeredAt: start.addingTimeInterval(1), outcome: "answered")]
        summary.recording = ("recordings/\(call).wav", 2000, 64_044, start.addingTimeInterval(1))
        return summary
    }

    /// A fresh SQLite store with the demo tenant provisioned, and one of its agents.
    func withProvisionedStore(_ body: (Store, Tenant, Agent) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-cdr-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try TestTenant.demo().write(to: directory)
        var configuration = StoreConfiguration(backend: .sqlite(path: directory + "/kefu.sqlite"))
        configuration.passwordCost = 4
        let store = try await Store.open(configuration)
        do {
            _ = try await Provisioner(store: store, options: ProvisioningOptions(dataDirectory: directory))
                .apply(try ProvisioningDocument.load(contentsOf: URL(fileURLWithPath: path)))
            let tenant = try #require(try await store.tenants.find(code: TestTenant.code))
            let agent = try #require(try await store.agents.list(tenant.id).first)
            try await body(store, tenant, agent)
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }
}
