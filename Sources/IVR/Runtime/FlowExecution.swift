// The IVR interpreter as a sans-I/O state machine: it asks for actions, is told events
// (each with the time), and never waits, sleeps or reads a clock. FlowRunner drives it over
// a real or fake CallControl; DryRunSession drives it from an admin's typed keys.

/// One call's run through a flow.
public struct FlowExecution: Sendable {
    /// Where the execution stands, as a value: what it waits for and the call's data.
    /// Codable, so an HTTP API can keep a dry run between requests.
    public struct Snapshot: Hashable, Sendable, Codable {
        var phase: Phase
        var variables: [String: String]
        var language: Language
        var steps: Int
        var budget: Int
        var attempts: Int
        var menuStack: [Int]
        var shortcutMenu: Int?
        var shortcutsOffered: Bool
        var inErrorHandler: Bool
        var surveyScore: Int?
        var errors: [String]
        var trace: [FlowTraceEntry]
        var now: UnixTime
        var calendar: TenantCalendar
        var flowID: FlowID
        var flowVersion: Int
    }

    /// What the execution waits for; positions index the flow's nodes.
    enum Phase: Hashable, Sendable, Codable {
        case notStarted
        case playing(Int)
        case goodbye(Int)
        case menu(Int)
        case collecting(Int)
        case choosingLanguage(Int)
        case survey(Int)
        case storingSurvey(Int)
        case keyingExtension(Int)
        case findingExtension(Int, digits: String)
        case dialingExtension(Int, ExtensionTarget)
        case lookingUp(Int)
        case waitingInQueue(Int?)
        case talking(enqueue: Int?)
        case transferring(Int, PhoneNumber)
        case recordingVoicemail(Int)
        case sendingSMS(Int)
        case builtInApology
        case finished(FlowResult)
    }

    /// The trace lines kept (up to 100 more between trims); older lines are dropped first.
    public static let traceLimit = 500

    public let flow: PreparedFlow
    var state: Snapshot

    /// A fresh execution of `flow` for `call`, on the tenant's `calendar`.
    public init(flow: PreparedFlow, call: CallContext, calendar: TenantCalendar) {
        self.flow = flow
        var variables = flow.definition.variables
        for (name, value) in call.variables { variables[name] = value }
        variables["caller"] = call.caller.rawValue
        variables["called"] = call.called.rawValue
        variables["tier"] = call.tier.rawValue
        variables["priority"] = String(call.priority)
        variables["language"] = flow.definition.defaultLanguage.rawValue
        if let area = call.area {
            variables["area.province"] = area.province
            variables["area.city"] = area.city
        }
        state = Snapshot(
            phase: .notStarted, variables: variables, language: flow.definition.defaultLanguage, steps: 0,
            budget: flow.definition.maxSteps, attempts: 0, menuStack: [], shortcutMenu: nil, shortcutsOffered: false,
            inErrorHandler: false, surveyScore: nil, errors: [], trace: [], now: UnixTime(secondsSince1970: 0),
            calendar: calendar, flowID: flow.definition.id, flowVersion: flow.definition.version)
    }

    /// Resumes an execution from a snapshot taken of the same flow version.
    public init(flow: PreparedFlow, resuming snapshot: Snapshot) throws(FlowResumeError) {
        guard snapshot.flowID == flow.definition.id, snapshot.flowVersion == flow.definition.version else {
            throw FlowResumeError(reason: "the snapshot is of flow '\(snapshot.flowID)' version \(snapshot.flowVersion), not '\(flow.definition.id)' version \(flow.definition.version)")
        }
        self.flow = flow
        self.state = snapshot
    }

    /// The execution's state as a value.
    public var snapshot: Snapshot { state }

    /// The call's variables now.
    public var variables: [String: String] { state.variables }

    /// The trace so far.
    public var trace: [FlowTraceEntry] { state.trace }

    /// The result, once the flow has ended.
    public var result: FlowResult? {
        if case .finished(let result) = state.phase { return result }
        return nil
    }

    /// The node the execution is at (or waits in).
    public var currentNode: NodeID? {
        guard let position = state.phase.position else { return nil }
        return flow.definition.nodes[position].id
    }

