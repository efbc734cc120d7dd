// Reads the call center's event bus on the API's threads: keeps the live call table current
// and hands each event to the stream fan-out.

import CallCenter
import ServiceLifecycle

/// Reads the call center's event bus, keeps ``LiveCalls`` current and feeds the fan-out;
/// stops on graceful shutdown.
///
/// The call path's part of an event is the bus's `publish` (a few queue appends); the
/// table update, the admission checks and the encoding happen here, on ``APIThreads``.
struct EventFeeder: Service {
    let services: ServerServices

    func run() async throws {
        await services.threads.run {
            for await event in services.callCenter.events.subscribe().cancelOnGracefulShutdown() {
                let call = services.liveCalls.apply(event)
                services.fanOut.publish(event, call: call)
            }
        }
    }
}
