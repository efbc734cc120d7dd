// Graph checks of flow validation: reachability and loops that never wait for the caller.

extension FlowValidation {
    /// Indexes of the nodes each node leads to.
    func successors(of position: Int) -> [Int] {
        flow.nodes[position].kind.edges.compactMap { $0.target.flatMap { index[$0] } }
    }

    mutating func checkGraph() {
        var roots = [flow.start, flow.agentNode, flow.errorNode].compactMap { $0.flatMap { index[$0] } }
        roots += flow.shortcuts.keys.sorted().compactMap { flow.shortcuts[$0].flatMap { index[$0] } }
        var reached = Set<Int>()
        var stack = roots
        while let position = stack.popLast() {
            guard reached.insert(position).inserted else { continue }
            stack += successors(of: position)
        }
        for (position, node) in flow.nodes.enumerated() where index[node.id] == position && !reached.contains(position) {
            report(node.id, "id", "unreachable: no path leads here from start")
        }
        for (position, node) in flow.nodes.enumerated() where index[node.id] == position {
            if case .announceAgent = node.kind {
                let usedByEnqueue = flow.nodes.contains { other in
                    if case .enqueue(let enqueue) = other.kind { return enqueue.answered == node.id }
                    return false
                }
                let otherEdges = flow.nodes.contains { other in
                    if case .enqueue = other.kind { return false }
                    return other.kind.edges.contains { $0.target == node.id }
                } || flow.start == node.id
                if otherEdges || !usedByEnqueue && reached.contains(position) {
                    report(node.id, "id", "announceAgent runs only as an enqueue node's 'answered' branch")
                }
            }
        }
        checkLoopsWithoutInput()
    }

    /// Reports each cycle made only of nodes that do not wait for the caller (Tarjan's SCC).
    mutating func checkLoopsWithoutInput() {
        let count = flow.nodes.count
        var order = [Int](repeating: -1, count: count), low = [Int](repeating: 0, count: count)
        var onStack = [Bool](repeating: false, count: count), stack: [Int] = [], counter = 0
        var components: [[Int]] = []
        let nodes = flow.nodes, positions = index
        let passive = (0..<count).map { !nodes[$0].kind.waitsForInput && positions[nodes[$0].id] == $0 }
        let next = (0..<count).map { successors(of: $0) }

        func connect(_ v: Int) {
            order[v] = counter; low[v] = counter; counter += 1
            stack.append(v); onStack[v] = true
            for w in next[v] where passive[w] {
                if order[w] == -1 { connect(w); low[v] = min(low[v], low[w]) }
                else if onStack[w] { low[v] = min(low[v], order[w]) }
            }
            if low[v] == order[v] {
                var component: [Int] = []
                while let w = stack.popLast() {
                    onStack[w] = false
                    component.append(w)
                    if w == v { break }
                }
                components.append(component)
            }
        }
        for v in 0..<count where passive[v] && order[v] == -1 { connect(v) }
        var cycles: [[Int]] = []
        for component in components {
            if component.count > 1 || next[component[0]].contains(component[0]) { cycles.append(component.sorted()) }
        }
        for cycle in cycles.sorted(by: { $0[0] < $1[0] }) {
            let names = cycle.map { "'\(flow.nodes[$0].id)'" }.joined(separator: " → ")
            report(flow.nodes[cycle[0]].id, "next", "loops through \(names) without waiting for caller input")
        }
    }
}
