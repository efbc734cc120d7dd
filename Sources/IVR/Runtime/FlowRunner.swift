// Runs a flow on a call: the thin async driver that turns FlowExecution's actions into
// CallControl calls and their results back into events.

/// Runs prepared flows over ``CallControl``.
public struct FlowRunner: Sendable {
    public let flow: PreparedFlow
    public let calendar: TenantCalendar

    public init(flow: PreparedFlow, calendar: TenantCalendar) {
        self.flow = flow
        self.calendar = calendar
    }

    /// Runs the flow for `call` on `control` until it ends; hangs up when the flow says so.
    /// `observe` sees every action before it is carried out (for logs and metrics).
    public func run(_ call: CallContext, on control: some CallControl,
                    observe: (FlowAction) -> Void = { _ in }) async -> FlowResult {
        var execution = FlowExecution(flow: flow, call: call, calendar: calendar)
        var action = execution.start(at: await control.now())
        while true {
            observe(action)
            if case .end(let result) = action {
                if result.disposition == .hangUp { await control.hangUp() }
                return result
            }
            let event = await perform(action, on: control)
            action = execution.received(event, at: await control.now())
        }
    }

    /// Carries out one action; errors become events.
    func perform(_ action: FlowAction, on control: some CallControl) async -> FlowEvent {
        do {
            switch action {
            case .play(let prompt):
                try await control.play(prompt)
                return .playFinished
            case .collectDigits(let request): return .digitsCollected(try await control.collectDigits(request))
            case .lookup(let request): return .lookupCompleted(try await control.lookup(request))
            case .enqueue(let request): return .enqueueFinished(try await control.enqueue(request))
            case .connectAgent(let announcement): return .conversationEnded(try await control.connectAgent(announcement: announcement))
            case .transfer(let request): return .transferFinished(try await control.transfer(request))
            case .recordVoicemail(let request): return .voicemailRecorded(seconds: try await control.recordVoicemail(request))
            case .sendSMS(let message): return .smsFinished(accepted: try await control.sendSMS(message))
            case .recordSurvey(let score):
                try await control.recordSurvey(score: score)
                return .surveyRecorded
            case .findExtension(let digits): return .extensionFound(try await control.findExtension(digits))
            case .dialExtension(let target, let ring): return .transferFinished(try await control.dialExtension(target, ringSeconds: ring))
            case .end: return .failed("the flow already ended")
            }
        } catch is CallerHungUp {
            return .callerHungUp
        } catch is CancellationError {
            return .callerHungUp
        } catch {
            return .failed(String(describing: error))
        }
    }
}
