// `kefu serve`'s options for the HTTP API's limits and threads: the per-session request
// rate, the event stream caps, the shared wallboard snapshot, and how the API's work is kept
// off the call path's CPU.

import ArgumentParser
import Server

/// The API limits and threads of `kefu serve`.
struct APIOptions: ParsableArguments {
    @Option(name: .customLong("api-rate"), help: "Requests per second each session or API key may make on average; beyond it, 429 with Retry-After (0: no limit).")
    var requestsPerSecond: Double = 50

    @Option(name: .customLong("api-burst"), help: "Requests a session or API key may make at once after a quiet spell.")
    var burst = 100

    @Option(name: .customLong("max-streams-per-user"), help: "Event streams one user or API key may hold open (0: no limit).")
    var streamsPerUser = 20

    @Option(name: .customLong("max-streams-per-tenant"), help: "Event streams one tenant may hold open (0: no limit).")
    var streamsPerTenant = 5_000

    @Option(name: .customLong("stream-queue"), help: "Messages an event stream may have waiting for its client before the client counts as too slow and is disconnected (close code 4008).")
    var streamQueue = 1_024

    @Option(name: .customLong("wallboard-reuse"), help: "Seconds a wallboard snapshot is shared by every board of the same view (0: each request computes its own).")
    var wallboardReuse = 0.2

    @Option(name: .customLong("api-threads"), help: "Threads of the HTTP API and event stream (0: one per core).")
    var threads = 0

    @Option(name: .customLong("api-nice"), help: "The nice value (0-19) of the API's threads: higher leaves more CPU to calls when the machine is busy.")
    var niceness: Int32 = 10

    func validate() throws {
        guard requestsPerSecond >= 0 else { throw ValidationError("--api-rate must be 0 (no limit) or more") }
        guard burst >= 1 else { throw ValidationError("--api-burst must be 1 or more") }
        guard streamsPerUser >= 0, streamsPerTenant >= 0 else {
            throw ValidationError("--max-streams-per-user and --max-streams-per-tenant must be 0 (no limit) or more")
        }
        guard streamQueue >= 1 else { throw ValidationError("--stream-queue must be 1 or more") }
        guard (0...5).contains(wallboardReuse) else { throw ValidationError("--wallboard-reuse must be between 0 and 5 seconds") }
        guard threads >= 0 else { throw ValidationError("--api-threads must be 0 (one per core) or more") }
        guard (0...19).contains(niceness) else { throw ValidationError("--api-nice must be between 0 and 19") }
    }

    /// The limits these options set.
    var limits: APILimits {
        APILimits(requestsPerSecond: requestsPerSecond, burst: burst, streamsPerUser: streamsPerUser, streamsPerTenant: streamsPerTenant,
                  streamQueue: streamQueue, wallboardReuse: wallboardReuse)
    }

    /// The API's threads.
    func makeThreads() -> APIThreads {
        threads == 0 && niceness == 10 ? .shared : APIThreads(threads: threads == 0 ? nil : threads, niceness: niceness)
    }
}
