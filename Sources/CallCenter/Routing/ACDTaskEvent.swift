// What the ACD tells the owner of one waiting task (the customer's call session).

import ACD

/// An ACD effect that concerns one task, delivered to the session that queued it.
public enum ACDTaskEvent: Sendable {
    /// Ring this agent.
    case offer(ACDOffer)
    /// Stop ringing this offer.
    case cancelOffer(ACDOfferCancellation)
    /// Tell the caller their position and expected wait.
    case announce(ACDAnnouncement)
    /// The task left its queue; when the action ends the task, it left the ACD.
    case overflow(ACDOverflow)
    /// The task left the ACD.
    case ended(ACDTaskEnd)
}
