// The file form of flow nodes: one flat object per node, `id` and `type` plus the kind's
// fields; optional fields take their defaults, unknown fields are an error.

/// Reads a node's fields from its keyed container.
struct NodeFieldReader {
    let container: KeyedDecodingContainer<FlowCodingKey>

    func required<T: Decodable>(_ key: String) throws -> T { try container.decode(T.self, forKey: FlowCodingKey(key)) }
    func optional<T: Decodable>(_ key: String) throws -> T? { try container.decodeIfPresent(T.self, forKey: FlowCodingKey(key)) }
    func value<T: Decodable>(_ key: String, default fallback: T) throws -> T { try optional(key) ?? fallback }
}

/// Writes a node's fields, leaving out nils.
struct NodeFieldWriter {
    var container: KeyedEncodingContainer<FlowCodingKey>

    mutating func write<T: Encodable>(_ key: String, _ value: T?) throws {
        if let value { try container.encode(value, forKey: FlowCodingKey(key)) }
    }
}

extension FlowNode: Codable {
    /// Fields each node type accepts besides `id` and `type`.
    static let fieldNames: [String: Set<String>] = [
        "play": ["prompt", "next"],
        "menu": ["prompt", "options", "timeoutSeconds", "retries", "invalidPrompt", "timeoutPrompt", "onFailure", "allowBack", "zeroForAgent", "agent"],
        "collect": ["prompt", "variable", "minDigits", "maxDigits", "terminator", "timeoutSeconds", "interDigitSeconds", "pattern", "retries", "invalidPrompt", "next", "onFailure", "secret"],
        "condition": ["branches", "otherwise"],
        "set": ["variable", "value", "expression", "next"],
        "lookup": ["url", "method", "body", "headers", "timeoutMs", "map", "next", "onFailure"],
        "businessHours": ["open", "closed", "holiday"],
        "language": ["prompt", "options", "timeoutSeconds", "retries", "invalidPrompt", "fallback", "next"],
        "enqueue": ["queue", "priority", "skills", "screenPop", "maxWaitSeconds", "answered", "afterCall", "noAgent"],
        "announceAgent": ["prompt"],
        "transfer": ["number", "ringSeconds", "busy", "noAnswer", "onFailure"],
        "voicemail": ["mailbox", "prompt", "maxSeconds", "beep"],
        "survey": ["prompt", "invalidPrompt", "timeoutSeconds", "retries", "scale", "next"],
        "extension": ["prompt", "minDigits", "maxDigits", "terminator", "timeoutSeconds", "retries", "invalidPrompt", "ringSeconds", "busy", "noAnswer", "onFailure"],
        "sms": ["to", "text", "next"],
        "hangUp": ["prompt"],
    ]

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: FlowCodingKey.self)
        id = try container.decode(NodeID.self, forKey: FlowCodingKey("id"))
        let type = try container.decode(String.self, forKey: FlowCodingKey("type"))
        guard let allowed = FlowNode.fieldNames[type] else {
            throw DecodingError.dataCorruptedError(
                forKey: FlowCodingKey("type"), in: container,
                debugDescription: "node '\(id)': unknown type '\(type)'; use one of \(FlowNode.fieldNames.keys.sorted().joined(separator: ", "))")
        }
        try decoder.rejectUnknownKeys(allowed: allowed.union(["id", "type"]), in: "node '\(id)' (\(type))")
        let f = NodeFieldReader(container: container)
        switch type {
        case "play":
            kind = .play(PlayNode(prompt: try f.required("prompt"), next: try f.optional("next")))
        case "menu":
            var node = MenuNode(prompt: try f.required("prompt"), options: try f.value("options", default: [:]))
            node.timeoutSeconds = try f.value("timeoutSeconds", default: node.timeoutSeconds)
            node.retries = try f.value("retries", default: node.retries)
            node.invalidPrompt = try f.optional("invalidPrompt")
            node.timeoutPrompt = try f.optional("timeoutPrompt")
            node.onFailure = try f.optional("onFailure")
            node.allowBack = try f.value("allowBack", default: node.allowBack)
            node.zeroForAgent = try f.value("zeroForAgent", default: node.zeroForAgent)
            node.agent = try f.optional("agent")
            kind = .menu(node)
        case "collect":
            var node = CollectNode(prompt: try f.required("prompt"), variable: try f.required("variable"),
                                   maxDigits: try f.required("maxDigits"), next: try f.optional("next"))
            node.minDigits = try f.value("minDigits", default: node.minDigits)
            node.terminator = try f.value("terminator", default: node.terminator)
            node.timeoutSeconds = try f.value("timeoutSeconds", default: node.timeoutSeconds)
            node.interDigitSeconds = try f.value("interDigitSeconds", default: node.interDigitSeconds)
            node.pattern = try f.optional("pattern")
            node.retries = try f.value("retries", default: node.retries)
            node.invalidPrompt = try f.optional("invalidPrompt")
            node.onFailure = try f.optional("onFailure")
            node.secret = try f.value("secret", default: false)
            kind = .collect(node)
        case "condition":
            kind = .condition(ConditionNode(branches: try f.value("branches", default: []), otherwise: try f.optional("otherwise")))
        case "set":
            kind = .set(SetNode(variable: try f.required("variable"), value: try f.optional("value"),
                                expression: try f.optional("expression"), next: try f.optional("next")))
        case "lookup":
            var node = LookupNode(url: try f.required("url"), timeoutMs: try f.optional("timeoutMs"),
                                  map: try f.value("map", default: [:]), next: try f.optional("next"), onFailure: try f.optional("onFailure"))
            node.method = try f.value("method", default: node.method)
            node.body = try f.optional("body")
            node.headers = try f.value("headers", default: [:])
            kind = .lookup(node)
        case "businessHours":
            kind = .businessHours(BusinessHoursNode(open: try f.optional("open"), closed: try f.optional("closed"), holiday: try f.optional("holiday")))
        case "language":
            var node = LanguageNode(prompt: try f.required("prompt"), options: try f.value("options", default: [:]), next: try f.optional("next"))
            node.timeoutSeconds = try f.value("timeoutSeconds", default: node.timeoutSeconds)
            node.retries = try f.value("retries", default: node.retries)
            node.invalidPrompt = try f.optional("invalidPrompt")
            node.fallback = try f.optional("fallback")
            kind = .language(node)
        case "enqueue":
            var node = EnqueueNode(queue: try f.required("queue"))
            node.priority = try f.optional("priority")
            node.skills = try f.value("skills", default: [])
            node.screenPop = try f.value("screenPop", default: [:])
            node.maxWaitSeconds = try f.optional("maxWaitSeconds")
            node.answered = try f.optional("answered")
            node.afterCall = try f.optional("afterCall")
            node.noAgent = try f.optional("noAgent")
            kind = .enqueue(node)
        case "announceAgent":
            kind = .announceAgent(AnnounceAgentNode(prompt: try f.value("prompt", default: .tts("工号${agent.workNumber}为您服务", language: nil))))
        case "transfer":
            var node = TransferNode(number: try f.required("number"))
            node.ringSeconds = try f.value("ringSeconds", default: node.ringSeconds)
            node.busy = try f.optional("busy")
            node.noAnswer = try f.optional("noAnswer")
            node.onFailure = try f.optional("onFailure")
            kind = .transfer(node)
        case "voicemail":
            var node = VoicemailNode(mailbox: try f.required("mailbox"), prompt: try f.optional("prompt"))
            node.maxSeconds = try f.value("maxSeconds", default: node.maxSeconds)
            node.beep = try f.value("beep", default: node.beep)
            kind = .voicemail(node)
        case "survey":
            var node = SurveyNode(prompt: try f.required("prompt"), next: try f.optional("next"))
            node.invalidPrompt = try f.optional("invalidPrompt")
            node.timeoutSeconds = try f.value("timeoutSeconds", default: node.timeoutSeconds)
            node.retries = try f.value("retries", default: node.retries)
            node.scale = try f.value("scale", default: node.scale)
            kind = .survey(node)
        case "extension":
            var node = ExtensionNode(prompt: try f.required("prompt"))
            node.minDigits = try f.value("minDigits", default: node.minDigits)
            node.maxDigits = try f.value("maxDigits", default: node.maxDigits)
            node.terminator = try f.value("terminator", default: node.terminator)
            node.timeoutSeconds = try f.value("timeoutSeconds", default: node.timeoutSeconds)
            node.retries = try f.value("retries", default: node.retries)
            node.invalidPrompt = try f.optional("invalidPrompt")
            node.ringSeconds = try f.value("ringSeconds", default: node.ringSeconds)
            node.busy = try f.optional("busy")
            node.noAnswer = try f.optional("noAnswer")
            node.onFailure = try f.optional("onFailure")
            kind = .extensionDial(node)
        case "sms":
            var node = SMSNode(text: try f.required("text"), next: try f.optional("next"))
            node.to = try f.value("to", default: node.to)
            kind = .sms(node)
        default:
            kind = .hangUp(HangUpNode(prompt: try f.optional("prompt")))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var w = NodeFieldWriter(container: encoder.container(keyedBy: FlowCodingKey.self))
        try w.write("id", id)
        try w.write("type", kind.typeName)
        switch kind {
        case .play(let n):
            try w.write("prompt", n.prompt); try w.write("next", n.next)
        case .menu(let n):
            try w.write("prompt", n.prompt); try w.write("options", n.options)
            try w.write("timeoutSeconds", n.timeoutSeconds); try w.write("retries", n.retries)
            try w.write("invalidPrompt", n.invalidPrompt); try w.write("timeoutPrompt", n.timeoutPrompt)
            try w.write("onFailure", n.onFailure); try w.write("allowBack", n.allowBack)
            try w.write("zeroForAgent", n.zeroForAgent); try w.write("agent", n.agent)
        case .collect(let n):
            try w.write("prompt", n.prompt); try w.write("variable", n.variable)
            try w.write("minDigits", n.minDigits); try w.write("maxDigits", n.maxDigits)
            try w.write("terminator", n.terminator); try w.write("timeoutSeconds", n.timeoutSeconds)
            try w.write("interDigitSeconds", n.interDigitSeconds); try w.write("pattern", n.pattern)
            try w.write("retries", n.retries); try w.write("invalidPrompt", n.invalidPrompt)
            try w.write("next", n.next); try w.write("onFailure", n.onFailure)
            if n.secret { try w.write("secret", true) }
        case .condition(let n):
            try w.write("branches", n.branches); try w.write("otherwise", n.otherwise)
        case .set(let n):
            try w.write("variable", n.variable); try w.write("value", n.value)
            try w.write("expression", n.expression); try w.write("next", n.next)
        case .lookup(let n):
            try w.write("url", n.url); try w.write("method", n.method); try w.write("body", n.body)
            if !n.headers.isEmpty { try w.write("headers", n.headers) }
            try w.write("timeoutMs", n.timeoutMs); try w.write("map", n.map)
            try w.write("next", n.next); try w.write("onFailure", n.onFailure)
        case .businessHours(let n):
            try w.write("open", n.open); try w.write("closed", n.closed); try w.write("holiday", n.holiday)
        case .language(let n):
            try w.write("prompt", n.prompt); try w.write("options", n.options)
            try w.write("timeoutSeconds", n.timeoutSeconds); try w.write("retries", n.retries)
            try w.write("invalidPrompt", n.invalidPrompt); try w.write("fallback", n.fallback); try w.write("next", n.next)
        case .enqueue(let n):
            try w.write("queue", n.queue); try w.write("priority", n.priority)
            if !n.skills.isEmpty { try w.write("skills", n.skills) }
            if !n.screenPop.isEmpty { try w.write("screenPop", n.screenPop) }
            try w.write("maxWaitSeconds", n.maxWaitSeconds); try w.write("answered", n.answered)
            try w.write("afterCall", n.afterCall); try w.write("noAgent", n.noAgent)
        case .announceAgent(let n):
            try w.write("prompt", n.prompt)
        case .transfer(let n):
            try w.write("number", n.number); try w.write("ringSeconds", n.ringSeconds)
            try w.write("busy", n.busy); try w.write("noAnswer", n.noAnswer); try w.write("onFailure", n.onFailure)
        case .voicemail(let n):
            try w.write("mailbox", n.mailbox); try w.write("prompt", n.prompt)
            try w.write("maxSeconds", n.maxSeconds); try w.write("beep", n.beep)
        case .survey(let n):
            try w.write("prompt", n.prompt); try w.write("invalidPrompt", n.invalidPrompt)
            try w.write("timeoutSeconds", n.timeoutSeconds); try w.write("retries", n.retries)
            try w.write("scale", n.scale); try w.write("next", n.next)
        case .extensionDial(let n):
            try w.write("prompt", n.prompt); try w.write("minDigits", n.minDigits); try w.write("maxDigits", n.maxDigits)
            try w.write("terminator", n.terminator); try w.write("timeoutSeconds", n.timeoutSeconds)
            try w.write("retries", n.retries); try w.write("invalidPrompt", n.invalidPrompt)
            try w.write("ringSeconds", n.ringSeconds); try w.write("busy", n.busy)
            try w.write("noAnswer", n.noAnswer); try w.write("onFailure", n.onFailure)
        case .sms(let n):
            try w.write("to", n.to); try w.write("text", n.text); try w.write("next", n.next)
        case .hangUp(let n):
            try w.write("prompt", n.prompt)
        }
    }
}
