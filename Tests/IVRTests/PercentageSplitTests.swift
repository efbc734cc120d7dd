// The percentage split over many seeded draws lands within 1% of the configured ratio.
import KefuTesting
import Testing
@testable import IVR

@Suite struct PercentageSplitTests {
    @Test("over 100,000 seeded draws each branch gets its share within 1 percentage point", arguments: [
        [60.0, 40.0], [50.0, 30.0, 20.0], [33.3, 33.3, 33.4], [95.0, 5.0],
    ])
    func splitMatchesRatio(percents: [Double]) throws {
        let branches = percents.enumerated().map { index, percent in
            PercentBranch(percent: percent, route: RouteTarget([.queue(QueueName("q\(index)"), priority: nil, skills: [])]))
        }
        let rules = InboundRuleSet(accessNumber: "4001234567", rules: [InboundRule(id: "split", .percentage(PercentageRule(branches: branches)))],
                                   fallback: RouteTarget([.hangUp(prompt: nil)]))
        #expect(rules.validate().isEmpty)
        var random = SeededRandom(seed: 20_251_001)
        var counts = [QueueName: Int]()
        let draws = 100_000
        for _ in 0..<draws {
            let call = InboundCall(caller: "13800138000", called: "4001234567", time: UnixTime(secondsSince1970: 0),
                                   randomDraw: Double.random(in: 0..<1, using: &random))
            guard case .route(let target, _) = rules.evaluate(call, in: InboundEnvironment()).outcome,
                  case .queue(let queue, _, _) = target.destinations[0] else { Issue.record("not routed to a queue"); return }
            counts[queue, default: 0] += 1
        }
        for (index, percent) in percents.enumerated() {
            let share = Double(counts[QueueName("q\(index)")] ?? 0) / Double(draws) * 100
            #expect(abs(share - percent) < 1, "branch \(index): \(share)% instead of \(percent)%")
        }
    }
}
