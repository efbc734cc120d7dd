// Nonce-count tracking so a captured Authorization cannot be replayed (RFC 7616 §3.3, §5.3).

/// Remembers which nonce counts each recent nonce has been used with.
///
/// Each nonce gets a window of the last 64 counts: a count is accepted once, counts may arrive
/// out of order within the window (UDP reorders), and a count older than the window is refused.
/// The guard holds at most `capacity` nonces and forgets the oldest first, so memory stays
/// bounded whatever a peer sends. Only nonces whose signature checked out should be recorded.
public struct DigestReplayGuard: Sendable {
    struct Window: Sendable {
        var highest: UInt32
        var seen: UInt64
        var issuedAt: UInt64
    }

    private var windows: [String: Window] = [:]
    private var order: [String] = []
    private var orderStart = 0
    /// The most nonces remembered at once.
    public let capacity: Int

    /// A guard remembering up to `capacity` nonces.
    public init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    /// Records `count` for `nonce`; false when that count was already used or is too old.
    public mutating func accept(nonce: String, count: UInt32, issuedAt: UInt64) -> Bool {
        guard count > 0 else { return false }
        if var window = windows[nonce] {
            if count > window.highest {
                let shift = count - window.highest
                window.seen = shift >= 64 ? 0 : window.seen << UInt64(shift)
                window.seen |= 1
                window.highest = count
            } else {
                let offset = window.highest - count
                guard offset < 64 else { return false }
                let bit: UInt64 = 1 << UInt64(offset)
                guard window.seen & bit == 0 else { return false }
                window.seen |= bit
            }
            windows[nonce] = window
            return true
        }
        windows[nonce] = Window(highest: count, seen: 1, issuedAt: issuedAt)
        order.append(nonce)
        while windows.count > capacity, orderStart < order.count {
            windows[order[orderStart]] = nil
            orderStart += 1
        }
        if orderStart > 1024, orderStart * 2 > order.count {
            order.removeFirst(orderStart)
            orderStart = 0
        }
        return true
    }

    /// Forgets nonces issued before `cutoff` (they are expired anyway).
    public mutating func removeNonces(issuedBefore cutoff: UInt64) {
        windows = windows.filter { $0.value.issuedAt >= cutoff }
        order = order[orderStart...].filter { windows[$0] != nil }
        orderStart = 0
    }

    /// How many nonces are remembered.
    public var count: Int { windows.count }
}
