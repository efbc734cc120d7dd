// Fan-out of events to any number of AsyncStream subscribers, safe from any thread.

import Synchronization

/// Broadcasts values to every current subscriber. Values published before a subscription are
/// not replayed.
final class EventHub<Element: Sendable>: Sendable {
    private struct State {
        var next: UInt64 = 0
        var continuations: [UInt64: AsyncStream<Element>.Continuation] = [:]
        var finished = false
    }

    private let state = Mutex(State())

    /// A new subscription; it ends when the hub finishes or the consumer stops iterating.
    func subscribe() -> AsyncStream<Element> {
        let (stream, continuation) = AsyncStream<Element>.makeStream()
        let id: UInt64? = state.withLock { state in
            guard !state.finished else { return nil }
            state.next += 1
            state.continuations[state.next] = continuation
            return state.next
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.continuations.removeValue(forKey: id) }
        }
        return stream
    }

    /// Whether anyone is listening.
    var hasSubscribers: Bool { state.withLock { !$0.continuations.isEmpty } }

    /// Sends `value` to every subscriber.
    func publish(_ value: Element) {
        let targets = state.withLock { Array($0.continuations.values) }
        for continuation in targets { continuation.yield(value) }
    }

    /// Ends every subscription; later subscriptions end at once.
    func finish() {
        let targets = state.withLock { state -> [AsyncStream<Element>.Continuation] in
            state.finished = true
            defer { state.continuations.removeAll() }
            return Array(state.continuations.values)
        }
        for continuation in targets { continuation.finish() }
    }
}