    /// Starts the flow at its start node.
    public mutating func start(at now: UnixTime) -> FlowAction {
        guard case .notStarted = state.phase else { return unexpected("start", now: now) }
        state.now = now
        return goto(flow.definition.start, from: nil, field: "start")
    }

    /// Feeds the result of the outstanding action; returns the next action.
    public mutating func received(_ event: FlowEvent, at now: UnixTime) -> FlowAction {
        state.now = now
        if case .finished(let result) = state.phase { return .end(result) }
        if case .callerHungUp = event {
            note(nil, "caller hung up")
            return end(.callerHungUp)
        }
        return handle(event)
    }

    // MARK: - variables

    /// The value of a variable as templates and expressions see it.
    func value(of name: String) -> String? {
        if name.hasPrefix("time.") {
            let local = state.calendar.localDateTime(at: state.now)
            switch name {
            case "time.date": return local.date.description
            case "time.hour": return String(local.hour)
            case "time.minute": return String(local.minute)
            case "time.weekday": return String(local.weekday.rawValue)
            case "time.officeHours": return state.calendar.isOfficeHours(local) ? "true" : "false"
            case "time.holiday":
                if case .holiday = state.calendar.dayKind(local) { return "true" }
                return "false"
            default: return nil
            }
        }
        return state.variables[name]
    }

    func resolve(_ prompt: Prompt) -> ResolvedPrompt {
        prompt.resolve(language: state.language, fallback: flow.definition.defaultLanguage) { value(of: $0) }
    }

    func render(_ template: TextTemplate) -> String { template.render { value(of: $0) } }

    // MARK: - trace and ending

    mutating func note(_ position: Int?, _ text: String) {
        let id = position.map { flow.definition.nodes[$0].id }
        state.trace.append(FlowTraceEntry(step: state.steps, node: id, text: text))
        // Trim in batches so a long call does not shift the whole trace on every step.
        if state.trace.count >= FlowExecution.traceLimit + 100 { state.trace.removeFirst(state.trace.count - FlowExecution.traceLimit) }
    }

    mutating func end(_ disposition: FlowDisposition) -> FlowAction {
        let result = FlowResult(
            disposition: disposition, lastNode: currentNode, steps: state.steps,
            variables: state.variables.filter { !flow.secretVariables.contains($0.key) },
            surveyScore: state.surveyScore, errors: state.errors, trace: state.trace)
        state.phase = .finished(result)
        return .end(result)
    }

    mutating func unexpected(_ what: String, now: UnixTime) -> FlowAction {
        fail("unexpected \(what) while \(state.phase.waitingFor)", at: state.phase.position)
    }
}

/// A snapshot does not belong to the flow it was resumed with.
public struct FlowResumeError: Error, Hashable, Sendable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}

extension FlowExecution.Phase {
    /// The node the phase belongs to.
    var position: Int? {
        switch self {
        case .playing(let p), .goodbye(let p), .menu(let p), .collecting(let p), .choosingLanguage(let p), .survey(let p),
             .storingSurvey(let p), .keyingExtension(let p), .findingExtension(let p, _), .dialingExtension(let p, _),
             .lookingUp(let p), .transferring(let p, _), .recordingVoicemail(let p), .sendingSMS(let p):
            return p
        case .waitingInQueue(let p): return p
        case .talking(let p): return p
        case .notStarted, .builtInApology, .finished: return nil
        }
    }

    /// What the phase waits for, in words.
    var waitingFor: String {
        switch self {
        case .notStarted: return "not started"
        case .playing, .goodbye, .builtInApology: return "waiting for a prompt to finish"
        case .menu, .collecting, .choosingLanguage, .survey, .keyingExtension: return "waiting for keys"
        case .storingSurvey: return "storing the survey score"
        case .findingExtension: return "looking up an extension"
        case .dialingExtension: return "ringing an extension"
        case .lookingUp: return "waiting for an HTTP lookup"
        case .waitingInQueue: return "waiting in a queue"
        case .talking: return "connected to an agent"
        case .transferring: return "transferring"
        case .recordingVoicemail: return "recording voicemail"
        case .sendingSMS: return "sending an SMS"
        case .finished: return "finished"
        }
    }
}
