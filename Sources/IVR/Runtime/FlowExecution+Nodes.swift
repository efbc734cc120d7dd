// Entering nodes: computing nodes run at once, the others return the action they need.

extension FlowExecution {
    /// Extra steps the error branch gets after the budget ran out.
    static let errorBranchSteps = 25

    mutating func goto(_ target: NodeID?, from position: Int?, field: String) -> FlowAction {
        guard let target else { return fail("no target for '\(field)'", at: position) }
        guard let next = flow.index[target] else { return fail("target '\(target)' of '\(field)' does not exist", at: position) }
        return enter(next)
    }

    /// Sends the call to the error branch: the flow's error node, else the apology and the
    /// default queue. A failure inside the error branch goes straight to the default queue;
    /// one there hangs up.
    mutating func fail(_ reason: String, at position: Int?) -> FlowAction {
        state.errors.append(reason)
        note(position, "error: \(reason)")
        if case .builtInApology = state.phase { return end(.hangUp) }
        if case .waitingInQueue(nil) = state.phase { return end(.hangUp) }
        if !state.inErrorHandler {
            state.inErrorHandler = true
            state.budget = state.steps + FlowExecution.errorBranchSteps
            if let errorNode = flow.position(of: flow.definition.errorNode) {
                note(nil, "→ error branch '\(flow.definition.nodes[errorNode].id)'")
                return enter(errorNode)
            }
        }
        note(nil, "→ apologise and enqueue to '\(flow.definition.defaultQueue)'")
        state.phase = .builtInApology
        return .play(resolve(flow.definition.apology))
    }

    mutating func enqueueDefault(reason: String) -> FlowAction {
        note(nil, "\(reason) → enqueue to '\(flow.definition.defaultQueue)'")
        state.phase = .waitingInQueue(nil)
        return .enqueue(EnqueueRequest(
            queue: flow.definition.defaultQueue, priority: Int(state.variables["priority"] ?? "") ?? 0, skills: [],
            screenPop: [:], maxWaitSeconds: nil, language: state.language, tier: CustomerTier(state.variables["tier"] ?? "standard")))
    }

    /// Enters the node at `position`, running computing nodes until one needs the call.
    mutating func enter(_ start: Int) -> FlowAction {
        var position = start
        while true {
            state.steps += 1
            if state.steps > state.budget {
                if state.inErrorHandler {
                    state.errors.append("step budget exhausted in the error branch")
                    return enqueueDefault(reason: "step budget exhausted in the error branch")
                }
                return fail("step budget of \(flow.definition.maxSteps) exhausted", at: position)
            }
            state.attempts = 0
            let node = flow.definition.nodes[position]
            switch node.kind {
            case .condition(let condition):
                var chosen = condition.otherwise
                var label = "otherwise"
                for (index, expression) in (flow.conditions[position] ?? []).enumerated() {
                    do {
                        if try expression.isTrue({ value(of: $0) }) {
                            chosen = condition.branches[index].next
                            label = "'\(expression)'"
                            break
                        }
                    } catch {
                        return fail("condition '\(expression)': \(error)", at: position)
                    }
                }
                note(position, "condition: \(label) → \(chosen.map(\.rawValue) ?? "nothing")")
                guard let next = flow.position(of: chosen) else { return fail("no target for \(label)", at: position) }
                position = next

            case .set(let set):
                let newValue: String
                if let expression = flow.setExpressions[position] {
                    do { newValue = try expression.evaluate({ value(of: $0) }).description } catch {
                        return fail("set \(set.variable): \(error)", at: position)
                    }
                } else {
                    newValue = set.value.map(render) ?? ""
                }
                assign(set.variable, newValue)
                note(position, "set \(set.variable) = \(newValue)")
                guard let next = flow.position(of: set.next) else { return fail("no target for 'next'", at: position) }
                position = next

            case .businessHours(let hours):
                let local = state.calendar.localDateTime(at: state.now)
                let open = state.calendar.isOfficeHours(local)
                var target = open ? hours.open : hours.closed
                var label = open ? "open" : "closed"
                if case .holiday(let name) = state.calendar.dayKind(local), let holiday = hours.holiday {
                    target = holiday
                    label = "holiday \(name)"
                }
                note(position, "business hours at \(local): \(label)")
                guard let next = flow.position(of: target) else { return fail("no target for '\(label)'", at: position) }
                position = next

            default:
                return enterWaiting(position, node)
            }
        }
    }

    mutating func assign(_ name: String, _ newValue: String) {
        state.variables[name] = newValue
        if name == "language" { state.language = Language(newValue) }
    }

