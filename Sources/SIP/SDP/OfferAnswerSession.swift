// The offer/answer state of one dialog: o= versions, pending offers, hold and resume.

/// The media negotiation of one call leg (RFC 3264), as a value the call session owns.
///
/// It remembers what we sent and received, so later descriptions keep `o=` username and
/// session id and increment the version only when something changed (§8), re-offers keep
/// every `m=` line and payload type number, and hold works both ways (§8.4):
/// ```swift
/// var media = OfferAnswerSession(capabilities: ours, sessionID: idFromCaller)
/// let answer = try media.receivedOffer(offer)        // INVITE with SDP -> 200 OK body
/// let hold = media.hold()                            // re-INVITE body (a=sendonly, version + 1)
/// try media.receivedAnswer(answerFrom200)            // streams updated
/// ```
/// A failed exchange leaves the streams in force as they were, as RFC 3264 §8 requires of a
/// rejected re-offer.
public struct OfferAnswerSession: Hashable, Sendable {
    /// Our capabilities; ``MediaCapabilities/direction`` is changed by ``hold()`` and ``resume()``.
    public var capabilities: MediaCapabilities
    /// Our description in force: the last answer we sent, or our last offer that was answered.
    public private(set) var localDescription: SessionDescription?
    /// The peer's description in force.
    public private(set) var remoteDescription: SessionDescription?
    /// Our offer awaiting its answer, if any.
    public private(set) var pendingOffer: SessionDescription?
    /// The streams in force, for the media engine.
    public private(set) var streams: [NegotiatedMedia] = []
    /// The last description we sent (offer or answer), which the next one's version follows.
    private var lastSent: SessionDescription?
    private let origin: SDPOrigin
    /// Per `m=` line, what the peer's latest offer lets us do (its direction reversed).
    private var remoteAllows: [SDPDirection] = []

    /// Starts a session; `sessionID` must be unique (the caller supplies it, e.g. from a
    /// seeded random source or the clock), and the first description gets version `sessionVersion`.
    public init(capabilities: MediaCapabilities, sessionID: UInt64, sessionVersion: UInt64 = 1, username: String = "kefu") {
        self.capabilities = capabilities
        self.origin = SDPOrigin(username: username, sessionID: String(sessionID), sessionVersion: sessionVersion, address: capabilities.address)
    }

    /// Answers the peer's offer (initial INVITE or re-INVITE) and makes the result current.
    /// Throws without changing anything when the offer cannot be answered (answer 488), or
    /// when our own offer is pending (answer 491).
    public mutating func receivedOffer(_ offer: SessionDescription) throws(SDPNegotiationError) -> SessionDescription {
        guard pendingOffer == nil else { throw .offerPending }
        let result = try OfferAnswer.answer(to: offer, capabilities: capabilities, origin: origin)
        let answer = versioned(result.description)
        localDescription = answer
        remoteDescription = offer
        streams = result.streams
        remoteAllows = offer.media.map { media in
            let held = offer.connection(of: media)?.isHold ?? false
            return offer.direction(of: media).intersection(held ? .sendonly : .sendrecv).reversed
        }
        return answer
    }

    /// Our next offer: the first one from our capabilities, later ones (re-INVITE, or a 200 OK
    /// to an INVITE without SDP) from the description in force with the wanted direction.
    public mutating func makeOffer() -> SessionDescription {
        let offer: SessionDescription
        if let current = localDescription {
            offer = versioned(reoffer(from: current))
        } else {
            offer = versioned(OfferAnswer.offer(capabilities: capabilities, origin: origin))
        }
        pendingOffer = offer
        return offer
    }

    /// Reads the answer to our pending offer and makes it current; throws (and drops the
    /// offer, keeping the previous streams) when there is none or it is unusable.
    @discardableResult
    public mutating func receivedAnswer(_ answer: SessionDescription) throws(SDPNegotiationError) -> [NegotiatedMedia] {
        guard let offer = pendingOffer else { throw .noOfferPending }
        pendingOffer = nil
        streams = try OfferAnswer.negotiate(offer: offer, answer: answer, capabilities: capabilities)
        localDescription = offer
        remoteDescription = answer
        return streams
    }

    /// Forgets the pending offer after the peer refused it (e.g. 488 or 491 to a re-INVITE).
    public mutating func offerRejected() {
        pendingOffer = nil
    }

    /// A re-offer that puts the peer on hold: `sendonly`, or `inactive` where the peer holds us.
    public mutating func hold() -> SessionDescription {
        capabilities.direction = .sendonly
        return makeOffer()
    }

    /// A re-offer that takes the peer off hold: `sendrecv` (or what the peer still allows).
    public mutating func resume() -> SessionDescription {
        capabilities.direction = .sendrecv
        return makeOffer()
    }

    /// The description in force with the wanted direction on every active stream, our current
    /// address, and everything else (lines, ports, payload types) unchanged (RFC 3264 §8).
    private func reoffer(from current: SessionDescription) -> SessionDescription {
        var offer = current
        offer.connection = SDPConnection(capabilities.address)
        for index in offer.media.indices where !offer.media[index].isDisabled {
            let allowed = index < remoteAllows.count ? remoteAllows[index] : .sendrecv
            offer.media[index].attributes.removeAll { if case .direction = $0 { true } else { false } }
            offer.media[index].attributes.append(.direction(capabilities.direction.intersection(allowed)))
        }
        return offer
    }

    /// `description` with our origin: the last version when nothing else changed since the
    /// last description we sent, that version plus one otherwise. Records it as sent.
    private mutating func versioned(_ description: SessionDescription) -> SessionDescription {
        var result = description
        guard let lastSent else {
            result.origin = origin
            lastSent = result
            return result
        }
        result.origin = lastSent.origin
        if result != lastSent { result.origin.sessionVersion = lastSent.origin.sessionVersion &+ 1 }
        self.lastSent = result
        return result
    }
}
