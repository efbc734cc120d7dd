// The in-process event bus: every subscriber gets every event published after it subscribed;
// events a subscriber falls too far behind to keep are counted (kefu_events_dropped_total).

import Metrics
import Synchronization

/// Publishes ``CallCenterEvent``s to subscribers (the API's WebSocket stream, the wallboard,
/// webhooks, tests). In-process; a PostgreSQL LISTEN/NOTIFY bus can implement the same shape.
public final class EventBus: Sendable {
    private struct Subscriber {
        let continuation: AsyncStream<CallCenterEvent>.Continuation
        let dropped: Counter
    }
    private let subscribers = Mutex<[Int: Subscriber]>([:])
    private let nextID = Atomic<Int>(0)
    private let dropped = Atomic<Int>(0)

    /// An empty bus.
    public init() {}

    /// Sends `event` to every subscriber; never blocks (a slow subscriber loses the oldest, and
    /// the loss is counted).
    public func publish(_ event: CallCenterEvent) {
        let current = subscribers.withLock { Array($0.values) }
        for subscriber in current {
            if case .dropped = subscriber.continuation.yield(event) {
                dropped.add(1, ordering: .relaxed)
                subscriber.dropped.increment()
            }
        }
    }

    /// A stream of the events published from now on, holding at most `buffer` unread events;
    /// ends when the caller stops iterating. `name` labels the subscriber's lost events on
    /// `kefu_events_dropped_total` (e.g. `webhooks`).
    public func subscribe(as name: String = "other", buffer: Int = 10_000) -> AsyncStream<CallCenterEvent> {
        let id = nextID.add(1, ordering: .relaxed).newValue
        let (stream, continuation) = AsyncStream<CallCenterEvent>.makeStream(bufferingPolicy: .bufferingNewest(buffer))
        continuation.onTermination = { [weak self] _ in
            _ = self?.subscribers.withLock { $0.removeValue(forKey: id) }
        }
        let counter = Counter(label: "kefu_events_dropped_total", dimensions: [("subscriber", name)])
        subscribers.withLock { $0[id] = Subscriber(continuation: continuation, dropped: counter) }
        return stream
    }

    /// How many events subscribers have lost since start because they fell `buffer` behind.
    public var droppedCount: Int { dropped.load(ordering: .relaxed) }

    /// How many subscribers there are.
    public var subscriberCount: Int { subscribers.withLock { $0.count } }
}
