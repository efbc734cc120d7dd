// The RTP port ranges end-to-end tests give kefu and its peers: never shared, even when many
// suites ask in one process (a shared range made a caller's probe miss kefu's audio).

import SIPTesting
import Testing

@Suite struct RTPPortRangeTests {
    @Test("ranges for 40 kefu instances and 100 peers, asked for from many tasks at once, start even, have the size asked for and never overlap")
    func rangesNeverOverlap() async {
        let ranges = await withTaskGroup(of: ClosedRange<Int>.self) { group in
            for index in 0..<140 {
                group.addTask { RTPPortRange.free(count: index < 40 ? 100 : 2) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(ranges.count == 140)
        #expect(ranges.filter { $0.count == 100 }.count == 40)
        #expect(ranges.allSatisfy { $0.lowerBound % 2 == 0 })
        let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
        let overlapping = zip(sorted, sorted.dropFirst()).filter { $0.0.overlaps($0.1) }
        #expect(overlapping.isEmpty, "\(overlapping)")
        #expect(ranges.allSatisfy { LoopbackPort.isFree($0.lowerBound) })
    }
}
