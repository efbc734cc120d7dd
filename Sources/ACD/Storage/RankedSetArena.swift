// Many small ordered sets sharing one node pool: treaps with subtree sizes.
//
// Each requirement class keeps its waiting tasks and its available agents as ordered sets
// (a root index into this arena). Operations are O(log n): insert, remove by key, smallest,
// rank (how many keys are smaller: the position in queue) and select by rank (for the
// random strategy). The node priorities come from a fixed-seed generator, so the shape of
// every tree, and thus the engine, is deterministic.

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
        var node = Int(root)
        while true {
            let left = nodes[node].left
            if left < 0 { return nodes[node].key }
            node = Int(left)
        }
    }

    /// Adds `key` (which must not be in the set).
    mutating func insert(_ key: OrderKey, into root: inout Int32) {
        let node = allocate(key)
        root = insertNode(root, node)
    }

    /// Removes `key`; returns whether it was there.
    @discardableResult
    mutating func remove(_ key: OrderKey, from root: inout Int32) -> Bool {
        var found = false
        root = removeNode(root, key, &found)
        return found
    }

    /// How many keys of the set are smaller than `key`.
    func rank(of key: OrderKey, in root: Int32) -> Int {
        var result = 0
        var node = root
        while node >= 0 {
            let current = nodes[Int(node)]
            if current.key < key {
                result += count(current.left) + 1
                node = current.right
            } else {
                node = current.left
            }
        }
        return result
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
    private mutating func update(_ node: Int32) {
        let current = nodes[Int(node)]
        nodes[Int(node)].size = 1 + Int32(count(current.left)) + Int32(count(current.right))
    }

    /// Splits `node` into keys `< key` and keys `>= key`.
    private mutating func split(_ node: Int32, _ key: OrderKey) -> (Int32, Int32) {
        guard node >= 0 else { return (Self.empty, Self.empty) }
        if nodes[Int(node)].key < key {
            let (left, right) = split(nodes[Int(node)].right, key)
            nodes[Int(node)].right = left
            update(node)
            return (node, right)
        } else {
            let (left, right) = split(nodes[Int(node)].left, key)
            nodes[Int(node)].left = right
            update(node)
            return (left, node)
        }
    }

    /// Joins two trees where every key of `lhs` is smaller than every key of `rhs`.
    private mutating func merge(_ lhs: Int32, _ rhs: Int32) -> Int32 {
        if lhs < 0 { return rhs }
        if rhs < 0 { return lhs }
        if nodes[Int(lhs)].priority > nodes[Int(rhs)].priority {
            nodes[Int(lhs)].right = merge(nodes[Int(lhs)].right, rhs)
            update(lhs)
            return lhs
        } else {
            nodes[Int(rhs)].left = merge(lhs, nodes[Int(rhs)].left)
            update(rhs)
            return rhs
        }
    }

    private mutating func insertNode(_ root: Int32, _ node: Int32) -> Int32 {
        guard root >= 0 else { return node }
        let key = nodes[Int(node)].key
        if nodes[Int(node)].priority > nodes[Int(root)].priority {
            let (left, right) = split(root, key)
            nodes[Int(node)].left = left
            nodes[Int(node)].right = right
            update(node)
            return node
        }
        if key < nodes[Int(root)].key {
            nodes[Int(root)].left = insertNode(nodes[Int(root)].left, node)
        } else {
            nodes[Int(root)].right = insertNode(nodes[Int(root)].right, node)
        }
        nodes[Int(root)].size += 1
        return root
    }

    private mutating func removeNode(_ root: Int32, _ key: OrderKey, _ found: inout Bool) -> Int32 {
        guard root >= 0 else { return root }
        let current = nodes[Int(root)]
        if current.key == key {
            found = true
            let merged = merge(current.left, current.right)
            freeList.append(root)
            return merged
        }
        if key < current.key {
            nodes[Int(root)].left = removeNode(current.left, key, &found)
        } else {
            nodes[Int(root)].right = removeNode(current.right, key, &found)
        }
        if found { nodes[Int(root)].size -= 1 }
        return root
    }
}
