// `kefu simulate-acd`: runs the ACD simulator (or a replay) and prints its report. The
// simulation itself lives in the ACD module; this command only reads arguments and files.
import ACD
import ArgumentParser
import Foundation

struct SimulateACDCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate-acd",
        abstract: "Simulate calls through the ACD engine and report service level, ASA and abandons.",
        discussion: """
            Without files: one queue of --agents agents with Poisson arrivals (--calls-per-hour) and \
            exponential handle times (--handle-time), compared with the Erlang C prediction.
            --scenario FILE runs an ACDSimulation JSON (tenant configuration and arrival streams).
            --replay LOG replays a recorded ACDCommandLog JSON through --configuration FILE (a tenant \
            configuration) and compares it with the log's own configuration.
            """
    )

    @Option(help: "Agents serving the queue.")
    var agents = 10

    @Option(name: .customLong("calls-per-hour"), help: "Mean arrivals per hour (Poisson).")
    var callsPerHour = 160.0

    @Option(name: .customLong("handle-time"), help: "Mean handle time in seconds (exponential).")
    var handleTime = 180.0

    @Option(help: "Mean patience in seconds before a caller hangs up (exponential); none by default.")
    var patience: Double?

    @Option(name: .customLong("wrap-up"), help: "Wrap-up after each call, in seconds.")
    var wrapUp = 0.0

    @Option(help: "Service-level threshold in seconds.")
    var threshold = 20.0

    @Option(help: "Routing strategy: \(RoutingStrategy.allCases.map(\.rawValue).joined(separator: ", ")).")
    var strategy = RoutingStrategy.longestIdle.rawValue

    @Option(help: "Announce position and expected wait every this many seconds (0: on arrival only).")
    var announce = 30.0

    @Option(help: "Simulated hours measured.")
    var hours = 24.0

    @Option(name: .customLong("warm-up"), help: "Simulated hours run first and not measured.")
    var warmUp = 1.0

    @Option(help: "Random seed; the same seed gives the same report.")
    var seed: UInt64 = 1

    @Option(help: "An ACDSimulation JSON file to run instead of the single queue.")
    var scenario: String?

    @Option(help: "An ACDCommandLog JSON file to replay.")
    var replay: String?

    @Option(name: .customLong("configuration"), help: "With --replay: the candidate tenant configuration JSON.")
    var candidate: String?

    @Flag(help: "Print the report as JSON.")
    var json = false

    func validate() throws {
        guard RoutingStrategy(rawValue: strategy) != nil else {
            throw ValidationError("--strategy must be one of \(RoutingStrategy.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard agents > 0, agents <= 100_000 else { throw ValidationError("--agents must be between 1 and 100000") }
        guard callsPerHour >= 0, handleTime > 0, hours > 0, warmUp >= 0, threshold > 0, wrapUp >= 0, announce >= 0 else {
            throw ValidationError("rates, times and hours must be positive numbers")
        }
        if candidate != nil && replay == nil { throw ValidationError("--configuration is used with --replay") }
    }

    func run() throws {
        if let replay {
            let log = try decode(ACDCommandLog.self, from: replay)
            let configuration = try candidate.map { try decode(ACDTenantConfiguration.self, from: $0) } ?? log.configuration
            let comparison = try ACDReplay.compare(log, with: configuration)
            if json {
                try printJSON(["recorded": comparison.recorded, "baseline": comparison.baseline,
                               "candidate": comparison.candidate])
            } else {
                print(comparison)
            }
            return
        }
        let simulation = try scenario.map { try decode(ACDSimulation.self, from: $0) } ?? singleQueue()
        let report = try simulation.run()
        if json {
            try printJSON(report)
            return
        }
        print(report)
        if scenario == nil && patience == nil && wrapUp == 0 {
            let theory = ErlangC(agents: agents, arrivalRate: callsPerHour / 3600, meanHandleTime: handleTime)
            if theory.isStable {
                print("Erlang C for the same load: service level \(percent(theory.serviceLevel(threshold: threshold))), "
                      + "ASA \(Int(theory.averageSpeedOfAnswer.rounded())) s, occupancy \(percent(theory.occupancy))")
            } else {
                print("Erlang C: \(theory.traffic) erlangs on \(agents) agents is overloaded; waits grow without bound")
            }
        }
    }

    private func singleQueue() -> ACDSimulation {
        let queue = QueueConfiguration(
            id: "service", strategy: RoutingStrategy(rawValue: strategy) ?? .longestIdle,
            wrapUpTime: .seconds(wrapUp), serviceLevelThreshold: .seconds(threshold),
            announcementInterval: announce > 0 ? .seconds(announce) : nil, expectedHandleTime: .seconds(handleTime))
        let configuration = ACDTenantConfiguration(
            tenant: "simulation", queues: [queue],
            agents: (1...agents).map { AgentConfiguration(id: AgentID("agent-\($0)"), queues: [QueueMembership("service")]) })
        return ACDSimulation(
            configuration: configuration,
            streams: [.init(queue: "service", perHour: callsPerHour, meanHandleTime: .seconds(handleTime),
                            meanPatience: patience.map { .seconds($0) })],
            duration: .seconds(hours * 3600), warmUp: .seconds(warmUp * 3600), seed: seed)
    }

    private func decode<T: Decodable>(_ type: T.Type, from path: String) throws -> T {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ValidationError("cannot read \(path): \(error.localizedDescription)")
        }
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw ValidationError("\(path) is not a valid \(type): \(Self.describe(error))")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context), .keyNotFound(_, let context), .typeMismatch(_, let context),
             .valueNotFound(_, let context):
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return (path.isEmpty ? "" : "at \(path): ") + context.debugDescription
        @unknown default:
            return "\(error)"
        }
    }

    private func printJSON(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    private func percent(_ value: Double) -> String {
        String(format: "%.1f%%", value * 100)
    }
}
