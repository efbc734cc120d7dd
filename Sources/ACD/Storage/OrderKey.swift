// The sort key of waiting tasks and available agents inside the engine's ordered sets.

/// Three signed components compared in order, then the slot of the task or agent it
/// belongs to, which makes every key unique.
///
/// - Waiting tasks: `(band, virtual arrival, arrival sequence)`. With strict priority the
///   band is `-priority` and the virtual arrival is the enqueue time; with aging the band is
///   0 and the virtual arrival is `enqueue time - priority × aging`.
/// - Available agents: `(tier << 16 | load, strategy value, tie-break)`, where the strategy
///   value is the availability time (longest idle), the last turn (round robin), the count of
///   handled tasks (fewest handled) or minus the proficiency (best skill).
struct OrderKey: Hashable, Comparable, Sendable {
    var primary: Int64
    var secondary: Int64
    var tertiary: Int64
    var slot: Int32

    @inline(__always)
    static func < (lhs: OrderKey, rhs: OrderKey) -> Bool {
        if lhs.primary != rhs.primary { return lhs.primary < rhs.primary }
        if lhs.secondary != rhs.secondary { return lhs.secondary < rhs.secondary }
        if lhs.tertiary != rhs.tertiary { return lhs.tertiary < rhs.tertiary }
        return lhs.slot < rhs.slot
    }

    /// The smallest key with this primary component.
    static func lowest(primary: Int64) -> OrderKey {
        OrderKey(primary: primary, secondary: .min, tertiary: .min, slot: .min)
    }
}
