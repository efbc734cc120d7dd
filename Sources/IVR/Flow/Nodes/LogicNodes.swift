// Node kinds that compute without touching the call: condition, set variable, business
// hours; and the HTTP lookup to the enterprise's system.

/// One branch of a condition node.
public struct ConditionBranch: Hashable, Sendable, Codable {
    /// An expression over call data (``FlowExpression``).
    public var when: String
    /// Where the call goes when `when` is true.
    public var next: NodeID?
    /// A branch taken when the expression holds.
    public init(when: String, next: NodeID?) {
        self.when = when
        self.next = next
    }
}

/// The first branch whose expression is true wins; `otherwise` catches the rest.
public struct ConditionNode: Hashable, Sendable {
    /// Tried in order.
    public var branches: [ConditionBranch]
    /// Where the call goes when no branch holds.
    public var otherwise: NodeID?
    /// A condition over call data.
    public init(branches: [ConditionBranch], otherwise: NodeID?) {
        self.branches = branches
        self.otherwise = otherwise
    }
}

/// Set a variable from a template (`value`) or an expression (`expression`).
public struct SetNode: Hashable, Sendable {
    /// The variable to assign (not a platform variable).
    public var variable: String
    /// A template giving the new text.
    public var value: TextTemplate?
    /// An expression giving the new value (arithmetic, comparisons).
    public var expression: String?
    /// Where the flow goes on.
    public var next: NodeID?
    /// Sets `variable` from `value` or `expression` (exactly one).
    public init(variable: String, value: TextTemplate? = nil, expression: String? = nil, next: NodeID?) {
        self.variable = variable
        self.value = value
        self.expression = expression
        self.next = next
    }
}

/// Office hours of the tenant calendar decide the branch.
public struct BusinessHoursNode: Hashable, Sendable {
    /// Where calls in office hours go.
    public var open: NodeID?
    /// Where calls outside office hours go.
    public var closed: NodeID?
    /// Holidays go here when set (else to `closed`, or `open` on holiday opening hours).
    public var holiday: NodeID?
    /// A branch on the tenant calendar's office hours.
    public init(open: NodeID?, closed: NodeID?, holiday: NodeID? = nil) {
        self.open = open
        self.closed = closed
        self.holiday = holiday
    }
}

/// An HTTP lookup in the enterprise's system (查询余额 etc.): URL template, mandatory
/// timeout, JSON fields mapped to variables, a branch for failure.
public struct LookupNode: Hashable, Sendable {
    /// The HTTP method.
    public enum Method: String, Hashable, Sendable, Codable { case GET, POST }
    /// The URL; variables are percent-encoded when substituted.
    public var url: TextTemplate
    /// GET (default) or POST.
    public var method: Method = .GET
    /// The request body for POST.
    public var body: TextTemplate?
    /// Extra request headers (e.g. an API key), templates allowed.
    public var headers: [String: TextTemplate] = [:]
    /// Required; validation refuses a lookup without one (100...10000 ms).
    public var timeoutMs: Int?
    /// Variable → dotted JSON path in the response (`balance` ← `data.balance`).
    public var map: [String: String] = [:]
    /// Where the flow goes after a successful lookup.
    public var next: NodeID?
    /// Non-2xx status, timeout, unreachable, or a mapped field missing; error branch when nil.
    public var onFailure: NodeID?

    /// A GET lookup.
    public init(url: TextTemplate, timeoutMs: Int?, map: [String: String], next: NodeID?, onFailure: NodeID?) {
        self.url = url
        self.timeoutMs = timeoutMs
        self.map = map
        self.next = next
        self.onFailure = onFailure
    }
}
