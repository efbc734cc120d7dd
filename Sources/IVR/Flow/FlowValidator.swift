// Checks a flow before it is published: every problem, by node id and field.

extension FlowDefinition {
    /// Every problem of the flow: flow fields first, then each node in order, then the graph
    /// (unreachable nodes, loops without input). Empty when the flow may be published.
    public func validate(references: FlowReferences = FlowReferences()) -> [FlowProblem] {
        var v = FlowValidation(flow: self, references: references)
        v.run()
        return v.problems
    }
}

struct FlowValidation {
    let flow: FlowDefinition
    let references: FlowReferences
    var problems: [FlowProblem] = []
    var index: [NodeID: Int] = [:]
    var known: Set<String> = BuiltInVariables.all

    init(flow: FlowDefinition, references: FlowReferences) {
        self.flow = flow
        self.references = references
    }

    mutating func report(_ node: NodeID?, _ field: String, _ message: String) {
        problems.append(FlowProblem(node: node, field: field, message: message))
    }

    mutating func run() {
        for (position, node) in flow.nodes.enumerated() {
            if node.id.rawValue.isEmpty { report(nil, "nodes[\(position)].id", "a node needs an id") }
            else if index[node.id] != nil { report(node.id, "id", "another node already has the id '\(node.id)'") }
            else { index[node.id] = position }
        }
        known.formUnion(flow.variables.keys)
        for node in flow.nodes {
            switch node.kind {
            case .set(let set): known.insert(set.variable)
            case .collect(let collect): known.insert(collect.variable)
            case .lookup(let lookup): known.formUnion(lookup.map.keys)
            default: break
            }
        }
        checkFlowFields()
        for node in flow.nodes { checkNode(node) }
        checkGraph()
    }

    mutating func checkTarget(_ node: NodeID?, _ field: String, _ target: NodeID?, required: Bool) {
        guard let target else {
            if required { report(node, field, "missing target") }
            return
        }
        if index[target] == nil { report(node, field, "target '\(target)' does not exist") }
    }

    mutating func checkFlowFields() {
        if flow.id.rawValue.isEmpty { report(nil, "id", "a flow needs an id") }
        if flow.version < 1 { report(nil, "version", "versions start at 1 (found \(flow.version))") }
        checkTarget(nil, "start", flow.start, required: true)
        if flow.defaultQueue.rawValue.isEmpty { report(nil, "defaultQueue", "name the queue that takes calls when something fails") }
        else if let queues = references.queues, !queues.contains(flow.defaultQueue) { report(nil, "defaultQueue", "no queue '\(flow.defaultQueue)'") }
        checkTarget(nil, "agentNode", flow.agentNode, required: false)
        checkTarget(nil, "errorNode", flow.errorNode, required: false)
        checkPrompt(nil, "apology", flow.apology)
        if !(10...10_000).contains(flow.maxSteps) { report(nil, "maxSteps", "must be between 10 and 10000 (found \(flow.maxSteps))") }
        for name in flow.variables.keys.sorted() {
            if !VariableName.isValid(name) { report(nil, "variables.\(name)", "'\(name)' is not a variable name") }
            else if BuiltInVariables.readOnly.contains(name) { report(nil, "variables.\(name)", "'\(name)' is set by the platform and cannot be declared") }
        }
        for digits in flow.shortcuts.keys.sorted() {
            let field = "shortcuts.\(digits)"
            if digits.isEmpty || !digits.allSatisfy(\.isDTMFCharacter) { report(nil, field, "a shortcut is a path of keys 0-9, * and #") }
            else if digits.count < 2 { report(nil, field, "a shortcut needs at least two keys (one key is a menu option)") }
            checkTarget(nil, field, flow.shortcuts[digits], required: true)
        }
    }

    mutating func checkPrompt(_ node: NodeID?, _ field: String, _ prompt: Prompt) {
        if case .localized(let map) = prompt, map.isEmpty { report(node, field, "a localized prompt needs at least one language") }
        if let known = references.prompts {
            for file in prompt.files where !known.contains(file) { report(node, field, "prompt '\(file)' does not exist") }
        }
        for template in prompt.templates { checkTemplate(node, field, template) }
    }

    mutating func checkTemplate(_ node: NodeID?, _ field: String, _ template: TextTemplate) {
        for name in template.variables where !known.contains(name) { report(node, field, "unknown variable '\(name)'") }
    }

    mutating func checkExpression(_ node: NodeID?, _ field: String, _ source: String) {
        do {
            let expression = try FlowExpression(source)
            for name in expression.variables where !known.contains(name) { report(node, field, "unknown variable '\(name)'") }
        } catch {
            report(node, field, "'\(source)': \(error)")
        }
    }

    mutating func checkAssignable(_ node: NodeID, _ field: String, _ name: String) {
        if !VariableName.isValid(name) { report(node, field, "'\(name)' is not a variable name") }
        else if BuiltInVariables.readOnly.contains(name) { report(node, field, "'\(name)' is set by the platform and cannot be assigned") }
    }

    mutating func checkRange(_ node: NodeID, _ field: String, _ value: Int, _ range: ClosedRange<Int>) {
        if !range.contains(value) { report(node, field, "must be between \(range.lowerBound) and \(range.upperBound) (found \(value))") }
    }

    mutating func checkKeys(_ node: NodeID, _ keys: [String]) {
        for key in keys.sorted() where key.count != 1 || !key.allSatisfy(\.isDTMFCharacter) {
            report(node, "options.\(key)", "'\(key)' is not a single key (0-9, * or #)")
        }
    }

