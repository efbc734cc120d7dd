// One SIP leg's media: the RTP leg in the media engine and the SDP offer/answer state that
// describes it, kept in step.

import Logging
import Media
import SIP

/// Why a leg's SDP could not be used.
public struct MediaNegotiationError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, for the log and the SIP reason phrase.
    public var description: String
}

/// A leg's media: open it for an offer (incoming) or with an offer (outgoing), then follow
/// the peer's re-offers (hold, resume) and answers.
struct LegMedia: Sendable {
    /// The RTP leg.
    let leg: MediaLeg
    /// The offer/answer state.
    private(set) var session: OfferAnswerSession

    /// The peer holds us (its last offer was sendonly or inactive).
    private(set) var heldByPeer = false

    private init(leg: MediaLeg, session: OfferAnswerSession) {
        self.leg = leg
        self.session = session
    }

    /// Opens a leg and answers `offer`; returns the media and the SDP answer.
    static func answering(
        _ offerBytes: [UInt8], engine: MediaEngine, sessionID: UInt64, rtpTimeoutMilliseconds: Int?, metadata: Logger.Metadata
    ) async throws -> (LegMedia, [UInt8]) {
        let offer: SessionDescription
        do {
            offer = try SessionDescription.parse(offerBytes)
        } catch {
            throw MediaNegotiationError(description: "unreadable SDP offer: \(error)")
        }
        let leg = try await engine.openLeg(LegOptions(rtpTimeoutMilliseconds: rtpTimeoutMilliseconds, logMetadata: metadata))
        var session = OfferAnswerSession(capabilities: capabilities(for: leg), sessionID: sessionID)
        do {
            let answer = try session.receivedOffer(offer)
            var media = LegMedia(leg: leg, session: session)
            try await media.apply()
            return (media, serialize(answer))
        } catch {
            await leg.release()
            throw MediaNegotiationError(description: "cannot answer the SDP offer: \(error)")
        }
    }

    /// Opens a leg and makes the first offer (for a leg we place).
    static func offering(
        engine: MediaEngine, near: MediaLeg?, sessionID: UInt64, rtpTimeoutMilliseconds: Int?, metadata: Logger.Metadata
    ) async throws -> (LegMedia, [UInt8]) {
        let leg = try await engine.openLeg(LegOptions(rtpTimeoutMilliseconds: rtpTimeoutMilliseconds, logMetadata: metadata), near: near)
        var session = OfferAnswerSession(capabilities: capabilities(for: leg), sessionID: sessionID)
        let offer = session.makeOffer()
        return (LegMedia(leg: leg, session: session), serialize(offer))
    }

    /// Applies the peer's answer to our offer.
    mutating func receivedAnswer(_ bytes: [UInt8]) async throws {
        do {
            try session.receivedAnswer(try SessionDescription.parse(bytes))
        } catch {
            throw MediaNegotiationError(description: "unusable SDP answer: \(error)")
        }
        try await apply()
    }

    /// Answers a re-offer (re-INVITE, UPDATE); notes whether the peer now holds us.
    mutating func receivedReoffer(_ bytes: [UInt8]) async throws -> [UInt8] {
        let offer: SessionDescription
        do {
            offer = try SessionDescription.parse(bytes)
        } catch {
            throw MediaNegotiationError(description: "unreadable SDP offer: \(error)")
        }
        let answer: SessionDescription
        do {
            answer = try session.receivedOffer(offer)
        } catch {
            throw MediaNegotiationError(description: "cannot answer the SDP offer: \(error)")
        }
        try await apply()
        return Self.serialize(answer)
    }

    /// The SDP answer we would give to a re-INVITE without a body (our current description).
    mutating func currentOffer() -> [UInt8] {
        Self.serialize(session.makeOffer())
    }

    private mutating func apply() async throws {
        guard let stream = session.streams.first(where: { $0.media == .audio }) else {
            throw MediaNegotiationError(description: "no audio stream was agreed")
        }
        heldByPeer = !stream.direction.sends
        let audio: AudioPayload = stream.codec.encodingName.uppercased() == "PCMU"
            ? AudioPayload(payloadType: stream.payloadType, law: .muLaw)
            : AudioPayload(payloadType: stream.payloadType, law: .aLaw)
        let payloads = RTPPayloadMap(audio: audio, telephoneEvent: stream.telephoneEventPayloadType)
        let remote: RemoteMedia? = stream.remoteAddress.isUnspecified
            ? nil
            : RemoteMedia(host: stream.remoteAddress.address, port: Int(stream.remotePort), rtcpPort: stream.remoteRTCPPort.map(Int.init))
        try await leg.update(remote: remote, payloads: payloads)
    }

    private static func capabilities(for leg: MediaLeg) -> MediaCapabilities {
        var capabilities = MediaCapabilities.audio(address: leg.localHost, port: UInt16(leg.localPort))
        capabilities.sessionName = "Kefu"
        return capabilities
    }

    static func serialize(_ description: SessionDescription) -> [UInt8] {
        var buffer: [UInt8] = []
        description.serialize(into: &buffer)
        return buffer
    }
}
