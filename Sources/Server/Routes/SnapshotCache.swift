// A short-lived cache of computed snapshots (the wallboard's): however many boards ask,
// one snapshot per key is computed per interval, and requests that arrive while it is being
// computed wait for that one instead of starting their own.

import Foundation
import Synchronization

/// Snapshots by key, each reused for `lifetime` seconds after it was started.
final class SnapshotCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry {
        var task: Task<Value, any Error>
        var startedAt: Date
    }

    private let lifetime: TimeInterval
    private let entries = Mutex<[Key: Entry]>([:])

    /// A cache that reuses a snapshot for `lifetime` seconds (0: never).
    init(lifetime: TimeInterval) {
        self.lifetime = lifetime
    }

    /// The snapshot for `key` started less than the lifetime before `now`, else a new one
    /// from `compute` (run on `executor`). A failed computation is not reused.
    func value(
        for key: Key, at now: Date, executor: any TaskExecutor, compute: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        guard lifetime > 0 else { return try await compute() }
        let task = entries.withLock { entries in
            if let entry = entries[key], now.timeIntervalSince(entry.startedAt) < lifetime, now >= entry.startedAt {
                return entry.task
            }
            // Snapshots of keys nobody asked for lately are dropped as new ones start.
            entries = entries.filter { now.timeIntervalSince($0.value.startedAt) < 60 }
            let task = Task(executorPreference: executor) { try await compute() }
            entries[key] = Entry(task: task, startedAt: now)
            return task
        }
        do {
            return try await task.value
        } catch {
            entries.withLock { entries in
                if entries[key]?.startedAt == now { entries.removeValue(forKey: key) }
            }
            throw error
        }
    }
}
