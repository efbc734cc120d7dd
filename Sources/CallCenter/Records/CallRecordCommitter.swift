// Group commit of call detail records: the CDRs of calls that end while a commit is running
// go together in the next transaction, so a burst of hang-ups costs a few commits, not one
// each.

import Logging
import Store

/// Writes CDRs (with their recordings) in batches; each ``commit(_:)`` returns once its own
/// record is stored (or its failure logged).
///
/// A record that arrives while no commit runs is written at once, alone; records that arrive
/// during a commit wait for it and then go in one transaction with a multi-row insert. When a
/// batch fails, its records are written one by one, so one bad record loses only itself.
actor CallRecordCommitter {
    /// One record to write and the call waiting for it.
    struct Entry: Sendable {
        let tenant: StoredTenantID
        let record: CallDetailRecord
        let recording: Recording?
    }

    private let store: Store
    private let logger: Logger
    private var pending: [(Entry, CheckedContinuation<Void, Never>)] = []
    private var committing = false

    /// The largest batch in one transaction.
    static let maxBatch = 200

    init(store: Store, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    /// Stores `entry` in the next commit; returns when it is stored or its failure is logged.
    func commit(_ entry: Entry) async {
        await withCheckedContinuation { continuation in
            pending.append((entry, continuation))
            if !committing {
                committing = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(Self.maxBatch))
            pending.removeFirst(batch.count)
            await write(batch.map(\.0))
            for (_, continuation) in batch { continuation.resume() }
        }
        committing = false
    }

    private func write(_ batch: [Entry]) async {
        if batch.count > 1 {
            do {
                try await store.transaction { store in
                    try await store.callDetailRecords.appendBatch(batch.map { ($0.tenant, $0.record) })
                    try await store.recordings.addBatch(batch.compactMap { entry in entry.recording.map { (entry.tenant, $0) } })
                }
                return
            } catch {
                logger.notice("a batch of call detail records failed; writing them one by one", metadata: [
                    "records": "\(batch.count)", "error": "\(error)",
                ])
            }
        }
        for entry in batch {
            do {
                _ = try await store.callDetailRecords.append(entry.tenant, entry.record, recording: entry.recording)
            } catch {
                logger.error("writing the call detail record failed", metadata: [
                    "tenant": "\(entry.tenant.rawValue)", "call": "\(entry.record.callID)", "error": "\(error)",
                ])
            }
        }
    }
}
