// Waiting for a leg we placed (an agent's phone, a trunk number) to be answered: the one
// routine the queue, direct dials, transfers and callbacks share.

import Foundation
import Media
import SIP
import SIPStack

/// How ringing a placed leg ended.
enum RingOutcome: Sendable {
    /// Answered; the answer's SDP is applied to the leg's media.
    case answered(AgentLegPlacement, status: Int)
    /// Not answered; the leg's media is released. `outcome` is the CDR's word for it
    /// (`busy`, `rejected`, `no_answer`, `cancelled`, `failed`).
    case notAnswered(outcome: String, status: Int?)
}

extension AgentLegPlacement {
    /// Rings until the leg is answered or ends; CANCELs it after `ringSeconds` when given.
    /// `rangOut` tells whether a CANCEL meant "nobody answered" (a timeout, RONA) rather than
    /// "withdrawn". With `earlyMedia`, the first provisional response with SDP (a carrier's
    /// 183, PRACKed by the stack when reliable) is applied to the leg's media and reported,
    /// so the caller can hear the far end before the answer. When the calling task is
    /// cancelled the leg is hung up.
    func awaitAnswer(
        ringSeconds: Int?, rangOut: @Sendable () async -> Bool = { false },
        earlyMedia: (@Sendable (AgentLegPlacement) async -> Void)? = nil
    ) async -> RingOutcome {
        var placement = self
        let call = self.call
        let timer = ringSeconds.map { seconds in
            Task {
                try? await Task.sleep(for: .seconds(seconds))
                if !Task.isCancelled { _ = try? await call.cancel() }
            }
        }
        defer { timer?.cancel() }
        var status: Int?
        var outcome = "failed"
        var early = false
        for await event in call.events {
            switch event {
            case .provisional(let response):
                guard let earlyMedia, !early, !response.body.isEmpty,
                      (try? await placement.media.receivedAnswer(Array(response.body))) != nil
                else { continue }
                early = true
                await earlyMedia(placement)
            case .answered(let response):
                // The early SDP was the answer (RFC 3262 §5); the 2xx repeats it.
                if early { return .answered(placement, status: Int(response.status.code)) }
                guard (try? await placement.media.receivedAnswer(Array(response.body))) != nil else {
                    _ = try? await call.hangUp()
                    continue
                }
                return .answered(placement, status: Int(response.status.code))
            case .rejected(let response):
                status = Int(response.status.code)
                outcome = status == 486 || status == 600 ? "busy" : "rejected"
            case .ended(let reason):
                if reason == .timeout { outcome = "no_answer" }
                if reason == .cancelled {
                    let unanswered = await rangOut()
                    outcome = timer != nil || unanswered ? "no_answer" : "cancelled"
                }
                await media.leg.release()
                return .notAnswered(outcome: outcome, status: status)
            default:
                break
            }
        }
        // The waiting task was cancelled (offer withdrawn, caller gone): nothing may stay behind.
        _ = try? await call.hangUp()
        await media.leg.release()
        let unanswered = await rangOut()
        return .notAnswered(outcome: unanswered ? "no_answer" : "cancelled", status: status)
    }
}
