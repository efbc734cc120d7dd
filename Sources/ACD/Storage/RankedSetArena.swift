// Many small ordered sets sharing one node pool: treaps with subtree sizes.
//
// Each requirement class keeps its waiting tasks and its available agents as ordered sets
// (a root index into this arena), and each queue keeps its line per channel. Operations
// are O(log n): insert, remove by key, smallest, rank (how many keys are smaller: the
// position in line) and select by rank (for the random strategy). The node priorities come
// from a fixed-seed generator, so the shape of every tree, and thus the engine, is
// deterministic. The tree walks work on the node buffer directly (no per-step array
// bounds or uniqueness checks), which is safe because every index they follow was made
// by this arena.

/// A pool of treap nodes holding `OrderKey`s; a set is identified by its root index.
struct RankedSetArena: Sendable {
    /// The index that stands for "no node" (an empty set).
    static let empty: Int32 = -1

    struct Node: Sendable {
        var key: OrderKey
        var left: Int32
        var right: Int32
        var size: Int32
        var priority: UInt32
    }

    private(set) var nodes: [Node] = []
    private var freeList: [Int32] = []
    private var state: UInt64 = 0x2545_F491_4F6C_DD1D

    /// Nodes in use across all sets.
    var liveCount: Int { nodes.count - freeList.count }

    /// Drops every set at once.
    mutating func removeAll() {
        nodes.removeAll(keepingCapacity: true)
        freeList.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    func count(_ root: Int32) -> Int {
        root < 0 ? 0 : Int(nodes[Int(root)].size)
    }

    /// The smallest key of the set, if any.
    func first(_ root: Int32) -> OrderKey? {
        guard root >= 0 else { return nil }
        return nodes.withUnsafeBufferPointer { n in
            var node = Int(root)
            while n[node].left >= 0 { node = Int(n[node].left) }
            return n[node].key
        }
    }

    /// Adds `key` (which must not be in the set).
    mutating func insert(_ key: OrderKey, into root: inout Int32) {
        let node = allocate(key)
        let start = root
        root = nodes.withUnsafeMutableBufferPointer { Self.insert(node, into: start, $0.baseAddress!) }
    }

    /// Removes `key`; returns whether it was there.
    @discardableResult
    mutating func remove(_ key: OrderKey, from root: inout Int32) -> Bool {
        var removed = Self.empty
        let start = root
        root = nodes.withUnsafeMutableBufferPointer { Self.remove(key, from: start, $0.baseAddress!, &removed) }
        guard removed >= 0 else { return false }
        freeList.append(removed)
        return true
    }

    /// Removes the smallest key of a non-empty set and returns the new smallest, in one walk
    /// down the left spine (cheaper than `remove` then `first`).
    mutating func removeFirst(from root: inout Int32) -> OrderKey? {
        precondition(root >= 0, "RankedSetArena.removeFirst on an empty set")
        let start = root
        let (newRoot, removed, newFirst): (Int32, Int32, OrderKey?) = nodes.withUnsafeMutableBufferPointer { buffer in
            let n = buffer.baseAddress!
            var parent = Self.empty
            var node = start
            while n[Int(node)].left >= 0 {
                n[Int(node)].size -= 1
                parent = node
                node = n[Int(node)].left
            }
            // `node` is the smallest: its right subtree takes its place.
            let right = n[Int(node)].right
            var first: OrderKey?
            if right >= 0 {
                var leftmost = right
                while n[Int(leftmost)].left >= 0 { leftmost = n[Int(leftmost)].left }
                first = n[Int(leftmost)].key
            } else if parent >= 0 {
                first = n[Int(parent)].key
            }
            if parent >= 0 {
                n[Int(parent)].left = right
                return (start, node, first)
            }
            return (right, node, first)
        }
        root = newRoot
        freeList.append(removed)
        return newFirst
    }

    /// How many keys of the set are smaller than `key`.
    func rank(of key: OrderKey, in root: Int32) -> Int {
        nodes.withUnsafeBufferPointer { n in
            var result = 0
            var node = root
            while node >= 0 {
                let current = n[Int(node)]
                if current.key < key {
                    result += (current.left < 0 ? 0 : Int(n[Int(current.left)].size)) + 1
                    node = current.right
                } else {
                    node = current.left
                }
            }
            return result
        }
    }

    /// The key at position `index` (0-based) in ascending order.
    func element(at index: Int, in root: Int32) -> OrderKey {
        var remaining = index
        var node = root
        while node >= 0 {
            let current = nodes[Int(node)]
            let leftCount = count(current.left)
            if remaining < leftCount {
                node = current.left
            } else if remaining == leftCount {
                return current.key
            } else {
                remaining -= leftCount + 1
                node = current.right
            }
        }
        preconditionFailure("RankedSetArena.element(at:) index \(index) out of range")
    }

    /// Visits keys in ascending order until `body` returns false.
    func forEach(in root: Int32, _ body: (OrderKey) -> Bool) {
        _ = visit(root, body)
    }

    private func visit(_ node: Int32, _ body: (OrderKey) -> Bool) -> Bool {
        guard node >= 0 else { return true }
        let current = nodes[Int(node)]
        return visit(current.left, body) && body(current.key) && visit(current.right, body)
    }

    // MARK: - Treap internals

    private mutating func allocate(_ key: OrderKey) -> Int32 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        let node = Node(key: key, left: Self.empty, right: Self.empty, size: 1, priority: UInt32(truncatingIfNeeded: state))
        if let reused = freeList.popLast() {
            nodes[Int(reused)] = node
            return reused
        }
        nodes.append(node)
        return Int32(nodes.count - 1)
    }

