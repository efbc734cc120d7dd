// Handling the result of the outstanding action, per phase.

extension FlowExecution {
    mutating func handle(_ event: FlowEvent) -> FlowAction {
        let nodes = flow.definition.nodes
        switch (state.phase, event) {
        case (.playing(let position), .playFinished):
            guard case .play(let play) = nodes[position].kind else { break }
            return goto(play.next, from: position, field: "next")

        case (.goodbye, .playFinished):
            return end(.hangUp)

        case (.builtInApology, .playFinished):
            return enqueueDefault(reason: "apology played")

        case (.menu(let position), .digitsCollected(let collected)):
            return menuKeys(position, collected.digits)

        case (.collecting(let position), .digitsCollected(let collected)):
            return collectedDigits(position, collected.digits)

        case (.choosingLanguage(let position), .digitsCollected(let collected)):
            guard case .language(let node) = nodes[position].kind else { break }
            if let language = node.options[collected.digits] {
                assign("language", language.rawValue)
                note(position, "language \(language) (key \(collected.digits))")
                return goto(node.next, from: position, field: "next")
            }
            if let retry = retry(position, retries: node.retries, timedOut: collected.digits.isEmpty, invalid: node.invalidPrompt, timeoutPrompt: nil,
                                 prompt: node.prompt, max: 1, terminator: "", timeout: node.timeoutSeconds, interDigit: 1) {
                return retry
            }
            let fallback = node.fallback ?? flow.definition.defaultLanguage
            assign("language", fallback.rawValue)
            note(position, "no language chosen; keeping \(fallback)")
            return goto(node.next, from: position, field: "next")

        case (.survey(let position), .digitsCollected(let collected)):
            guard case .survey(let node) = nodes[position].kind else { break }
            if let score = Int(collected.digits), (1...node.scale).contains(score) {
                state.surveyScore = score
                state.variables["survey"] = String(score)
                note(position, "survey score \(score)")
                state.phase = .storingSurvey(position)
                return .recordSurvey(score: score)
            }
            if let retry = retry(position, retries: node.retries, timedOut: collected.digits.isEmpty, invalid: node.invalidPrompt, timeoutPrompt: nil,
                                 prompt: node.prompt, max: 1, terminator: "", timeout: node.timeoutSeconds, interDigit: 1) {
                return retry
            }
            note(position, "no survey score given")
            return surveyDone(position)

        case (.storingSurvey(let position), .surveyRecorded):
            return surveyDone(position)

        case (.keyingExtension(let position), .digitsCollected(let collected)):
            guard case .extensionDial(let node) = nodes[position].kind else { break }
            let digits = collected.digits
            if digits.isAllASCIIDigits && (node.minDigits...node.maxDigits).contains(digits.count) {
                note(position, "caller keyed extension \(digits)")
                state.phase = .findingExtension(position, digits: digits)
                return .findExtension(digits: digits)
            }
            note(position, digits.isEmpty ? "no extension keyed" : "'\(digits)' is not a valid extension")
            return extensionRetry(position, node, timedOut: digits.isEmpty)

        case (.findingExtension(let position, let digits), .extensionFound(let target)):
            guard case .extensionDial(let node) = nodes[position].kind else { break }
            guard let target else {
                note(position, "no extension \(digits) in the directory")
                return extensionRetry(position, node, timedOut: false)
            }
            note(position, "ring extension \(target.number)" + (target.agent.map { " (agent \($0.workNumber))" } ?? ""))
            state.phase = .dialingExtension(position, target)
            return .dialExtension(target, ringSeconds: node.ringSeconds)

        case (.dialingExtension(let position, let target), .transferFinished(let outcome)):
            guard case .extensionDial(let node) = nodes[position].kind else { break }
            switch outcome {
            case .connected:
                note(position, "connected to extension \(target.number)")
                return end(.connectedToExtension(target))
            case .busy: return failBranch(node.busy ?? node.onFailure, position, "extension \(target.number) is busy")
            case .noAnswer: return failBranch(node.noAnswer ?? node.onFailure, position, "extension \(target.number) did not answer")
            case .failed(let reason): return failBranch(node.onFailure, position, "extension \(target.number) failed: \(reason)")
            }

        case (.lookingUp(let position), .lookupCompleted(let response)):
            return lookupCompleted(position, response)

        case (.waitingInQueue(let position), .enqueueFinished(let outcome)):
            switch outcome {
            case .agentAnswered(let agent):
                state.variables["agent.workNumber"] = agent.workNumber.rawValue
                state.variables["agent.name"] = agent.name
                note(position, "agent \(agent.workNumber) answered")
                if let position, case .enqueue(let node) = nodes[position].kind, let answered = flow.position(of: node.answered),
                   case .announceAgent(let announce) = nodes[answered].kind {
                    state.steps += 1
                    let prompt = resolve(announce.prompt)
                    note(answered, "announce agent: \(prompt)")
                    state.phase = .talking(enqueue: position)
                    return .connectAgent(announcement: prompt)
                }
                state.phase = .talking(enqueue: position)
                return .connectAgent(announcement: nil)
            case .noAgent(let reason):
                guard let position, case .enqueue(let node) = nodes[position].kind else {
                    note(nil, "no agent: \(reason)")
                    return end(.hangUp)
                }
                return failBranch(node.noAgent, position, "no agent: \(reason)")
            }

        case (.talking(let position), .conversationEnded):
            note(position, "agent hung up")
            guard let position, case .enqueue(let node) = nodes[position].kind, node.afterCall != nil else { return end(.hangUp) }
            return goto(node.afterCall, from: position, field: "afterCall")

        case (.transferring(let position, let number), .transferFinished(let outcome)):
            guard case .transfer(let node) = nodes[position].kind else { break }
            switch outcome {
            case .connected:
                note(position, "transferred to \(number)")
                return end(.transferred(number))
            case .busy: return failBranch(node.busy ?? node.onFailure, position, "\(number) is busy")
            case .noAnswer: return failBranch(node.noAnswer ?? node.onFailure, position, "\(number) did not answer")
            case .failed(let reason): return failBranch(node.onFailure, position, "transfer to \(number) failed: \(reason)")
            }

        case (.recordingVoicemail(let position), .voicemailRecorded(let seconds)):
            note(position, "recorded \(seconds) s of voicemail")
            return end(.hangUp)

        case (.sendingSMS(let position), .smsFinished(let accepted)):
            guard case .sms(let node) = nodes[position].kind else { break }
            if !accepted { note(position, "SMS gateway did not accept the message; going on") }
            return goto(node.next, from: position, field: "next")

        case (.sendingSMS(let position), .failed(let reason)):
            guard case .sms(let node) = nodes[position].kind else { break }
            note(position, "SMS failed (\(reason)); going on")
            return goto(node.next, from: position, field: "next")

        case (.lookingUp(let position), .failed(let reason)):
            guard case .lookup(let node) = nodes[position].kind else { break }
            return failBranch(node.onFailure, position, "lookup failed: \(reason)")

        case (.dialingExtension(let position, _), .failed(let reason)), (.findingExtension(let position, _), .failed(let reason)):
            guard case .extensionDial(let node) = nodes[position].kind else { break }
            return failBranch(node.onFailure, position, "extension dialing failed: \(reason)")

        case (.transferring(let position, _), .failed(let reason)):
            guard case .transfer(let node) = nodes[position].kind else { break }
            return failBranch(node.onFailure, position, "transfer failed: \(reason)")

        case (.waitingInQueue(let position?), .failed(let reason)):
            guard case .enqueue(let node) = nodes[position].kind else { break }
            return failBranch(node.noAgent, position, "enqueue failed: \(reason)")

        case (.storingSurvey(let position), .failed(let reason)):
            note(position, "survey score not stored: \(reason)")
            return surveyDone(position)

        case (let phase, .failed(let reason)):
            return fail("\(reason) (while \(phase.waitingFor))", at: phase.position)

        default:
            break
        }
        return fail("unexpected event \(event.name) while \(state.phase.waitingFor)", at: state.phase.position)
    }

