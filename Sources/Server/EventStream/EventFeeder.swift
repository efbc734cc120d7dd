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

    /// Events published before the feeder lets other work on its thread run (a stream's
    /// queue holds 1,024 by default).
    static let eventsBetweenYields = 16

    func run() async throws {
        // One event loop throughout: a hop between loops at every resumption would cost a
        // thread wake-up each time, and the feeder could not keep up when the API threads wait
        // for CPU.
        await services.threads.runOnOneLoop {
            var sinceYield = 0
            for await event in services.callCenter.events.subscribe(as: "event_streams").cancelOnGracefulShutdown() {
                let call = services.liveCalls.apply(event)
                services.fanOut.publish(event, call: call)
                // After a spell without CPU the bus holds a backlog: let the streams' writers run
                // between runs of its events, or the backlog would fill their queues at once.
                sinceYield += 1
                if sinceYield == Self.eventsBetweenYields {
                    sinceYield = 0
                    await Task.yield()
                }
            }
        }
    }
}
