// The ordered sets behind every line and class: checked against a sorted array over seeded
// random inserts, removals and removals of the first key.
import Testing
@testable import ACD

@Suite struct RankedSetArenaTests {
    /// Several sets share one arena; after every step each set holds exactly the keys of its
    /// model, in order, with the right first key and ranks.
    @Test("sets sharing one arena stay ordered through inserts, removals and removals of the first key",
          arguments: [UInt64(1), 7, 2026])
    func matchesSortedModel(seed: UInt64) {
        var random = ACDRandom(seed: seed)
        var arena = RankedSetArena()
        var roots = [Int32](repeating: RankedSetArena.empty, count: 3)
        var models = [[OrderKey]](repeating: [], count: 3)
        var next: Int32 = 0
        for _ in 0..<3000 {
            let set = Int.random(in: 0..<roots.count, using: &random)
            switch Int.random(in: 0..<3, using: &random) {
            case 0 where !models[set].isEmpty:
                let first = arena.removeFirst(from: &roots[set])
                models[set].removeFirst()
                #expect(first == models[set].first)
            case 1 where !models[set].isEmpty:
                let key = models[set].remove(at: Int.random(in: 0..<models[set].count, using: &random))
                #expect(arena.remove(key, from: &roots[set]))
            default:
                next += 1
                let key = OrderKey(primary: Int64.random(in: -2...2, using: &random),
                                   secondary: Int64.random(in: 0..<50, using: &random), tertiary: 0, slot: next)
                arena.insert(key, into: &roots[set])
                models[set].insert(key, at: models[set].firstIndex { key < $0 } ?? models[set].count)
            }
            #expect(arena.first(roots[set]) == models[set].first)
            #expect(arena.count(roots[set]) == models[set].count)
        }
        for set in roots.indices {
            var keys: [OrderKey] = []
            arena.forEach(in: roots[set]) { keys.append($0); return true }
            #expect(keys == models[set])
            for (index, key) in models[set].enumerated() {
                #expect(arena.rank(of: key, in: roots[set]) == index)
            }
        }
        #expect(arena.liveCount == models.map(\.count).reduce(0, +))
    }
}
