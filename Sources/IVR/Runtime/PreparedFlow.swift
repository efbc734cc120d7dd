// A validated flow with everything parsed ahead of the calls: node index, expressions,
// patterns. Shared by every call that runs the flow.

/// A flow that passed validation, ready to run. Build it once per published version.
public final class PreparedFlow: Sendable {
    public let definition: FlowDefinition
    let index: [NodeID: Int]
    let conditions: [Int: [FlowExpression]]
    let setExpressions: [Int: FlowExpression]
    let patterns: [Int: DigitPattern]
    let maxShortcutLength: Int
    /// Variables filled by secret collect nodes; never part of a result.
    let secretVariables: Set<String>

    /// Validates `definition` (against `references`) and prepares it; throws every problem.
    public init(_ definition: FlowDefinition, references: FlowReferences = FlowReferences()) throws(FlowValidationError) {
        let problems = definition.validate(references: references)
        guard problems.isEmpty else { throw FlowValidationError(problems: problems) }
        self.definition = definition
        var index: [NodeID: Int] = [:]
        var conditions: [Int: [FlowExpression]] = [:]
        var setExpressions: [Int: FlowExpression] = [:]
        var patterns: [Int: DigitPattern] = [:]
        var secretVariables: Set<String> = []
        for (position, node) in definition.nodes.enumerated() {
            index[node.id] = position
            switch node.kind {
            case .condition(let condition):
                conditions[position] = condition.branches.map { try! FlowExpression($0.when) }
            case .set(let set):
                if let expression = set.expression { setExpressions[position] = try! FlowExpression(expression) }
            case .collect(let collect):
                if let pattern = collect.pattern { patterns[position] = try! DigitPattern(pattern) }
                if collect.secret { secretVariables.insert(collect.variable) }
            default: break
            }
        }
        self.index = index
        self.conditions = conditions
        self.setExpressions = setExpressions
        self.patterns = patterns
        self.maxShortcutLength = definition.shortcuts.keys.map(\.count).max() ?? 0
        self.secretVariables = secretVariables
    }

    /// The position of a node.
    func position(of id: NodeID?) -> Int? { id.flatMap { index[$0] } }
}
