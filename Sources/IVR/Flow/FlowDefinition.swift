// A versioned IVR flow: the graph a tenant admin edits (JSON in the API, YAML in provisioning).

/// An IVR flow. Nodes are listed in order; `start` names the first. JSON fields: `id`,
/// `version`, `name`, `start`, `defaultLanguage`, `defaultQueue`, `agentNode`, `errorNode`,
/// `apology`, `variables`, `shortcuts`, `maxSteps`, `nodes`.
public struct FlowDefinition: Hashable, Sendable, Codable {
    /// The flow's id within its tenant.
    public var id: FlowID
    /// The content version this text is (the lifecycle numbers versions from 1).
    public var version: Int
    /// A name for admins.
    public var name: String
    /// The first node.
    public var start: NodeID?
    /// The language of service until a language node changes it.
    public var defaultLanguage: Language
    /// The queue of last resort: `0` without an agent node, and the default error branch.
    public var defaultQueue: QueueName
    /// Where `0` in menus leads (an enqueue node), when menus do not say.
    public var agentNode: NodeID?
    /// Where failures go; nil means: play `apology`, enqueue to `defaultQueue`.
    public var errorNode: NodeID?
    /// The apology of the default error branch.
    public var apology: Prompt
    /// Variables the flow uses, with initial values.
    public var variables: [String: String]
    /// Deep-menu shortcuts (快捷键): a digit path typed at the first menu jumps to its node.
    public var shortcuts: [String: NodeID]
    /// The most nodes one call may pass through (the step budget).
    public var maxSteps: Int
    /// The nodes, in the order admins wrote them (validation reports in this order).
    public var nodes: [FlowNode]

    /// The default apology: "sorry, transferring you to an agent".
    public static let defaultApology = Prompt.localized([
        .chinese: .tts("抱歉，系统暂时无法处理您的请求，正在为您转接人工服务。", language: .chinese),
        .english: .tts("Sorry, something went wrong. We are connecting you to an agent.", language: .english),
    ])

    /// A flow with the defaults of the file format (zh, 200 steps, default apology).
    public init(id: FlowID, version: Int = 1, name: String = "", start: NodeID?, defaultLanguage: Language = .chinese,
                defaultQueue: QueueName, agentNode: NodeID? = nil, errorNode: NodeID? = nil,
                apology: Prompt = FlowDefinition.defaultApology, variables: [String: String] = [:],
                shortcuts: [String: NodeID] = [:], maxSteps: Int = 200, nodes: [FlowNode]) {
        self.id = id
        self.version = version
        self.name = name
        self.start = start
        self.defaultLanguage = defaultLanguage
        self.defaultQueue = defaultQueue
        self.agentNode = agentNode
        self.errorNode = errorNode
        self.apology = apology
        self.variables = variables
        self.shortcuts = shortcuts
        self.maxSteps = maxSteps
        self.nodes = nodes
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case id, version, name, start, defaultLanguage, defaultQueue, agentNode, errorNode, apology, variables, shortcuts, maxSteps, nodes
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: Set(CodingKeys.allCases.map(\.stringValue)), in: "flow")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(FlowID.self, forKey: .id),
            version: try c.decodeIfPresent(Int.self, forKey: .version) ?? 1,
            name: try c.decodeIfPresent(String.self, forKey: .name) ?? "",
            start: try c.decodeIfPresent(NodeID.self, forKey: .start),
            defaultLanguage: try c.decodeIfPresent(Language.self, forKey: .defaultLanguage) ?? .chinese,
            defaultQueue: try c.decode(QueueName.self, forKey: .defaultQueue),
            agentNode: try c.decodeIfPresent(NodeID.self, forKey: .agentNode),
            errorNode: try c.decodeIfPresent(NodeID.self, forKey: .errorNode),
            apology: try c.decodeIfPresent(Prompt.self, forKey: .apology) ?? FlowDefinition.defaultApology,
            variables: try c.decodeIfPresent([String: String].self, forKey: .variables) ?? [:],
            shortcuts: try c.decodeIfPresent([String: NodeID].self, forKey: .shortcuts) ?? [:],
            maxSteps: try c.decodeIfPresent(Int.self, forKey: .maxSteps) ?? 200,
            nodes: try c.decode([FlowNode].self, forKey: .nodes))
    }
}
