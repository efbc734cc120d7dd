// Crash safety: a child process writing batches of CDRs is killed (SIGKILL) in the middle
// of its writes; the database must open cleanly with every committed batch intact and no
// part of an uncommitted one.
import Foundation
import Synchronization
import Testing
@testable import Store

@Suite struct CrashSafetyTests {
    static let batch = 50

    @Test("a writer killed mid-batch leaves every committed CDR and no half batch", .timeLimit(.minutes(2)), arguments: TestBackend.all)
    func killedWriter(backend: TestBackend) async throws {
        let kefu = try #require(Self.kefuExecutable(), "the kefu executable is missing next to the test bundle: run swift build --build-tests")
        let database = try await TestDatabase.open(backend)
        let tenantCode = "crash-\(UUID().uuidString.prefix(8).lowercased())"
        var arguments = ["_write-cdrs", "--count", "1000000", "--batch", String(Self.batch), "--tenant", tenantCode,
                         "--data-dir", database.directory.path]
        if backend == .postgres, let url = TestBackend.postgresURL { arguments += ["--database-url", url] }
        await database.store.close()

        let child = Process()
        child.executableURL = kefu
        child.arguments = arguments
        let output = Pipe()
        child.standardOutput = output
        child.standardError = FileHandle.nullDevice
        let lines = LineReader(output.fileHandleForReading)
        try child.run()

        // Let it commit a few batches, then kill it while it writes the next one.
        var committed = 0
        while committed < 10 * Self.batch, let line = await lines.next(timeout: .seconds(60)) {
            committed = Int(line.split(separator: " ").last ?? "") ?? committed
        }
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        // Lines already in the pipe were printed after their commit: they count too.
        while let line = await lines.next(timeout: .seconds(5)) {
            committed = Int(line.split(separator: " ").last ?? "") ?? committed
        }
        #expect(child.terminationReason == .uncaughtSignal, "the writer was killed, not finished")
        #expect(committed >= 10 * Self.batch, "the writer committed batches before it was killed")

        // Open the database as the next start of Kefu would (the child wrote to the
        // default schema when on PostgreSQL).
        var configuration = database.configuration
        configuration.postgresSchema = nil
        let reopened = try await Store.open(configuration)
        do {
            try await Self.verify(reopened, backend: backend, tenantCode: tenantCode, committed: committed)
        } catch {
            await reopened.close()
            await database.close()
            throw error
        }
        await reopened.close()
        await database.close()
    }

    static func verify(_ store: Store, backend: TestBackend, tenantCode: String, committed: Int) async throws {
        if backend == .sqlite {
            #expect(try await store.queryRaw("PRAGMA integrity_check") == ["ok"])
        }
        let tenant = try #require(try await store.tenants.find(code: tenantCode))
        let stored = try await store.callDetailRecords.count(tenant.id)
        #expect(stored >= committed, "every committed CDR survived")
        #expect(stored % batch == 0, "no batch was half written: \(stored) CDRs")
        let ids = (0..<committed).map { "'\(tenantCode)-\($0)'" }.joined(separator: ",")
        let present = try await store.queryRaw(
            "SELECT COUNT(*) FROM call_detail_records WHERE tenant_id = '\(tenant.id.rawValue)' AND call_id IN (\(ids))")
        #expect(present == [String(committed)], "each reported CDR is there by its call id")
        let legs = try await store.queryRaw("SELECT COUNT(*) FROM call_legs WHERE tenant_id = '\(tenant.id.rawValue)'")
        #expect(legs == [String(stored)], "every CDR has its leg and no leg lost its CDR")
        // And the database takes writes again.
        try await store.callDetailRecords.append(tenant.id, CallDetailRecord(
            callID: "after-crash", callerNumber: "13800000000", calledNumber: "4001234567", arrivedAt: Date(),
            endedAt: Date(), hungUpBy: .caller, disposition: .abandoned))
    }

    /// The `kefu` executable built beside the test bundle.
    static func kefuExecutable() -> URL? {
        let url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        for directory in [url.deletingLastPathComponent(), url.deletingLastPathComponent().deletingLastPathComponent()] {
            let candidate = directory.appendingPathComponent("kefu")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}

/// Lines from a pipe as they arrive, with a bounded wait for each.
final class LineReader: Sendable {
    private struct State {
        var lines: [String] = []
        var partial = Data()
        var finished = false
        var waiter: (id: Int, continuation: CheckedContinuation<String?, Never>)?
        var nextID = 0
    }

    private let state = Mutex(State())

    init(_ handle: FileHandle) {
        handle.readabilityHandler = { [self] handle in
            let data = handle.availableData
            let wake: (CheckedContinuation<String?, Never>, String?)? = self.state.withLock { state in
                if data.isEmpty {
                    handle.readabilityHandler = nil
                    state.finished = true
                } else {
                    state.partial.append(data)
                    while let newline = state.partial.firstIndex(of: UInt8(ascii: "\n")) {
                        state.lines.append(String(decoding: state.partial[state.partial.startIndex..<newline], as: UTF8.self))
                        state.partial.removeSubrange(state.partial.startIndex...newline)
                    }
                }
                guard let waiter = state.waiter, !state.lines.isEmpty || state.finished else { return nil }
                state.waiter = nil
                return (waiter.continuation, state.lines.isEmpty ? nil : state.lines.removeFirst())
            }
            if let (continuation, line) = wake { continuation.resume(returning: line) }
        }
    }

    /// The next line, or `nil` when the pipe closed or nothing came within `timeout`.
    func next(timeout: Duration) async -> String? {
        await withCheckedContinuation { continuation in
            let outcome: (ready: Bool, line: String?, id: Int) = state.withLock { state in
                if !state.lines.isEmpty { return (true, state.lines.removeFirst(), 0) }
                if state.finished { return (true, nil, 0) }
                state.nextID += 1
                state.waiter = (state.nextID, continuation)
                return (false, nil, state.nextID)
            }
            if outcome.ready {
                continuation.resume(returning: outcome.line)
                return
            }
            Task { [self] in
                try? await Task.sleep(for: timeout)
                let expired = self.state.withLock { state -> CheckedContinuation<String?, Never>? in
                    guard let waiter = state.waiter, waiter.id == outcome.id else { return nil }
                    state.waiter = nil
                    return waiter.continuation
                }
                expired?.resume(returning: nil)
            }
        }
    }
}
