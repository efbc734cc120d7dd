// The simulator against queueing theory, the engine's announced waits against the waits
// that followed, and replay of a recorded day through a new configuration.
import Foundation
import Testing
@testable import ACD

@Suite struct SimulatorTests {
    static func singleQueue(agents: Int, wrapUp: ACDDuration = .zero, announce: ACDDuration? = nil)
        -> ACDTenantConfiguration
    {
        ACDTenantConfiguration(
            tenant: "sim",
            queues: [QueueConfiguration(id: "service", wrapUpTime: wrapUp, announcementInterval: announce)],
            agents: (1...agents).map { AgentConfiguration(id: AgentID("a\($0)"), queues: [QueueMembership("service")]) })
    }

    @Test("the Erlang C formula gives the textbook values")
    func erlangFormula() {
        let twoAgents = ErlangC(agents: 2, arrivalRate: 1, meanHandleTime: 1)
        #expect(abs(twoAgents.probabilityOfWaiting - 1.0 / 3) < 1e-12)
        #expect(abs(twoAgents.averageSpeedOfAnswer - 1.0 / 3) < 1e-12)
        let center = ErlangC(agents: 10, arrivalRate: 160.0 / 3600, meanHandleTime: 180)
        #expect(abs(center.traffic - 8) < 1e-9)
        #expect(abs(center.probabilityOfWaiting - 0.40918) < 1e-4)
        #expect(!ErlangC(agents: 5, arrivalRate: 1, meanHandleTime: 6).isStable)
    }

    /// 20 simulated days (about 77,000 calls) at 80 % occupancy: the simulated service level
    /// is within 3 points and the average speed of answer within 15 % of Erlang C.
    @Test("one FCFS queue without abandons: simulated service level and ASA agree with Erlang C")
    func erlangC() throws {
        let simulation = ACDSimulation(
            configuration: Self.singleQueue(agents: 10),
            streams: [.init(queue: "service", perHour: 160, meanHandleTime: .seconds(180))],
            duration: .hours(24 * 20), warmUp: .hours(2), seed: 1)
        let report = try simulation.run()
        let theory = ErlangC(agents: 10, arrivalRate: 160.0 / 3600, meanHandleTime: 180)
        let serviceLevel = try #require(report.overall.serviceLevel)
        let speed = try #require(report.overall.averageSpeedOfAnswer)
        #expect(report.overall.arrived > 70_000)
        #expect(report.overall.abandoned == 0)
        #expect(abs(serviceLevel - theory.serviceLevel(threshold: 20)) < 0.03,
                "simulated \(serviceLevel), Erlang C \(theory.serviceLevel(threshold: 20))")
        #expect(abs(speed - theory.averageSpeedOfAnswer) < 0.15 * theory.averageSpeedOfAnswer,
                "simulated ASA \(speed) s, Erlang C \(theory.averageSpeedOfAnswer) s")
        #expect(abs((report.occupancy ?? 0) - theory.occupancy) < 0.03)
    }

    /// A mid-size center: 30 agents, VIPs ahead of the others, wrap-up, ring time, callers who
    /// hang up, announcements every 30 s. The median absolute error of the announced waits
    /// must be within 15 s (or 20 % of the mean wait).
    @Test("announced expected waits are within 15 s (median absolute error) of the waits that followed")
    func waitEstimates() throws {
        let simulation = ACDSimulation(
            configuration: Self.singleQueue(agents: 30, wrapUp: .seconds(10), announce: .seconds(30)),
            streams: [
                .init(queue: "service", perHour: 480, meanHandleTime: .seconds(170), meanPatience: .seconds(300)),
                .init(queue: "service", perHour: 50, priority: 5, meanHandleTime: .seconds(170),
                      meanPatience: .seconds(300)),
            ],
            duration: .hours(36), warmUp: .hours(2), answerDelay: .seconds(3), seed: 7)
        let report = try simulation.run()
        let score = report.waitEstimates
        #expect(score.samples > 3_000)
        #expect(score.meetsTarget, "\(report)")
        #expect(score.medianAbsoluteError <= 15)
        #expect(abs(score.meanAnnouncedWait - score.meanActualWait) < 0.25 * score.meanActualWait)
    }

    @Test("impatient callers abandon and are counted as such")
    func abandons() throws {
        let simulation = ACDSimulation(
            configuration: Self.singleQueue(agents: 3),
            streams: [.init(queue: "service", perHour: 80, meanHandleTime: .seconds(180), meanPatience: .seconds(30))],
            duration: .hours(24), warmUp: .hours(1), seed: 3)
        let report = try simulation.run()
        let rate = try #require(report.overall.abandonRate)
        #expect(rate > 0.2 && rate < 0.8)
        #expect(report.overall.answered + report.overall.abandoned + report.overall.unfinished == report.overall.arrived)
    }

    @Test("the same scenario and seed give the same report")
    func deterministic() throws {
        let simulation = ACDSimulation(
            configuration: Self.singleQueue(agents: 5),
            streams: [.init(queue: "service", perHour: 90, meanHandleTime: .seconds(150), meanPatience: .seconds(120))],
            duration: .hours(8), seed: 11)
        #expect(try simulation.run() == simulation.run())
    }

    /// A day recorded with 8 agents and 30 s wrap-up is replayed through a candidate with 10
    /// agents and 10 s wrap-up. The original configuration reproduces the recorded figures
    /// exactly; the candidate answers faster.
    @Test("a recorded day replayed through a new configuration compares service levels")
    func replay() throws {
        let original = Self.singleQueue(agents: 8, wrapUp: .seconds(30))
        let simulation = ACDSimulation(
            configuration: original,
            streams: [.init(queue: "service", perHour: 120, meanHandleTime: .seconds(180), meanPatience: .seconds(240))],
            duration: .hours(10), warmUp: .zero, answerDelay: .seconds(4), seed: 5)
        let (_, log) = try simulation.runRecording()
        #expect(log.entries.count > 1_000)

        let candidate = Self.singleQueue(agents: 10, wrapUp: .seconds(10))
        let comparison = try ACDReplay.compare(log, with: candidate)
        #expect(comparison.baseline.overall.arrived == comparison.recorded.overall.arrived)
        #expect(comparison.baseline.overall.answered == comparison.recorded.overall.answered)
        #expect(comparison.baseline.overall.abandoned == comparison.recorded.overall.abandoned)
        #expect(comparison.baseline.overall.serviceLevel == comparison.recorded.overall.serviceLevel)
        let before = try #require(comparison.baseline.overall.serviceLevel)
        let after = try #require(comparison.candidate.overall.serviceLevel)
        #expect(after > before + 0.1, "\(comparison)")
        #expect((comparison.candidate.overall.abandonRate ?? 1) < (comparison.baseline.overall.abandonRate ?? 0))

        let decoded = try JSONDecoder().decode(ACDCommandLog.self, from: JSONEncoder().encode(log))
        #expect(decoded == log)
    }
}
