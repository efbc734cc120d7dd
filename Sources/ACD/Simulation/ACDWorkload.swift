// The exogenous side of a simulation: who arrives when, how long they talk, how long they
// would wait, and what agents do on their own.

/// Everything a simulation feeds the engine that the engine does not decide: arrivals with
/// their handle time and patience, and the agents' and supervisors' own commands. The
/// simulated agents answer every offer after `answerDelay` and complete each task after its
/// handle time; the simulated customers hang up when their patience runs out.
public struct ACDWorkload: Hashable, Sendable, Codable {
    /// One arrival.
    public struct Arrival: Hashable, Sendable, Codable {
        public var at: ACDInstant
        public var task: RoutingTask
        /// Talk (or work) time once answered.
        public var handleTime: ACDDuration
        /// How long the customer waits before hanging up; `nil` waits forever.
        public var patience: ACDDuration?

        public init(at: ACDInstant, task: RoutingTask, handleTime: ACDDuration, patience: ACDDuration? = nil) {
            self.at = at
            self.task = task
            self.handleTime = handleTime
            self.patience = patience
        }
    }

    /// A command an agent, supervisor or the owner sends on its own at a given time.
    public struct Action: Hashable, Sendable, Codable {
        public var at: ACDInstant
        public var command: ACDCommand

        public init(at: ACDInstant, command: ACDCommand) {
            self.at = at
            self.command = command
        }
    }

    public var arrivals: [Arrival]
    public var actions: [Action]
    /// Ring time before each answer.
    public var answerDelay: ACDDuration
    /// Only tasks arriving at or after this count in the report.
    public var measureFrom: ACDInstant
    /// The simulation stops here (tasks still live are counted as unfinished).
    public var end: ACDInstant

    public init(arrivals: [Arrival], actions: [Action], answerDelay: ACDDuration = .zero,
                measureFrom: ACDInstant = .zero, end: ACDInstant)
    {
        self.arrivals = arrivals
        self.actions = actions
        self.answerDelay = answerDelay
        self.measureFrom = measureFrom
        self.end = end
    }
}