    @inline(__always)
    private static func update(_ node: Int32, _ n: UnsafeMutablePointer<Node>) {
        let left = n[Int(node)].left
        let right = n[Int(node)].right
        n[Int(node)].size = 1 + (left < 0 ? 0 : n[Int(left)].size) + (right < 0 ? 0 : n[Int(right)].size)
    }

    /// Splits `node` into keys `< key` and keys `>= key`.
    private static func split(_ node: Int32, _ key: OrderKey, _ n: UnsafeMutablePointer<Node>) -> (Int32, Int32) {
        guard node >= 0 else { return (empty, empty) }
        if n[Int(node)].key < key {
            let (left, right) = split(n[Int(node)].right, key, n)
            n[Int(node)].right = left
            update(node, n)
            return (node, right)
        } else {
            let (left, right) = split(n[Int(node)].left, key, n)
            n[Int(node)].left = right
            update(node, n)
            return (left, node)
        }
    }

    /// Joins two trees where every key of `lhs` is smaller than every key of `rhs`.
    private static func merge(_ lhs: Int32, _ rhs: Int32, _ n: UnsafeMutablePointer<Node>) -> Int32 {
        if lhs < 0 { return rhs }
        if rhs < 0 { return lhs }
        if n[Int(lhs)].priority > n[Int(rhs)].priority {
            n[Int(lhs)].right = merge(n[Int(lhs)].right, rhs, n)
            update(lhs, n)
            return lhs
        } else {
            n[Int(rhs)].left = merge(lhs, n[Int(rhs)].left, n)
            update(rhs, n)
            return rhs
        }
    }

    private static func insert(_ node: Int32, into root: Int32, _ n: UnsafeMutablePointer<Node>) -> Int32 {
        guard root >= 0 else { return node }
        let key = n[Int(node)].key
        if n[Int(node)].priority > n[Int(root)].priority {
            let (left, right) = split(root, key, n)
            n[Int(node)].left = left
            n[Int(node)].right = right
            update(node, n)
            return node
        }
        if key < n[Int(root)].key {
            n[Int(root)].left = insert(node, into: n[Int(root)].left, n)
        } else {
            n[Int(root)].right = insert(node, into: n[Int(root)].right, n)
        }
        n[Int(root)].size += 1
        return root
    }

    private static func remove(_ key: OrderKey, from root: Int32, _ n: UnsafeMutablePointer<Node>,
                               _ removed: inout Int32) -> Int32
    {
        guard root >= 0 else { return root }
        let current = n[Int(root)]
        if current.key == key {
            removed = root
            return merge(current.left, current.right, n)
        }
        if key < current.key {
            n[Int(root)].left = remove(key, from: current.left, n, &removed)
        } else {
            n[Int(root)].right = remove(key, from: current.right, n, &removed)
        }
        if removed >= 0 { n[Int(root)].size -= 1 }
        return root
    }
}