    /// Enters a node that needs the call.
    private mutating func enterWaiting(_ position: Int, _ node: FlowNode) -> FlowAction {
        switch node.kind {
        case .play(let play):
            let prompt = resolve(play.prompt)
            note(position, "play \(prompt)")
            state.phase = .playing(position)
            return .play(prompt)
        case .menu:
            if state.menuStack.last != position { state.menuStack.append(position) }
            if !state.shortcutsOffered && flow.maxShortcutLength > 0 {
                state.shortcutsOffered = true
                state.shortcutMenu = position
            }
            state.phase = .menu(position)
            return .collectDigits(menuCollection(position, reprompt: nil))
        case .collect(let collect):
            state.phase = .collecting(position)
            return .collectDigits(collection(collect.prompt, reprompt: nil, max: collect.maxDigits, terminator: collect.terminator,
                                             timeout: collect.timeoutSeconds, interDigit: collect.interDigitSeconds))
        case .language(let language):
            state.phase = .choosingLanguage(position)
            return .collectDigits(collection(language.prompt, reprompt: nil, max: 1, terminator: "", timeout: language.timeoutSeconds, interDigit: 1))
        case .survey(let survey):
            state.phase = .survey(position)
            return .collectDigits(collection(survey.prompt, reprompt: nil, max: 1, terminator: "", timeout: survey.timeoutSeconds, interDigit: 1))
        case .extensionDial(let dial):
            state.phase = .keyingExtension(position)
            return .collectDigits(collection(dial.prompt, reprompt: nil, max: dial.maxDigits, terminator: dial.terminator,
                                             timeout: dial.timeoutSeconds, interDigit: 3))
        case .lookup(let lookup):
            guard let timeout = lookup.timeoutMs else { return fail("HTTP lookup without a timeout", at: position) }
            let request = LookupRequest(
                method: lookup.method, url: lookup.url.render { value(of: $0).map(percentEncoded) },
                headers: lookup.headers.mapValues(render), body: lookup.body.map(render), timeoutMs: timeout)
            note(position, "lookup \(request.method.rawValue) \(request.url)")
            state.phase = .lookingUp(position)
            return .lookup(request)
        case .enqueue(let enqueue):
            let request = EnqueueRequest(
                queue: enqueue.queue, priority: enqueue.priority ?? Int(state.variables["priority"] ?? "") ?? 0,
                skills: enqueue.skills, screenPop: enqueue.screenPop.mapValues(render), maxWaitSeconds: enqueue.maxWaitSeconds,
                language: state.language, tier: CustomerTier(state.variables["tier"] ?? "standard"))
            note(position, "enqueue to '\(request.queue)' priority \(request.priority)")
            state.phase = .waitingInQueue(position)
            return .enqueue(request)
        case .transfer(let transfer):
            let number = PhoneNumber(render(transfer.number))
            guard number.isWellFormed else { return failBranch(transfer.onFailure, position, "'\(number)' is not a number to transfer to") }
            note(position, "transfer to \(number)")
            state.phase = .transferring(position, number)
            return .transfer(TransferRequest(number: number, ringSeconds: transfer.ringSeconds))
        case .voicemail(let voicemail):
            note(position, "voicemail into '\(voicemail.mailbox)'")
            state.phase = .recordingVoicemail(position)
            return .recordVoicemail(VoicemailRequest(mailbox: voicemail.mailbox, greeting: voicemail.prompt.map(resolve),
                                                     maxSeconds: voicemail.maxSeconds, beep: voicemail.beep))
        case .sms(let sms):
            let to = PhoneNumber(render(sms.to))
            guard to.isWellFormed else {
                note(position, "SMS not sent: '\(to)' is not a number")
                return goto(sms.next, from: position, field: "next")
            }
            note(position, "SMS to \(to)")
            state.phase = .sendingSMS(position)
            return .sendSMS(SMSMessage(to: to, text: render(sms.text)))
        case .hangUp(let hangUp):
            if let prompt = hangUp.prompt {
                let resolved = resolve(prompt)
                note(position, "play \(resolved), then hang up")
                state.phase = .goodbye(position)
                return .play(resolved)
            }
            note(position, "hang up")
            state.phase = .goodbye(position)
            return end(.hangUp)
        case .announceAgent:
            return fail("announceAgent reached outside an enqueue's answered branch", at: position)
        case .condition, .set, .businessHours:
            return enter(position)
        }
    }

    /// The digit collection of a menu, with the shortcut length at the first menu.
    func menuCollection(_ position: Int, reprompt: Prompt?) -> DigitCollection {
        guard case .menu(let menu) = flow.definition.nodes[position].kind else { preconditionFailure("not a menu") }
        let shortcuts = state.shortcutMenu == position
        return collection(menu.prompt, reprompt: reprompt, max: shortcuts ? max(1, flow.maxShortcutLength) : 1,
                          terminator: "", timeout: menu.timeoutSeconds, interDigit: shortcuts ? 2 : 1)
    }

    func collection(_ prompt: Prompt, reprompt: Prompt?, max: Int, terminator: String, timeout: Int, interDigit: Int) -> DigitCollection {
        DigitCollection(prompts: (reprompt.map { [resolve($0)] } ?? []) + [resolve(prompt)], maxDigits: max,
                        terminator: terminator.isEmpty ? nil : terminator, firstDigitTimeoutSeconds: timeout,
                        interDigitTimeoutSeconds: interDigit)
    }

    /// Goes to a node's failure branch, or to the error branch when it has none.
    mutating func failBranch(_ branch: NodeID?, _ position: Int, _ reason: String) -> FlowAction {
        guard let branch else { return fail(reason, at: position) }
        note(position, "\(reason) → '\(branch)'")
        return goto(branch, from: position, field: "onFailure")
    }
}

/// Percent-encodes a value for a URL (RFC 3986 unreserved characters stay as they are).
func percentEncoded(_ text: String) -> String {
    var output = ""
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            output.unicodeScalars.append(UnicodeScalar(byte))
        default:
            let hex = Array("0123456789ABCDEF".unicodeScalars)
            output.unicodeScalars.append("%")
            output.unicodeScalars.append(hex[Int(byte >> 4)])
            output.unicodeScalars.append(hex[Int(byte & 0xF)])
        }
    }
    return output
}