    mutating func checkNode(_ node: FlowNode) {
        let id = node.id
        let required = node.kind.requiredEdges
        for (field, prompt) in node.kind.prompts { checkPrompt(id, field, prompt) }
        for edge in node.kind.edges { checkTarget(id, edge.field, edge.target, required: required.contains(edge.field)) }
        switch node.kind {
        case .menu(let menu):
            if menu.options.isEmpty { report(id, "options", "a menu needs at least one option") }
            checkKeys(id, Array(menu.options.keys))
            checkRange(id, "timeoutSeconds", menu.timeoutSeconds, 1...60)
            checkRange(id, "retries", menu.retries, 0...5)
        case .collect(let collect):
            checkAssignable(id, "variable", collect.variable)
            checkRange(id, "maxDigits", collect.maxDigits, 1...32)
            if collect.minDigits < 1 || collect.minDigits > collect.maxDigits {
                report(id, "minDigits", "must be between 1 and maxDigits \(collect.maxDigits) (found \(collect.minDigits))")
            }
            if !["", "#", "*"].contains(collect.terminator) { report(id, "terminator", "use '#', '*' or '' (found '\(collect.terminator)')") }
            checkRange(id, "timeoutSeconds", collect.timeoutSeconds, 1...60)
            checkRange(id, "interDigitSeconds", collect.interDigitSeconds, 1...30)
            checkRange(id, "retries", collect.retries, 0...5)
            if let pattern = collect.pattern {
                do { _ = try DigitPattern(pattern) } catch { report(id, "pattern", "'\(pattern)' is not a valid pattern: \(error)") }
            }
        case .condition(let condition):
            if condition.branches.isEmpty { report(id, "branches", "a condition needs at least one branch") }
            for (position, branch) in condition.branches.enumerated() { checkExpression(id, "branches[\(position)].when", branch.when) }
        case .set(let set):
            checkAssignable(id, "variable", set.variable)
            switch (set.value, set.expression) {
            case (let value?, nil): checkTemplate(id, "value", value)
            case (nil, let expression?): checkExpression(id, "expression", expression)
            default: report(id, "value", "give either value or expression")
            }
        case .lookup(let lookup):
            let url = lookup.url.source
            if !(url.hasPrefix("http://") || url.hasPrefix("https://")) { report(id, "url", "'\(url)' must start with http:// or https://") }
            checkTemplate(id, "url", lookup.url)
            if let body = lookup.body { checkTemplate(id, "body", body) }
            for name in lookup.headers.keys.sorted() { checkTemplate(id, "headers.\(name)", lookup.headers[name]!) }
            if let timeout = lookup.timeoutMs { checkRange(id, "timeoutMs", timeout, 100...10_000) }
            else { report(id, "timeoutMs", "an HTTP lookup needs a timeout (100 to 10000 ms)") }
            for name in lookup.map.keys.sorted() {
                checkAssignable(id, "map.\(name)", name)
                if lookup.map[name]!.isEmpty { report(id, "map.\(name)", "give the JSON path to read") }
            }
        case .language(let language):
            if language.options.isEmpty { report(id, "options", "list at least one language") }
            checkKeys(id, Array(language.options.keys))
            for key in language.options.keys.sorted() where language.options[key]!.rawValue.isEmpty { report(id, "options.\(key)", "name a language") }
            checkRange(id, "timeoutSeconds", language.timeoutSeconds, 1...60)
            checkRange(id, "retries", language.retries, 0...5)
        case .enqueue(let enqueue):
            if enqueue.queue.rawValue.isEmpty { report(id, "queue", "name a queue") }
            else if let queues = references.queues, !queues.contains(enqueue.queue) { report(id, "queue", "no queue '\(enqueue.queue)'") }
            if let priority = enqueue.priority, priority < 0 { report(id, "priority", "must not be negative") }
            for label in enqueue.screenPop.keys.sorted() { checkTemplate(id, "screenPop.\(label)", enqueue.screenPop[label]!) }
            if let wait = enqueue.maxWaitSeconds { checkRange(id, "maxWaitSeconds", wait, 5...3600) }
            if let answered = enqueue.answered, let target = index[answered] {
                if case .announceAgent = flow.nodes[target].kind {} else {
                    report(id, "answered", "'\(answered)' must be an announceAgent node")
                }
            }
        case .transfer(let transfer):
            if transfer.number.source.isEmpty { report(id, "number", "give the number to transfer to") }
            checkTemplate(id, "number", transfer.number)
            checkRange(id, "ringSeconds", transfer.ringSeconds, 5...120)
        case .voicemail(let voicemail):
            if voicemail.mailbox.isEmpty { report(id, "mailbox", "name a mailbox") }
            checkRange(id, "maxSeconds", voicemail.maxSeconds, 5...600)
        case .survey(let survey):
            checkRange(id, "scale", survey.scale, 2...9)
            checkRange(id, "timeoutSeconds", survey.timeoutSeconds, 1...60)
            checkRange(id, "retries", survey.retries, 0...5)
        case .extensionDial(let dial):
            checkRange(id, "maxDigits", dial.maxDigits, 1...16)
            if dial.minDigits < 1 || dial.minDigits > dial.maxDigits {
                report(id, "minDigits", "must be between 1 and maxDigits \(dial.maxDigits) (found \(dial.minDigits))")
            }
            if !["", "#", "*"].contains(dial.terminator) { report(id, "terminator", "use '#', '*' or '' (found '\(dial.terminator)')") }
            checkRange(id, "ringSeconds", dial.ringSeconds, 5...120)
            checkRange(id, "retries", dial.retries, 0...5)
        case .sms(let sms):
            checkTemplate(id, "to", sms.to)
            if sms.text.source.isEmpty { report(id, "text", "an SMS needs text") }
            checkTemplate(id, "text", sms.text)
        case .play, .businessHours, .announceAgent, .hangUp:
            break
        }
    }
}
