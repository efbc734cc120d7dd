// Early media on legs the call path places through a trunk: a carrier's 183 with SDP (its
// announcements: "the number you dialled is busy", "please hold") reaches the caller instead
// of our own ringback, until the far end answers or gives up.

import Logging
import Media
import Synchronization

extension CustomerCall {
    /// Rings `placement`; when `ringback` is given (an external leg) and the far end sends
    /// early media, stops the ringback and bridges the caller with the far end until the
    /// ringing ends (the conversation's own bridge takes over after an answer).
    func awaitAnswerRelayingEarlyMedia(_ placement: AgentLegPlacement, ringback: PlaybackHandle?, ringSeconds: Int) async -> RingOutcome {
        guard let ringback, let callerLeg = media?.leg else { return await placement.awaitAnswer(ringSeconds: ringSeconds) }
        let engine = context.media
        let logger = self.logger
        let early = Mutex<MediaBridge?>(nil)
        let outcome = await placement.awaitAnswer(ringSeconds: ringSeconds, earlyMedia: { far in
            await ringback.stop()
            do {
                let bridge = try await engine.bridge(callerLeg, far.media.leg)
                early.withLock { $0 = bridge }
                logger.info("early media from the far end reaches the caller")
            } catch {
                logger.notice("early media could not be bridged", metadata: ["error": "\(error)"])
            }
        })
        if let bridge = early.withLock({ $0.take() }) { await bridge.unbridge() }
        return outcome
    }
}
