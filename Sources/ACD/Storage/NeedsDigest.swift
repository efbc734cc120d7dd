// A requirement class's skill needs packed into one word, so that finding a task's class and
// checking an agent against a class read no array storage.

/// Up to four skill needs (skill index below 4,096, level below 16) packed 16 bits each, or
/// a marker that the needs do not fit (then the arrays are compared).
struct NeedsDigest: Equatable, Sendable {
    /// `skill | level << 12` per need, in the order of the needs.
    var packed: UInt64
    /// How many needs, or `NeedsDigest.tooMany`.
    var count: UInt8

    static let tooMany: UInt8 = .max

    /// Whether the needs are held in the digest itself.
    var isInline: Bool { count != Self.tooMany }

    /// The digest of `needs` with every level capped at `cap`.
    init(_ needs: [SkillNeed], cap: Int8 = .max) {
        packed = 0
        count = 0
        guard needs.count <= 4 else {
            count = Self.tooMany
            return
        }
        for (index, need) in needs.enumerated() {
            let level = min(need.level, cap)
            guard need.skill >= 0, need.skill < 4096, level >= 0, level < 16 else {
                packed = 0
                count = Self.tooMany
                return
            }
            packed |= (UInt64(need.skill) | UInt64(level) << 12) << (16 * UInt64(index))
        }
        count = UInt8(needs.count)
    }

    /// Whether an agent with these skill levels meets every inline need.
    @inline(__always)
    func isMet(by levels: [Int8]) -> Bool {
        var rest = packed
        for _ in 0..<count {
            let level = Int8(truncatingIfNeeded: (rest >> 12) & 0xF)
            if level > 0 && levels[Int(rest & 0xFFF)] < level { return false }
            rest >>= 16
        }
        return true
    }
}
