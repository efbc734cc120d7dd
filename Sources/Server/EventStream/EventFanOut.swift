// The server's own broadcast of call-center events, each with the call as it stands after
// the event, so every stream subscriber sees the same call table the event produced.

import CallCenter
import ServiceLifecycle
import Synchronization

/// An event and the call it concerns, after the event was applied to ``LiveCalls``, with
/// the stream message for subscribers who see numbers in full encoded once for all of them.
struct ObservedEvent: Sendable {
    var event: CallCenterEvent
    var call: LiveCall?
    /// The message as a supervisor's or admin's stream sends it (nothing masked).
    var unmaskedText: String?
}

/// Fans ``ObservedEvent``s out to the server's stream subscribers.
final class EventFanOut: Sendable {
    private let subscribers = Mutex<[Int: AsyncStream<ObservedEvent>.Continuation]>([:])
    private let nextID = Atomic<Int>(0)

    /// Sends to every subscriber; a slow one loses the oldest events beyond its buffer.
    func publish(_ observed: ObservedEvent) {
        for continuation in subscribers.withLock({ Array($0.values) }) { continuation.yield(observed) }
    }

    /// The events published from now on.
    func subscribe(buffer: Int = 1_000) -> AsyncStream<ObservedEvent> {
        let id = nextID.add(1, ordering: .relaxed).newValue
        let (stream, continuation) = AsyncStream<ObservedEvent>.makeStream(bufferingPolicy: .bufferingNewest(buffer))
        continuation.onTermination = { [weak self] _ in _ = self?.subscribers.withLock { $0.removeValue(forKey: id) } }
        subscribers.withLock { $0[id] = continuation }
        return stream
    }

    /// How many streams are subscribed.
    var subscriberCount: Int { subscribers.withLock { $0.count } }
}

/// Reads the call center's event bus, keeps ``LiveCalls`` current and feeds the fan-out;
/// stops on graceful shutdown.
struct EventFeeder: Service {
    let services: ServerServices

    func run() async throws {
        let events = services.callCenter.events.subscribe()
        for await event in events.cancelOnGracefulShutdown() {
            let call = services.liveCalls.apply(event)
            // Encoded once for every unmasked subscriber, and not at all while nobody listens
            // (a stream encodes for itself when the text is missing).
            var text: String?
            if services.fanOut.subscriberCount > 0 {
                let unmasked = EventAudience(tenantID: event.tenantID, agentID: nil, wholeTenant: true, masking: nil)
                text = try? StreamMessage.event(event, call: call, audience: unmasked).jsonText()
            }
            services.fanOut.publish(ObservedEvent(event: event, call: call, unmaskedText: text))
        }
    }
}