    private mutating func surveyDone(_ position: Int) -> FlowAction {
        guard case .survey(let node) = flow.definition.nodes[position].kind, node.next != nil else { return end(.hangUp) }
        return goto(node.next, from: position, field: "next")
    }

    private mutating func menuKeys(_ position: Int, _ digits: String) -> FlowAction {
        guard case .menu(let menu) = flow.definition.nodes[position].kind else { return fail("not a menu", at: position) }
        if state.shortcutMenu == position, digits.count >= 2, let target = flow.definition.shortcuts[digits] {
            state.shortcutMenu = nil
            note(position, "shortcut \(digits) → '\(target)'")
            return goto(target, from: position, field: "shortcuts.\(digits)")
        }
        if digits.count == 1 {
            if let target = menu.options[digits] {
                state.shortcutMenu = nil
                note(position, "key \(digits) → '\(target)'")
                return goto(target, from: position, field: "options.\(digits)")
            }
            if digits == "*" && menu.allowBack {
                if !state.menuStack.isEmpty { state.menuStack.removeLast() }
                if let previous = state.menuStack.last {
                    note(position, "key * → back to '\(flow.definition.nodes[previous].id)'")
                    return enter(previous)
                }
                note(position, "key * at the first menu → repeat")
                return enter(position)
            }
            if digits == "0" && menu.zeroForAgent {
                if let agent = menu.agent ?? flow.definition.agentNode {
                    note(position, "key 0 → agent '\(agent)'")
                    return goto(agent, from: position, field: "agent")
                }
                return enqueueDefault(reason: "key 0")
            }
        }
        note(position, digits.isEmpty ? "no key pressed" : "invalid key \(digits)")
        let timedOut = digits.isEmpty
        state.attempts += 1
        if state.attempts > menu.retries {
            return failBranch(menu.onFailure, position, "no valid key after \(menu.retries + 1) tries")
        }
        return .collectDigits(menuCollection(position, reprompt: timedOut ? menu.timeoutPrompt : menu.invalidPrompt))
    }

