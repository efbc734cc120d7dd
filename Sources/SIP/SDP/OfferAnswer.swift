// RFC 3264 offer/answer as pure functions: answer an offer, build an offer, read an answer.

/// The offer/answer model of RFC 3264 over ``SessionDescription`` values, without state or I/O.
///
/// ```swift
/// let result = try OfferAnswer.answer(to: offer, capabilities: ours, origin: origin)
/// // result.description goes into the 200 OK; result.streams go to the media engine.
/// ```
/// ``OfferAnswerSession`` keeps the state of one dialog (o= versions, hold, pending offers)
/// on top of these functions.
public enum OfferAnswer {
    /// An answer and the streams it establishes.
    public struct Answer: Hashable, Sendable {
        /// The answer to send, one `m=` line per offered one, in order.
        public var description: SessionDescription
        /// The streams accepted (rejected ones have no entry), in `m=` order.
        public var streams: [NegotiatedMedia]
    }

    /// Answers `offer` (RFC 3264 §6): every `m=` line is answered in order. A line is accepted
    /// when a capability of its media type and transport is still free and a codec is common;
    /// the codec is picked by ``MediaCapabilities/codecOrder`` and keeps the offerer's payload
    /// type, as does telephone-event. Every other line is answered with port 0. The direction
    /// is what we want intersected with the offer's reversed (§6.1): an offer `sendonly`, or
    /// with an RFC 2543 `c=0.0.0.0`, is a hold and gets `recvonly`; `inactive` gets `inactive`.
    ///
    /// Throws ``SDPNegotiationError/noCommonCodec(offered:)`` or
    /// ``SDPNegotiationError/noAcceptableMedia`` when nothing could be accepted (answer 488).
    public static func answer(
        to offer: SessionDescription,
        capabilities: MediaCapabilities,
        origin: SDPOrigin
    ) throws(SDPNegotiationError) -> Answer {
        var usedCapabilities = Set<Int>()
        var answeredMedia: [MediaDescription] = []
        var streams: [NegotiatedMedia] = []
        var offeredCodecs: [String] = []
        var lackedCodec = false
        for (index, offered) in offer.media.enumerated() {
            guard !offered.isDisabled,
                  let capabilityIndex = capabilities.streams.indices.first(where: {
                      !usedCapabilities.contains($0) && capabilities.streams[$0].accepts(offered)
                  }) else {
                answeredMedia.append(rejected(offered))
                continue
            }
            let capability = capabilities.streams[capabilityIndex]
            let choice = chooseCodecs(in: offered, for: capability, order: capabilities.codecOrder)
            guard let chosen = choice.first else {
                lackedCodec = true
                offeredCodecs += offered.payloadTypes.compactMap { offered.resolvedRTPMap(for: $0)?.encodingName ?? String($0) }
                answeredMedia.append(rejected(offered))
                continue
            }
            guard let connection = offer.connection(of: offered) else { throw .missingConnection(mediaIndex: index) }
            usedCapabilities.insert(capabilityIndex)
            let telephoneEvent = agreeTelephoneEvent(in: offered, with: capability.telephoneEvent, clockRate: chosen.codec.clockRate)
            let offeredDirection = offer.direction(of: offered).intersection(connection.isHold ? .sendonly : .sendrecv)
            let direction = capabilities.direction.intersection(offeredDirection.reversed)

            var answer = MediaDescription(media: offered.media, port: capability.port, proto: offered.proto, formats: [])
            for codec in capabilities.answersWithAllCommonCodecs ? choice : [chosen] {
                answer.formats.append(String(codec.payloadType))
                answer.attributes.append(.rtpmap(codec.codec.rtpMap(payloadType: codec.payloadType)))
                if let parameters = offered.formatParameters(for: String(codec.payloadType)) {
                    answer.attributes.append(.fmtp(SDPFormatParameters(format: String(codec.payloadType), parameters: parameters)))
                }
            }
            if let telephoneEvent {
                answer.appendTelephoneEvent(payloadType: telephoneEvent.payloadType, clockRate: chosen.codec.clockRate, events: telephoneEvent.events)
            }
            if let ptime = capability.ptime { answer.attributes.append(.ptime(ptime)) }
            answer.attributes.append(.direction(direction))
            answeredMedia.append(answer)

            var codec = chosen.codec
            codec.payloadType = chosen.payloadType
            streams.append(NegotiatedMedia(
                index: index,
                media: offered.media,
                localPort: capability.port,
                remoteAddress: connection.address,
                remotePort: offered.port,
                remoteRTCPAddress: offered.rtcp?.address ?? connection.address,
                remoteRTCPPort: offered.rtcp?.port ?? (offered.port < .max ? offered.port + 1 : nil),
                codec: codec,
                payloadType: chosen.payloadType,
                localPayloadType: chosen.payloadType,
                telephoneEventPayloadType: telephoneEvent?.payloadType,
                localTelephoneEventPayloadType: telephoneEvent?.payloadType,
                telephoneEvents: telephoneEvent?.events,
                ptime: sendingPtime(remote: offered, local: capability.ptime),
                direction: direction
            ))
        }
        guard !streams.isEmpty else {
            throw lackedCodec ? .noCommonCodec(offered: offeredCodecs) : .noAcceptableMedia
        }
        let description = SessionDescription(
            origin: origin,
            sessionName: capabilities.sessionName,
            connection: SDPConnection(capabilities.address),
            media: answeredMedia
        )
        return Answer(description: description, streams: streams)
    }

