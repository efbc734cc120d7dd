// What the call bar and the supervisor board have changed on a customer call: mute, a
// consultation in progress, a conference, a supervisor on the line, a pushed survey.

import ACD
import IVR
import Media
import SIPStack

/// Where a single-step transfer sends the caller once the agent's part ended.
enum CallRedirect: Sendable {
    /// Queue again, in another queue.
    case queue(QueueRecord)
    /// Run a flow (转自动), prepared to start at the node the agent chose.
    case flow(PreparedFlow)
}

/// A consultation (咨询): the caller on hold, the agent talking with another party; or a
/// single-step transfer (转接) to an agent or number in progress, which rings the same way
/// but hands the caller over as soon as the party answers.
struct Consultation: Sendable {
    /// What the agent asked for (`agent:1002`, `external:138…`).
    var label: String
    /// A single-step transfer: the caller goes to the party on answer, and returns to the
    /// agent when the party does not answer or refuses.
    var transfer = false
    /// The agent's phone that asked for the transfer with REFER; it hears the outcome in a
    /// NOTIFY (RFC 3515 §2.4.5).
    var referrer: SIPCall?
    /// The consulted agent, when it is one.
    var agent: AgentRecord?
    /// The consulted party's leg once answered.
    var leg: AgentLegPlacement?
    /// The agent ⇄ consulted party bridge.
    var bridge: MediaBridge?
    /// The CDR leg of the consultation.
    var legIndex: Int?
    /// Ringing the consulted party (cancelled by `consult/cancel`).
    var ringing: Task<Void, Never>?
    /// Ringback the agent hears while the consulted party rings.
    var ringback: PlaybackHandle?
    /// The ACD task of a consultation with a queue (the consulted agent's work).
    var task: TaskID?
}

/// A supervisor's phone on the call (监听, 耳语, 强插, 拦截).
struct Supervision: Sendable {
    /// The supervisor's agent record (their registered extension is rung).
    var agent: AgentRecord
    var mode: SupervisionMode
    var leg: AgentLegPlacement?
    /// Caller, agent and supervisor in one mix.
    var mix: MediaMix?
    var legIndex: Int?
    var ringing: Task<Void, Never>?
    /// Take the caller over as soon as the supervisor answers (intercept without listening first).
    var interceptOnAnswer = false
}

/// The call bar's and the board's changes to one call.
struct CallControlState: Sendable {
    /// The caller does not hear the agent.
    var muted = false
    var consult: Consultation?
    /// Caller, agent and consulted party together (会议).
    var conference: MediaMix?
    /// The consulted party of a conference (the agent's leg stays `agentLeg`).
    var conferenceLeg: AgentLegPlacement?
    var conferenceAgent: AgentRecord?
    var conferenceLegIndex: Int?
    /// The ACD task of a conference party who came from a queue consultation.
    var conferenceTask: TaskID?
    /// Numbers the consultations' ACD tasks.
    var consultSequence = 0
    var supervision: Supervision?
    /// The agent pushed the satisfaction survey: the caller takes it when the agent's leg ends.
    var surveyPushed = false
    /// The caller is in the survey now.
    var inSurvey = false
    /// The offers ringing now, by agent id (the call bar's answer button may re-offer them).
    var offered: [String: SIPCall] = [:]
    /// Agents whose offer is being placed again with auto-answer.
    var answerRequested: Set<String> = []
}
