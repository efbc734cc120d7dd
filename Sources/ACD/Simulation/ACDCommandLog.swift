// A recorded day of commands, to replay through a new configuration.

/// Every command one tenant's engine handled, with its time, from a fresh start.
///
/// The owner records each command it hands the engine (`record(_:at:)`) and stores the log
/// (it is Codable). Because the engine is deterministic, running the log through an engine
/// with the same configuration and seed reproduces every effect, which is how `ACDReplay`
/// recovers what happened (handle times, patience) before trying a new configuration.
public struct ACDCommandLog: Hashable, Sendable, Codable {
    /// One command and when it was handled.
    public struct Entry: Hashable, Sendable, Codable {
        public var at: ACDInstant
        public var command: ACDCommand

        public init(at: ACDInstant, command: ACDCommand) {
            self.at = at
            self.command = command
        }
    }

    /// The configuration the engine started with.
    public var configuration: ACDTenantConfiguration
    /// The engine's random seed.
    public var randomSeed: UInt64
    /// The engine's start time.
    public var start: ACDInstant
    public var entries: [Entry]

    /// An empty log for an engine started with `configuration` and `randomSeed` at `start`.
    public init(configuration: ACDTenantConfiguration, randomSeed: UInt64 = 0, start: ACDInstant = .zero,
                entries: [Entry] = [])
    {
        self.configuration = configuration
        self.randomSeed = randomSeed
        self.start = start
        self.entries = entries
    }

    /// Appends a command the engine is about to handle.
    public mutating func record(_ command: ACDCommand, at time: ACDInstant) {
        entries.append(Entry(at: time, command: command))
    }
}
