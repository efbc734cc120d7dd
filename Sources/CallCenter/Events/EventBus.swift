// The in-process event bus: every subscriber gets every event published after it subscribed.

import Synchronization

/// Publishes ``CallCenterEvent``s to subscribers (the API's WebSocket stream, the wallboard,
/// webhooks, tests). In-process; a PostgreSQL LISTEN/NOTIFY bus can implement the same shape.
public final class EventBus: Sendable {
    private let subscribers = Mutex<[Int: AsyncStream<CallCenterEvent>.Continuation]>([:])
    private let nextID = Atomic<Int>(0)

    /// An empty bus.
    public init() {}

    /// Sends `event` to every subscriber; never blocks (a slow subscriber loses the oldest).
    public func publish(_ event: CallCenterEvent) {
        let current = subscribers.withLock { Array($0.values) }
        for continuation in current { continuation.yield(event) }
    }

    /// A stream of the events published from now on; ends when the caller stops iterating.
    public func subscribe(buffer: Int = 10_000) -> AsyncStream<CallCenterEvent> {
        let id = nextID.add(1, ordering: .relaxed).newValue
        let (stream, continuation) = AsyncStream<CallCenterEvent>.makeStream(bufferingPolicy: .bufferingNewest(buffer))
        continuation.onTermination = { [weak self] _ in
            _ = self?.subscribers.withLock { $0.removeValue(forKey: id) }
        }
        subscribers.withLock { $0[id] = continuation }
        return stream
    }

    /// How many subscribers there are.
    public var subscriberCount: Int { subscribers.withLock { $0.count } }
}
