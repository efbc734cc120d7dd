// The "dry run" an admin drives from the console: the flow runs on no call, stops whenever
// it needs keys, and the admin types them. Everything else is simulated from Options.
//
// An HTTP API can hold a session in memory between requests, or keep only `snapshot`
// (Codable) and rebuild the session with `init(flow:resuming:)` on the next request.

/// A step-by-step run of a flow without a call.
public struct DryRunSession: Sendable {
    /// How the simulated world answers.
    public struct Options: Hashable, Sendable, Codable {
        /// The instant the call happens (the admin's "Saturday 20:00"); fixed for the run.
        public var time: UnixTime
        /// Canned answers of lookup nodes by node id; a lookup without one fails, unless
        /// `pauseAtLookups` is set.
        public var lookupResponses: [NodeID: LookupResponse]
        /// Stop at lookups without a canned answer so the server can perform the real HTTP
        /// request and hand the answer in with ``DryRunSession/answerLookup(_:)``.
        public var pauseAtLookups: Bool
        /// The switchboard directory: keyed number → target.
        public var directory: [String: ExtensionTarget]
        /// The agent who answers queued calls, or nil for "no agent available".
        public var answeringAgent: AgentInfo?
        /// How transfers and extension calls go.
        public var transferOutcome: TransferOutcome
        /// Whether the SMS gateway accepts messages.
        public var smsAccepted: Bool

        public init(time: UnixTime, lookupResponses: [NodeID: LookupResponse] = [:], directory: [String: ExtensionTarget] = [:],
                    answeringAgent: AgentInfo? = AgentInfo(workNumber: "1001", name: "Test Agent"),
                    transferOutcome: TransferOutcome = .connected, smsAccepted: Bool = true, pauseAtLookups: Bool = false) {
            self.time = time
            self.lookupResponses = lookupResponses
            self.pauseAtLookups = pauseAtLookups
            self.directory = directory
            self.answeringAgent = answeringAgent
            self.transferOutcome = transferOutcome
            self.smsAccepted = smsAccepted
        }
    }

    /// What the session waits for after a step.
    public enum Awaiting: Hashable, Sendable {
        /// Keys from the admin, for the node named, with what the caller would hear.
        case digits(node: NodeID?, DigitCollection)
        /// The answer of a real HTTP lookup (``Options/pauseAtLookups``).
        case lookup(node: NodeID?, LookupRequest)
        /// The flow ended.
        case finished(FlowResult)
    }

    /// The answer to one request: what happened since the last, and what comes next.
    public struct Step: Hashable, Sendable {
        /// Lines such as `play TTS "欢迎致电" (zh)`, `enqueue to 'service' priority 10`.
        public var lines: [String]
        public var awaiting: Awaiting
    }

    /// Everything needed to rebuild the session with the same flow.
    public struct Snapshot: Hashable, Sendable, Codable {
        public var execution: FlowExecution.Snapshot
        public var options: Options
        public var transcript: [String]
        var pending: PendingAction?
    }

    enum PendingAction: Hashable, Sendable, Codable {
        case digits(DigitCollection)
        case lookup(LookupRequest)
        case finished
    }

    private var execution: FlowExecution
    public private(set) var options: Options
    /// Every line so far.
    public private(set) var transcript: [String] = []
    private var pending: PendingAction?

    /// A new dry run of `flow` for a call described by `call`.
    public init(flow: PreparedFlow, call: CallContext, calendar: TenantCalendar, options: Options) {
        execution = FlowExecution(flow: flow, call: call, calendar: calendar)
        self.options = options
    }

    /// Rebuilds a session from its snapshot and the same flow version.
    public init(flow: PreparedFlow, resuming snapshot: Snapshot) throws(FlowResumeError) {
        execution = try FlowExecution(flow: flow, resuming: snapshot.execution)
        options = snapshot.options
        transcript = snapshot.transcript
        pending = snapshot.pending
    }

    /// The session as a value.
    public var snapshot: Snapshot {
        Snapshot(execution: execution.snapshot, options: options, transcript: transcript, pending: pending)
    }

    /// The flow's variables now (for the console's variable panel).
    public var variables: [String: String] { execution.variables }

    /// Starts the run; returns the first stop.
    public mutating func start() throws(DryRunError) -> Step {
        guard pending == nil else { throw DryRunError.alreadyStarted }
        return advance(from: execution.start(at: options.time))
    }

    /// The admin typed `digits` (empty for "no input": the caller stays silent).
    public mutating func press(_ digits: String) throws(DryRunError) -> Step {
        switch pending {
        case .digits: break
        case nil: throw DryRunError.notStarted
        case .lookup: throw DryRunError.notAwaitingDigits
        case .finished: throw DryRunError.finished
        }
        guard digits.allSatisfy(\.isDTMFCharacter), digits.count <= 32 else { throw DryRunError.notKeys(digits) }
        transcript.append(digits.isEmpty ? "caller: (no input)" : "caller keys \(digits)")
        let firstLine = transcript.count - 1
        var step = advance(from: execution.received(.digitsCollected(CollectedDigits(digits)), at: options.time))
        step.lines.insert(transcript[firstLine], at: 0)
        return step
    }

    /// Hands in the answer of the lookup the session paused at; nil when it failed.
    public mutating func answerLookup(_ response: LookupResponse?) throws(DryRunError) -> Step {
        guard case .lookup(let request) = pending else { throw pending == nil ? DryRunError.notStarted : DryRunError.notAwaitingLookup }
        let line = "lookup \(request.method.rawValue) \(request.url) → " + (response.map { "HTTP \($0.status)" } ?? "failed")
        transcript.append(line)
        var step = advance(from: execution.received(response.map(FlowEvent.lookupCompleted) ?? .failed("lookup failed"), at: options.time))
        step.lines.insert(line, at: 0)
        return step
    }

