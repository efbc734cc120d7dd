// Node kinds that compute without touching the call: condition, set variable, business
// hours; and the HTTP lookup to the enterprise's system.

/// One branch of a condition node.
public struct ConditionBranch: Hashable, Sendable, Codable {
    /// An expression over call data (``FlowExpression``).
    public var when: String
    public var next: NodeID?
    public init(when: String, next: NodeID?) {
        self.when = when
        self.next = next
    }
}

/// The first branch whose expression is true wins; `otherwise` catches the rest.
public struct ConditionNode: Hashable, Sendable {
    public var branches: [ConditionBranch]
    public var otherwise: NodeID?
    public init(branches: [ConditionBranch], otherwise: NodeID?) {
        self.branches = branches
        self.otherwise = otherwise
    }
}

/// Set a variable from a template (`value`) or an expression (`expression`).
public struct SetNode: Hashable, Sendable {
    public var variable: String
    public var value: TextTemplate?
    public var expression: String?
    public var next: NodeID?
    public init(variable: String, value: TextTemplate? = nil, expression: String? = nil, next: NodeID?) {
        self.variable = variable
        self.value = value
        self.expression = expression
        self.next = next
    }
}

/// Office hours of the tenant calendar decide the branch.
public struct BusinessHoursNode: Hashable, Sendable {
    public var open: NodeID?
    public var closed: NodeID?
    /// Holidays go here when set (else to `closed`, or `open` on holiday opening hours).
    public var holiday: NodeID?
    public init(open: NodeID?, closed: NodeID?, holiday: NodeID? = nil) {
        self.open = open
        self.closed = closed
        self.holiday = holiday
    }
}

/// An HTTP lookup in the enterprise's system (查询余额 etc.): URL template, mandatory
/// timeout, JSON fields mapped to variables, a branch for failure.
public struct LookupNode: Hashable, Sendable {
    public enum Method: String, Hashable, Sendable, Codable { case GET, POST }
    public var url: TextTemplate
    public var method: Method = .GET
    public var body: TextTemplate?
    public var headers: [String: TextTemplate] = [:]
    /// Required; validation refuses a lookup without one (100...10000 ms).
    public var timeoutMs: Int?
    /// Variable → dotted JSON path in the response (`balance` ← `data.balance`).
    public var map: [String: String] = [:]
    public var next: NodeID?
    /// Non-2xx status, timeout, unreachable, or a mapped field missing; error branch when nil.
    public var onFailure: NodeID?

    public init(url: TextTemplate, timeoutMs: Int?, map: [String: String], next: NodeID?, onFailure: NodeID?) {
        self.url = url
        self.timeoutMs = timeoutMs
        self.map = map
        self.next = next
        self.onFailure = onFailure
    }
}
