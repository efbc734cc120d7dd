// One problem found by flow validation, named by node id and field.

/// A problem in a flow: which node (nil for the flow's own fields), which field, what.
public struct FlowProblem: Hashable, Sendable, CustomStringConvertible {
    public var node: NodeID?
    public var field: String
    public var message: String

    public init(node: NodeID?, field: String, message: String) {
        self.node = node
        self.field = field
        self.message = message
    }

    /// `node 'menu', options.3: target 'nowhere' does not exist`.
    public var description: String {
        (node.map { "node '\($0)'" } ?? "flow") + ", \(field): \(message)"
    }
}

/// A flow failed validation; `problems` lists every problem.
public struct FlowValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    public var problems: [FlowProblem]
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// What validation checks references against; nil sets are not checked.
public struct FlowReferences: Sendable {
    /// Uploaded prompts of the tenant; file prompts must be among them.
    public var prompts: Set<PromptID>?
    /// The tenant's queues.
    public var queues: Set<QueueName>?
    public init(prompts: Set<PromptID>? = nil, queues: Set<QueueName>? = nil) {
        self.prompts = prompts
        self.queues = queues
    }
}

/// Variables every flow can read without declaring them.
public enum BuiltInVariables {
    /// Set by the platform; flows may read but not assign them.
    public static let readOnly: Set<String> = [
        "caller", "called", "digits", "survey",
        "agent.workNumber", "agent.name", "area.province", "area.city",
        "time.date", "time.hour", "time.minute", "time.weekday", "time.officeHours", "time.holiday",
    ]
    /// Set by the platform and assignable by flows.
    public static let assignable: Set<String> = ["language", "tier", "priority"]
    /// All built-in names.
    public static let all = readOnly.union(assignable)
}