    /// The caller hangs up.
    public mutating func hangUp() throws(DryRunError) -> Step {
        switch pending {
        case .digits, .lookup: break
        case nil: throw DryRunError.notStarted
        case .finished: throw DryRunError.finished
        }
        transcript.append("caller hangs up")
        return advance(from: execution.received(.callerHungUp, at: options.time))
    }

    /// Runs simulated actions until the flow needs keys or ends.
    private mutating func advance(from first: FlowAction) -> Step {
        var lines: [String] = []
        var action = first
        let limit = 10_000
        for _ in 0..<limit {
            let event: FlowEvent
            switch action {
            case .collectDigits(let request):
                lines.append("collect up to \(request.maxDigits) key\(request.maxDigits == 1 ? "" : "s") after " +
                             request.prompts.map(\.description).joined(separator: ", "))
                pending = .digits(request)
                transcript += lines
                return Step(lines: lines, awaiting: .digits(node: execution.currentNode, request))
            case .end(let result):
                lines.append("end: \(result.disposition.text)")
                pending = .finished
                transcript += lines
                return Step(lines: lines, awaiting: .finished(result))
            case .play(let prompt):
                lines.append("play \(prompt)")
                event = .playFinished
            case .lookup(let request):
                let node = execution.currentNode
                if let node, let response = options.lookupResponses[node] {
                    lines.append("lookup \(request.method.rawValue) \(request.url) → HTTP \(response.status)")
                    event = .lookupCompleted(response)
                } else if options.pauseAtLookups {
                    pending = .lookup(request)
                    transcript += lines
                    return Step(lines: lines, awaiting: .lookup(node: node, request))
                } else {
                    lines.append("lookup \(request.method.rawValue) \(request.url) → no test answer, fails")
                    event = .failed("no test answer for lookup node '\(node?.rawValue ?? "?")'")
                }
            case .enqueue(let request):
                lines.append("enqueue to '\(request.queue)' priority \(request.priority)" +
                             (request.skills.isEmpty ? "" : " skills \(request.skills.joined(separator: ","))") +
                             (request.screenPop.isEmpty ? "" : "; screen pop " + request.screenPop.keys.sorted().map { "\($0)=\(request.screenPop[$0]!)" }.joined(separator: ", ")))
                if let agent = options.answeringAgent {
                    lines.append("agent \(agent.workNumber) answers")
                    event = .enqueueFinished(.agentAnswered(agent))
                } else {
                    lines.append("no agent answers")
                    event = .enqueueFinished(.noAgent(reason: "no agent in the dry run"))
                }
            case .connectAgent(let announcement):
                lines.append("connect to the agent" + (announcement.map { " after \($0)" } ?? "") + "; the agent hangs up")
                event = .conversationEnded(.agentHungUp)
            case .transfer(let request):
                lines.append("transfer to \(request.number) → \(options.transferOutcome.text)")
                event = .transferFinished(options.transferOutcome)
            case .recordVoicemail(let request):
                lines.append("voicemail into '\(request.mailbox)'" + (request.greeting.map { " after \($0)" } ?? "") + " (up to \(request.maxSeconds) s)")
                event = .voicemailRecorded(seconds: 0)
            case .sendSMS(let message):
                lines.append("SMS to \(message.to): \(message.text)")
                event = .smsFinished(accepted: options.smsAccepted)
            case .recordSurvey(let score):
                lines.append("store survey score \(score)")
                event = .surveyRecorded
            case .findExtension(let digits):
                let target = options.directory[digits]
                lines.append("directory lookup \(digits) → \(target.map { "found \($0.number)" } ?? "unknown")")
                event = .extensionFound(target)
            case .dialExtension(let target, _):
                lines.append("ring extension \(target.number) → \(options.transferOutcome.text)")
                event = .transferFinished(options.transferOutcome)
            }
            action = execution.received(event, at: options.time)
        }
        pending = .finished
        lines.append("stopped: more than \(limit) automatic steps")
        transcript += lines
        return Step(lines: lines, awaiting: .finished(execution.result ?? FlowResult(
            disposition: .hangUp, lastNode: execution.currentNode, steps: 0, variables: execution.variables,
            surveyScore: nil, errors: ["dry run stopped"], trace: execution.trace)))
    }
}

/// A dry-run request that does not fit the session's state.
public enum DryRunError: Error, Hashable, Sendable, CustomStringConvertible {
    case notStarted
    case alreadyStarted
    case finished
    case notKeys(String)
    case notAwaitingDigits
    case notAwaitingLookup

    public var description: String {
        switch self {
        case .notStarted: return "the dry run has not started"
        case .alreadyStarted: return "the dry run has already started"
        case .finished: return "the flow has ended; start a new dry run"
        case .notKeys(let text): return "'\(text)' is not a key sequence (0-9, * and #, at most 32)"
        case .notAwaitingDigits: return "the flow waits for a lookup answer, not for keys"
        case .notAwaitingLookup: return "the flow is not waiting for a lookup answer"
        }
    }
}

extension FlowDisposition {
    var text: String {
        switch self {
        case .hangUp: return "hang up"
        case .callerHungUp: return "caller hung up"
        case .transferred(let number): return "transferred to \(number)"
        case .connectedToExtension(let target): return "connected to extension \(target.number)"
        }
    }
}

extension TransferOutcome {
    var text: String {
        switch self {
        case .connected: return "answered"
        case .busy: return "busy"
        case .noAnswer: return "no answer"
        case .failed(let reason): return "failed (\(reason))"
        }
    }
}
