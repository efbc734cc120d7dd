// What a simulation (or a replay) measured: service level, speed of answer, abandons, and
// how good the engine's announced waits were.

/// The figures of a simulation run.
public struct ACDSimulationReport: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The figures of the tasks that arrived in one queue (or in all of them).
    public struct Figures: Hashable, Sendable, Codable {
        /// The queue the tasks arrived in; `nil` for all queues together.
        public var queue: QueueID?
        public var arrived = 0
        public var answered = 0
        /// Answered within the queue's service-level threshold (from arrival).
        public var answeredWithinThreshold = 0
        public var abandoned = 0
        /// Overflowed out of the ACD (voicemail, external number, IVR node).
        public var overflowed = 0
        /// Still live when the simulation ended.
        public var unfinished = 0
        /// Sum of the waits of answered tasks, in seconds.
        public var totalWait = 0.0
        /// Sum of handle times of answered tasks, in seconds.
        public var totalHandle = 0.0

        /// Answered within the threshold over answered plus abandoned.
        public var serviceLevel: Double? {
            answered + abandoned == 0 ? nil : Double(answeredWithinThreshold) / Double(answered + abandoned)
        }

        /// Average speed of answer in seconds.
        public var averageSpeedOfAnswer: Double? {
            answered == 0 ? nil : totalWait / Double(answered)
        }

        /// Abandoned over answered plus abandoned.
        public var abandonRate: Double? {
            answered + abandoned == 0 ? nil : Double(abandoned) / Double(answered + abandoned)
        }

        /// Average handle time in seconds.
        public var averageHandleTime: Double? {
            answered == 0 ? nil : totalHandle / Double(answered)
        }

        mutating func add(_ other: Figures) {
            arrived += other.arrived
            answered += other.answered
            answeredWithinThreshold += other.answeredWithinThreshold
            abandoned += other.abandoned
            overflowed += other.overflowed
            unfinished += other.unfinished
            totalWait += other.totalWait
            totalHandle += other.totalHandle
        }
    }

    /// How close the announced expected waits came to the waits that followed.
    public struct WaitEstimateScore: Hashable, Sendable, Codable {
        /// Announcements of tasks that were later answered (abandoned ones are censored).
        public var samples = 0
        /// Median of |announced − actual| in seconds.
        public var medianAbsoluteError = 0.0
        /// Median of the actual waits after the announcements, in seconds.
        public var medianActualWait = 0.0
        /// Mean of the actual waits after the announcements, in seconds.
        public var meanActualWait = 0.0
        /// Mean of the announced waits, in seconds.
        public var meanAnnouncedWait = 0.0
        /// Share of announcements within 15 s or 20 % of the actual wait.
        public var withinTarget = 0.0

        /// The target: median absolute error within 15 seconds, or within 20 % of the mean wait.
        public var meetsTarget: Bool {
            medianAbsoluteError <= 15 || medianAbsoluteError <= 0.2 * meanActualWait
        }
    }

    /// Per arrival queue.
    public var queues: [Figures]
    /// All queues together.
    public var overall: Figures
    public var waitEstimates: WaitEstimateScore
    /// Routing decisions the engine made (offers).
    public var decisions: Int
    /// Commands the engine handled.
    public var commands: Int
    /// Simulated time measured (after the warm-up).
    public var measuredTime: ACDDuration
    /// Mean agent occupancy over the run.
    public var occupancy: Double?

    public var description: String {
        func percent(_ value: Double?) -> String {
            value.map { String(Int(($0 * 1000).rounded()) / 10) + "." + String(Int(($0 * 1000).rounded()) % 10) + "%" }
                ?? "-"
        }
        func seconds(_ value: Double?) -> String {
            value.map { String(Int($0.rounded())) + " s" } ?? "-"
        }
        var lines: [String] = []
        lines.append("simulated \(measuredTime) (after warm-up): \(overall.arrived) arrived, \(overall.answered) answered, "
                     + "\(overall.abandoned) abandoned, \(overall.overflowed) overflowed, \(overall.unfinished) unfinished")
        for figures in queues + [overall] {
            let name = figures.queue.map { "queue \($0)" } ?? "all queues"
            lines.append("\(name): service level \(percent(figures.serviceLevel)), ASA \(seconds(figures.averageSpeedOfAnswer)), "
                         + "abandon rate \(percent(figures.abandonRate)), AHT \(seconds(figures.averageHandleTime))")
        }
        lines.append("occupancy \(percent(occupancy)); \(decisions) routing decisions, \(commands) commands")
        lines.append("announced waits: \(waitEstimates.samples) scored, median absolute error "
                     + "\(seconds(waitEstimates.medianAbsoluteError)) (mean actual wait \(seconds(waitEstimates.meanActualWait)), "
                     + "mean announced \(seconds(waitEstimates.meanAnnouncedWait))), "
                     + "\(percent(waitEstimates.withinTarget)) within 15 s or 20 %: "
                     + (waitEstimates.meetsTarget ? "meets" : "misses") + " the target")
        return lines.joined(separator: "\n")
    }
}
