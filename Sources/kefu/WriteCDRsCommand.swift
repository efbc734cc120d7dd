// A hidden command that writes batches of CDRs and reports each commit: the child process
// the store's crash-safety test kills in the middle of its writes.
import ArgumentParser
import Foundation
import Store

struct WriteCDRsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "_write-cdrs",
        abstract: "Write CDRs in batches, printing each committed batch (for crash tests).",
        shouldDisplay: false
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "CDRs to write in all.")
    var count = 100_000

    @Option(help: "CDRs per transaction.")
    var batch = 50

    @Option(help: "Code of the tenant to write for (created when missing); call ids start with it.")
    var tenant = "crash"

    func run() async throws {
        let opened = try await Store.open(try store.configuration())
        let tenantID: TenantID
        if let existing = try await opened.tenants.find(code: tenant) {
            tenantID = existing.id
        } else {
            tenantID = try await opened.tenants.create(TenantDefinition(
                code: tenant, name: "Crash test", timeZone: "UTC", sipDomain: "\(tenant).kefu.test")).id
        }
        let start = Date()
        var written = 0
        while written < count {
            let size = min(batch, count - written)
            let records = (written..<written + size).map { index in
                (tenant: tenantID, record: CallDetailRecord(
                    callID: "\(tenant)-\(index)", callerNumber: "1380000\(String(format: "%04d", index % 10_000))",
                    calledNumber: "4001234567", arrivedAt: start, endedAt: start.addingTimeInterval(60),
                    hungUpBy: .caller, disposition: .abandoned,
                    legs: [CallLeg(sequence: 1, kind: .customer, number: "4001234567", startedAt: start, answeredAt: start,
                                   endedAt: start.addingTimeInterval(60), outcome: .answered)]))
            }
            try await opened.callDetailRecords.appendBatch(records)
            written += size
            // Only after the commit returned: the parent counts on every line it read.
            FileHandle.standardOutput.write(Data("committed \(written)\n".utf8))
        }
        await opened.close()
    }
}
