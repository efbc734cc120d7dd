// A small async pool of database connections: lease one, run, give it back.

/// Hands out at most `capacity` connections at a time, opening them lazily and queueing
/// callers in arrival order when all are in use.
///
/// The SQLite driver uses a pool of one as its single writer (so a write transaction holds
/// the only writable connection for its whole duration) and a second pool for readers;
/// the PostgreSQL driver uses one pool for everything.
actor ConnectionPool<Connection: Sendable> {
    /// How a pool opens, checks and closes its connections.
    struct Source: Sendable {
        var open: @Sendable () async throws -> Connection
        var isUsable: @Sendable (Connection) -> Bool
        var close: @Sendable (Connection) async -> Void
    }

    private let source: Source
    private let capacity: Int
    private var idle: [Connection] = []
    private var open = 0
    private var waiters: [(id: Int, continuation: CheckedContinuation<Connection?, any Error>)] = []
    private var nextWaiterID = 0
    private var isShutDown = false

    init(capacity: Int, source: Source) {
        precondition(capacity > 0, "a connection pool needs room for at least one connection")
        self.capacity = capacity
        self.source = source
    }

    /// Runs `body` with a leased connection and returns it to the pool afterwards. A
    /// connection that is no longer usable (closed by the server) is dropped, not reused.
    nonisolated func withConnection<R: Sendable>(
        _ body: (Connection) async throws -> R
    ) async throws -> R {
        let connection = try await lease()
        do {
            let result = try await body(connection)
            await release(connection)
            return result
        } catch {
            await release(connection)
            throw error
        }
    }

    /// Closes every idle connection and refuses new leases.
    func shutdown() async {
        isShutDown = true
        let toClose = idle
        idle.removeAll()
        open -= toClose.count
        for waiter in waiters {
            waiter.continuation.resume(throwing: StoreError.invalidConfiguration("the store was closed"))
        }
        waiters.removeAll()
        for connection in toClose {
            await source.close(connection)
        }
    }

    private func lease() async throws -> Connection {
        while true {
            if isShutDown { throw StoreError.invalidConfiguration("the store was closed") }
            if let connection = idle.popLast() {
                if source.isUsable(connection) { return connection }
                open -= 1
                await source.close(connection)
                continue
            }
            if open < capacity {
                open += 1
                do {
                    return try await source.open()
                } catch {
                    open -= 1
                    wakeOneWaiter()
                    throw error
                }
            }
            try Task.checkCancellation()
            let id = nextWaiterID
            nextWaiterID += 1
            let handed = try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    waiters.append((id, continuation))
                }
            } onCancel: {
                Task { await self.cancelWaiter(id) }
            }
            if let handed { return handed }
        }
    }

    private func release(_ connection: Connection) async {
        guard !isShutDown, source.isUsable(connection) else {
            open -= 1
            await source.close(connection)
            wakeOneWaiter()
            return
        }
        if waiters.isEmpty {
            idle.append(connection)
        } else {
            waiters.removeFirst().continuation.resume(returning: connection)
        }
    }

    /// Lets a waiter retry after a slot was freed without a connection to hand over.
    private func wakeOneWaiter() {
        guard !waiters.isEmpty else { return }
        waiters.removeFirst().continuation.resume(returning: nil)
    }

    private func cancelWaiter(_ id: Int) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(throwing: CancellationError())
    }
}
