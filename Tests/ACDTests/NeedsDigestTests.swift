// The packed form of a class's skill needs must answer exactly as the needs themselves.
import Testing
@testable import ACD

@Suite struct NeedsDigestTests {
    /// Random needs lists (some too long or with skill indexes too large to pack): two digests
    /// are equal exactly when the capped lists are, and an inline digest is met by exactly the
    /// agents whose levels meet every need.
    @Test("packed needs compare and qualify agents exactly like the lists they pack")
    func agreesWithLists() {
        var random = ACDRandom(seed: 42)
        func needs() -> [SkillNeed] {
            let count = Int.random(in: 0...5, using: &random)
            var skills = Set<Int32>()
            while skills.count < count {
                skills.insert(Int.random(in: 0..<10, using: &random) == 0
                    ? Int32.random(in: 4096..<5000, using: &random) : Int32.random(in: 0..<6, using: &random))
            }
            return skills.sorted().map { SkillNeed(skill: $0, level: Int8.random(in: 1...10, using: &random)) }
        }
        for _ in 0..<2000 {
            let lhs = needs()
            let rhs = Bool.random(using: &random) ? lhs : needs()
            let cap = Int8.random(in: 1...11, using: &random)
            let capped = ACDEngine.capped(lhs, at: cap)
            let lhsDigest = NeedsDigest(lhs, cap: cap)
            let rhsDigest = NeedsDigest(rhs)
            #expect(lhsDigest == NeedsDigest(capped))
            if lhsDigest.isInline && rhsDigest.isInline {
                #expect((lhsDigest == rhsDigest) == (capped == rhs))
            }
            #expect(lhsDigest.isInline == (lhs.count <= 4 && lhs.allSatisfy { $0.skill < 4096 }))
            if lhsDigest.isInline {
                let levels = (0..<6).map { _ in Int8.random(in: 0...10, using: &random) }
                let meets = capped.allSatisfy { levels[Int($0.skill)] >= $0.level }
                #expect(lhsDigest.isMet(by: levels) == meets)
            }
        }
    }
}
