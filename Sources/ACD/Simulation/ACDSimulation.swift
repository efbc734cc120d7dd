// The simulator: a day (or a month) of Poisson arrivals and exponential handle times through
// the real engine, reporting service level, speed of answer, abandons and estimate quality.

/// A simulation scenario: a tenant configuration, arrival streams, and how long to run.
///
/// Every agent of the configuration signs in, ready, to all its queues at the start. Arrivals
/// of each stream are Poisson; handle times and patience are exponential; agents answer
/// each offer after `answerDelay`. Everything random comes from `seed`.
public struct ACDSimulation: Hashable, Sendable, Codable {
    /// A stream of arrivals into one queue.
    public struct Stream: Hashable, Sendable, Codable {
        public var queue: QueueID
        /// Mean arrivals per hour.
        public var perHour: Double
        public var channel: ACDChannel
        public var priority: Int
        public var requiredSkills: [SkillRequirement]
        /// Mean handle time (exponential).
        public var meanHandleTime: ACDDuration
        /// Mean patience before hanging up (exponential); `nil`: nobody hangs up.
        public var meanPatience: ACDDuration?

        public init(queue: QueueID, perHour: Double, channel: ACDChannel = .voice, priority: Int = 0,
                    requiredSkills: [SkillRequirement] = [], meanHandleTime: ACDDuration,
                    meanPatience: ACDDuration? = nil)
        {
            self.queue = queue
            self.perHour = perHour
            self.channel = channel
            self.priority = priority
            self.requiredSkills = requiredSkills
            self.meanHandleTime = meanHandleTime
            self.meanPatience = meanPatience
        }
    }

    public var configuration: ACDTenantConfiguration
    public var streams: [Stream]
    /// Simulated time measured, after the warm-up.
    public var duration: ACDDuration
    /// Simulated time run first and not measured, so the queue reaches steady state.
    public var warmUp: ACDDuration
    public var answerDelay: ACDDuration
    public var seed: UInt64

    public init(configuration: ACDTenantConfiguration, streams: [Stream], duration: ACDDuration,
                warmUp: ACDDuration = .hours(1), answerDelay: ACDDuration = .zero, seed: UInt64 = 1)
    {
        self.configuration = configuration
        self.streams = streams
        self.duration = duration
        self.warmUp = warmUp
        self.answerDelay = answerDelay
        self.seed = seed
    }

    /// The arrivals and sign-ins the scenario stands for.
    public func workload() -> ACDWorkload {
        var random = ACDRandom(seed: seed)
        let end = ACDInstant.zero + warmUp + duration
        var arrivals: [ACDWorkload.Arrival] = []
        for (streamIndex, stream) in streams.enumerated() where stream.perHour > 0 {
            let meanGap = 3_600_000 / stream.perHour
            var time = random.exponential(mean: meanGap)
            var count = 0
            while time < Double(end.milliseconds) {
                count += 1
                let task = RoutingTask(
                    id: TaskID("s\(streamIndex)-\(count)"), queue: stream.queue, channel: stream.channel,
                    priority: stream.priority, requiredSkills: stream.requiredSkills)
                let handle = ACDDuration(milliseconds: max(1, Int64(random.exponential(
                    mean: Double(stream.meanHandleTime.milliseconds)).rounded())))
                let patience = stream.meanPatience.map {
                    ACDDuration(milliseconds: Int64(random.exponential(mean: Double($0.milliseconds)).rounded()))
                }
                arrivals.append(ACDWorkload.Arrival(at: ACDInstant(milliseconds: Int64(time.rounded())), task: task,
                                                    handleTime: handle, patience: patience))
                time += random.exponential(mean: meanGap)
            }
        }
        arrivals.sort { $0.at < $1.at }
        let signIns = configuration.agents.map { ACDWorkload.Action(at: .zero, command: .agentSignedIn($0.id)) }
        return ACDWorkload(arrivals: arrivals, actions: signIns, answerDelay: answerDelay,
                           measureFrom: .zero + warmUp, end: end)
    }

    /// Runs the scenario through a fresh engine.
    public func run() throws(ACDConfigurationError) -> ACDSimulationReport {
        try Self.run(workload(), configuration: configuration, seed: seed)
    }

    /// Runs the scenario and records every command the engine handled, as the call path
    /// would, for `ACDReplay`.
    public func runRecording() throws(ACDConfigurationError) -> (report: ACDSimulationReport, log: ACDCommandLog) {
        let engine = try ACDEngine(configuration: configuration, randomSeed: seed)
        var driver = ACDSimulationDriver(engine: engine, workload: workload())
        driver.log = ACDCommandLog(configuration: configuration, randomSeed: seed)
        let report = driver.run()
        return (report, driver.log!)
    }

    /// Runs any workload through a fresh engine with `configuration`.
    public static func run(_ workload: ACDWorkload, configuration: ACDTenantConfiguration, seed: UInt64)
        throws(ACDConfigurationError) -> ACDSimulationReport
    {
        let engine = try ACDEngine(configuration: configuration, randomSeed: seed)
        var driver = ACDSimulationDriver(engine: engine, workload: workload)
        return driver.run()
    }
}
