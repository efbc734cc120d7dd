// Property tests: thousands of random interleavings, every invariant checked after every command.
//
// Each seed builds a random tenant (every strategy, aging, relaxation, sticky routing,
// overflow rules, tiers, skills, multi-channel capacity, limited not-ready reasons) and
// drives it with a random stream of arrivals, answers, rejections, ring-outs, hang-ups,
// callbacks, agent sign-ins per queue, state changes, phone loss, supervisor moves and
// priority changes, queue hours and reconciliations. After every command the checker
// verifies, from the configuration and public snapshots only:
// - a task is never offered to two agents at once (ring-all excepted), nor offered after it ended;
// - no agent holds more tasks of a channel than its capacity, nor one a held task blocks;
// - a ready agent with room is never idle while a task it is eligible for waits;
// - within one queue, priority and channel, no agent is given a task while one it could
//   take waits ahead of it (sticky holds and skills are the only exceptions);
// - the engine's live tasks and agent legs are exactly the call path's.
// At the end every task has ended exactly once (answered, withdrawn or overflowed), no agent
// holds anything, and replaying the same commands gives the same effects.
import Testing
@testable import ACD

@Suite struct InvariantPropertyTests {
    func report(_ problems: [String]) {
        if !problems.isEmpty {
            let listed = problems.prefix(12).joined(separator: "\n")
            Issue.record("\(problems.count)+ invariant violations:\n\(listed)")
        }
    }

    @Test("invariants hold over 2,000 random interleavings", arguments: 0..<8)
    func invariants(batch: UInt64) throws {
        var problems: [String] = []
        for seed in (batch * 250)..<((batch + 1) * 250) {
            var run = try RandomRun(seed: seed)
            for _ in 0..<120 { run.randomStep() }
            run.drain()
            problems += run.problems
            if problems.count > 20 { break }
        }
        report(problems)
    }

    @Test("the same commands at the same times give the same effects")
    func determinism() throws {
        for seed: UInt64 in [3, 17, 99] {
            var run = try RandomRun(seed: seed)
            for _ in 0..<200 { run.randomStep() }
            run.drain()
            var replay = try ACDEngine(configuration: run.configuration, randomSeed: seed)
            for entry in run.journal {
                #expect(replay.handle(entry.command, at: entry.at) == entry.effects, "seed \(seed) diverged at \(entry.at)")
            }
        }
    }

    @Test("after lost messages, reconciliation brings the engine back to the call path's truth", arguments: 0..<4)
    func reconciliationRepairsLostMessages(batch: UInt64) throws {
        var problems: [String] = []
        for seed in (batch * 100)..<((batch + 1) * 100) {
            var run = try RandomRun(seed: 10_000 + seed, lossPerMille: 150)
            for _ in 0..<100 { run.randomStep() }
            for _ in 0..<6 {
                run.advance(milliseconds: 2_500)
                run.send(.reconcile(run.model.liveState))
            }
            let agreement = run.checker.checkAgreement(run.snapshot, model: run.model)
            problems += run.problems + agreement.map { "seed \(run.seed): after reconcile: \($0)" }
            if !run.model.vanishedTasks.isEmpty {
                problems.append("seed \(run.seed): vanished tasks still in the engine: \(run.model.vanishedTasks.sorted())")
            }
            for agent in run.snapshot.agents {
                for held in agent.tasks where held.phase != .wrapUp {
                    let leg = run.model.live[held.task]
                    let ok = held.phase == .connected ? leg?.connected == agent.id : leg?.ringing.values.contains(agent.id) ?? false
                    if !ok { problems.append("seed \(run.seed): \(agent.id) \(held.phase) with \(held.task) without a live leg") }
                }
            }
            run.drain()
            problems += run.problems.filter { !problems.contains($0) }
            if problems.count > 20 { break }
        }
        report(problems)
    }
}