    /// A codec the offer and we share, under the offerer's payload type number.
    struct CodecChoice {
        var codec: SDPCodec
        var payloadType: UInt8
    }

    /// The codecs of `offered` that `capability` supports, ranked by `order`, each once.
    static func chooseCodecs(in offered: MediaDescription, for capability: SDPStreamCapability, order: MediaCapabilities.CodecOrder) -> [CodecChoice] {
        var offeredMaps: [SDPRTPMap] = []
        for payloadType in offered.payloadTypes {
            if let map = offered.resolvedRTPMap(for: payloadType) { offeredMaps.append(map) }
        }
        var choices: [CodecChoice] = []
        switch order {
        case .local:
            for codec in capability.codecs {
                if let map = offeredMaps.first(where: codec.matches) {
                    choices.append(CodecChoice(codec: codec, payloadType: map.payloadType))
                }
            }
        case .remote:
            for map in offeredMaps {
                if let codec = capability.codecs.first(where: { $0.matches(map) }), !choices.contains(where: { $0.codec == codec }) {
                    choices.append(CodecChoice(codec: codec, payloadType: map.payloadType))
                }
            }
        }
        return choices
    }

    /// The offerer's telephone-event payload type at `clockRate` and the events both support.
    static func agreeTelephoneEvent(in offered: MediaDescription, with ours: SDPTelephoneEvent?, clockRate: Int) -> (payloadType: UInt8, events: SDPEventSet)? {
        guard let ours else { return nil }
        for payloadType in offered.payloadTypes {
            guard let map = offered.rtpMap(for: payloadType), SDPTelephoneEvent.matches(map, clockRate: clockRate) else { continue }
            let offeredEvents = offered.formatParameters(for: String(payloadType)).flatMap(SDPEventSet.init) ?? .dtmfDigits
            let events = offeredEvents.intersection(ours.events)
            return events.isEmpty ? nil : (payloadType, events)
        }
        return nil
    }

    /// The packet time to send with: the peer's ptime capped by its maxptime, else ours, else 20 ms.
    static func sendingPtime(remote: MediaDescription, local: Int?) -> Int {
        let wanted = remote.ptime ?? local ?? 20
        return min(wanted, remote.maxptime ?? wanted)
    }

    /// The answer to a stream we do not take: the same line with port 0 (RFC 3264 §6).
    static func rejected(_ offered: MediaDescription) -> MediaDescription {
        MediaDescription(media: offered.media, port: 0, proto: offered.proto, formats: offered.formats)
    }
}

extension SDPStreamCapability {
    /// Whether this capability can take `offered`: same media type and transport.
    func accepts(_ offered: MediaDescription) -> Bool {
        offered.media == media && ASCII.equalsIgnoringCase(offered.proto, proto)
    }
}

extension MediaDescription {
    /// Appends telephone-event to the formats with its rtpmap and fmtp.
    mutating func appendTelephoneEvent(payloadType: UInt8, clockRate: Int, events: SDPEventSet) {
        formats.append(String(payloadType))
        attributes.append(.rtpmap(SDPRTPMap(payloadType: payloadType, encodingName: SDPTelephoneEvent.encodingName, clockRate: clockRate)))
        attributes.append(.fmtp(SDPFormatParameters(format: String(payloadType), parameters: events.listString)))
    }
}
