// The sans-I/O interface of a flow execution: actions it asks for, events it is told.

/// What the execution needs done on the call next. Exactly one is outstanding at a time;
/// its result comes back as a ``FlowEvent``.
public enum FlowAction: Hashable, Sendable {
    /// Play; answer with ``FlowEvent/playFinished``.
    case play(ResolvedPrompt)
    /// Collect keys; answer with ``FlowEvent/digitsCollected(_:)``.
    case collectDigits(DigitCollection)
    /// HTTP lookup; answer with ``FlowEvent/lookupCompleted(_:)`` or ``FlowEvent/failed(_:)``.
    case lookup(LookupRequest)
    /// Enqueue; answer with ``FlowEvent/enqueueFinished(_:)``.
    case enqueue(EnqueueRequest)
    /// Play the announcement (报工号) if any, bridge caller and agent; answer with
    /// ``FlowEvent/conversationEnded(_:)`` when the agent hangs up.
    case connectAgent(announcement: ResolvedPrompt?)
    /// Transfer out; answer with ``FlowEvent/transferFinished(_:)``.
    case transfer(TransferRequest)
    /// Record voicemail; answer with ``FlowEvent/voicemailRecorded(seconds:)``.
    case recordVoicemail(VoicemailRequest)
    /// Queue an SMS; answer with ``FlowEvent/smsFinished(accepted:)``.
    case sendSMS(SMSMessage)
    /// Store the survey score on the call; answer with ``FlowEvent/surveyRecorded``.
    case recordSurvey(score: Int)
    /// Look the keyed number up in the directory; answer with ``FlowEvent/extensionFound(_:)``.
    case findExtension(digits: String)
    /// Ring the extension; answer with ``FlowEvent/transferFinished(_:)``.
    case dialExtension(ExtensionTarget, ringSeconds: Int)
    /// The flow is over. When the result's disposition is ``FlowDisposition/hangUp`` the
    /// owner hangs the call up.
    case end(FlowResult)
}

/// What happened on the call, in answer to the outstanding ``FlowAction``.
public enum FlowEvent: Hashable, Sendable {
    case playFinished
    case digitsCollected(CollectedDigits)
    case lookupCompleted(LookupResponse)
    case enqueueFinished(EnqueueOutcome)
    case conversationEnded(ConversationOutcome)
    case transferFinished(TransferOutcome)
    case voicemailRecorded(seconds: Int)
    case smsFinished(accepted: Bool)
    case surveyRecorded
    case extensionFound(ExtensionTarget?)
    /// The outstanding action failed (timeout, I/O error): the node's failure branch runs,
    /// or the flow's error branch.
    case failed(String)
    /// The caller hung up; the flow ends at once.
    case callerHungUp
}

/// How a flow ended.
public enum FlowDisposition: Hashable, Sendable, Codable {
    /// The flow is done with the call: hang it up.
    case hangUp
    /// The caller hung up.
    case callerHungUp
    /// The call is bridged to an external number.
    case transferred(PhoneNumber)
    /// The call is bridged to an extension or agent's direct line.
    case connectedToExtension(ExtensionTarget)
}

/// One line of a flow's trace.
public struct FlowTraceEntry: Hashable, Sendable, Codable, CustomStringConvertible {
    public var step: Int
    public var node: NodeID?
    public var text: String
    public var description: String { "[\(step)] " + (node.map { "\($0): " } ?? "") + text }
}

/// The end of a flow: disposition, what it collected, how it got there.
public struct FlowResult: Hashable, Sendable, Codable {
    public var disposition: FlowDisposition
    /// The node where the flow ended.
    public var lastNode: NodeID?
    /// Nodes passed through.
    public var steps: Int
    /// The call's variables at the end (for the CDR and screen pop history).
    public var variables: [String: String]
    /// The satisfaction score (1...scale), when the caller gave one.
    public var surveyScore: Int?
    /// Failures that sent the call to the error branch.
    public var errors: [String]
    public var trace: [FlowTraceEntry]
}