    private mutating func collectedDigits(_ position: Int, _ digits: String) -> FlowAction {
        guard case .collect(let node) = flow.definition.nodes[position].kind else { return fail("not a collect node", at: position) }
        var problem: String?
        if digits.isEmpty { problem = "nothing keyed" }
        else if !(node.minDigits...node.maxDigits).contains(digits.count) {
            problem = "\(digits.count) digits keyed, \(node.minDigits)-\(node.maxDigits) expected"
        } else if let pattern = flow.patterns[position], !pattern.matches(digits) {
            problem = "entry does not match \(pattern)"
        }
        guard let problem else {
            assign(node.variable, digits)
            state.variables["digits"] = node.secret ? "" : digits
            note(position, "collected \(digits.count) digits into \(node.variable)")
            return goto(node.next, from: position, field: "next")
        }
        note(position, problem)
        if let retry = retry(position, retries: node.retries, timedOut: digits.isEmpty, invalid: node.invalidPrompt, timeoutPrompt: nil,
                             prompt: node.prompt, max: node.maxDigits, terminator: node.terminator, timeout: node.timeoutSeconds,
                             interDigit: node.interDigitSeconds) {
            return retry
        }
        return failBranch(node.onFailure, position, "no valid entry after \(node.retries + 1) tries")
    }

    private mutating func extensionRetry(_ position: Int, _ node: ExtensionNode, timedOut: Bool) -> FlowAction {
        state.phase = .keyingExtension(position)
        if let retry = retry(position, retries: node.retries, timedOut: timedOut, invalid: node.invalidPrompt, timeoutPrompt: nil,
                             prompt: node.prompt, max: node.maxDigits, terminator: node.terminator, timeout: node.timeoutSeconds, interDigit: 3) {
            return retry
        }
        return failBranch(node.onFailure, position, "no valid extension after \(node.retries + 1) tries")
    }

    /// Counts a failed try; returns the re-prompting collection, or nil when tries are used up.
    private mutating func retry(_ position: Int, retries: Int, timedOut: Bool, invalid: Prompt?, timeoutPrompt: Prompt?,
                                prompt: Prompt, max: Int, terminator: String, timeout: Int, interDigit: Int) -> FlowAction? {
        state.attempts += 1
        guard state.attempts <= retries else { return nil }
        return .collectDigits(collection(prompt, reprompt: timedOut ? timeoutPrompt : invalid, max: max, terminator: terminator,
                                         timeout: timeout, interDigit: interDigit))
    }

    private mutating func lookupCompleted(_ position: Int, _ response: LookupResponse) -> FlowAction {
        guard case .lookup(let node) = flow.definition.nodes[position].kind else { return fail("not a lookup", at: position) }
        guard (200..<300).contains(response.status) else {
            return failBranch(node.onFailure, position, "lookup answered HTTP \(response.status)")
        }
        var values: [(String, String)] = []
        for name in node.map.keys.sorted() {
            let path = node.map[name]!
            guard let text = response.body?.value(at: path)?.text else {
                return failBranch(node.onFailure, position, "lookup response has no field '\(path)'")
            }
            values.append((name, text))
        }
        for (name, text) in values { assign(name, text) }
        note(position, "lookup answered \(response.status); set \(values.map(\.0).joined(separator: ", "))")
        return goto(node.next, from: position, field: "next")
    }
}

extension FlowEvent {
    /// The event's name for traces.
    var name: String {
        switch self {
        case .playFinished: return "playFinished"
        case .digitsCollected: return "digitsCollected"
        case .lookupCompleted: return "lookupCompleted"
        case .enqueueFinished: return "enqueueFinished"
        case .conversationEnded: return "conversationEnded"
        case .transferFinished: return "transferFinished"
        case .voicemailRecorded: return "voicemailRecorded"
        case .smsFinished: return "smsFinished"
        case .surveyRecorded: return "surveyRecorded"
        case .extensionFound: return "extensionFound"
        case .failed: return "failed"
        case .callerHungUp: return "callerHungUp"
        }
    }
}
