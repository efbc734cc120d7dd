// Our side as offerer: building an offer from our capabilities and reading the peer's answer.

extension OfferAnswer {
    /// Builds an offer (RFC 3264 §5) with one `m=` line per stream capability, in order: every
    /// codec in our preference order under its own payload type, telephone-event, our ptime
    /// and ``MediaCapabilities/direction``, with our address in the session-level `c=`.
    public static func offer(capabilities: MediaCapabilities, origin: SDPOrigin) -> SessionDescription {
        SessionDescription(
            origin: origin,
            sessionName: capabilities.sessionName,
            connection: SDPConnection(capabilities.address),
            media: capabilities.streams.map { offeredMedia($0, direction: capabilities.direction) }
        )
    }

    /// The `m=` section we offer for `capability`.
    static func offeredMedia(_ capability: SDPStreamCapability, direction: SDPDirection) -> MediaDescription {
        var media = MediaDescription(media: capability.media, port: capability.port, proto: capability.proto, formats: [])
        for codec in capability.codecs {
            media.formats.append(String(codec.payloadType))
            media.attributes.append(.rtpmap(codec.rtpMap()))
            if let parameters = codec.formatParameters {
                media.attributes.append(.fmtp(SDPFormatParameters(format: String(codec.payloadType), parameters: parameters)))
            }
        }
        if let telephoneEvent = capability.telephoneEvent, let clockRate = capability.codecs.first?.clockRate {
            media.appendTelephoneEvent(payloadType: telephoneEvent.payloadType, clockRate: clockRate, events: telephoneEvent.events)
        }
        if let ptime = capability.ptime { media.attributes.append(.ptime(ptime)) }
        media.attributes.append(.direction(direction))
        return media
    }

    /// Reads the peer's `answer` to our `offer` (RFC 3264 §5, §6): the same number of `m=`
    /// lines in the same order, port 0 for rejected streams. For each accepted stream the codec
    /// is the first of the answer's formats that we offered; we send with the answer's payload
    /// type numbers and receive with ours. Our direction is what we offered intersected with
    /// the answer's reversed (an RFC 2543 `c=0.0.0.0` counts as "send me nothing").
    public static func negotiate(
        offer: SessionDescription,
        answer: SessionDescription,
        capabilities: MediaCapabilities
    ) throws(SDPNegotiationError) -> [NegotiatedMedia] {
        guard answer.media.count == offer.media.count else {
            throw .answerMediaCountMismatch(offered: offer.media.count, answered: answer.media.count)
        }
        var streams: [NegotiatedMedia] = []
        var offeredAny = false
        for (index, (ours, theirs)) in zip(offer.media, answer.media).enumerated() where !ours.isDisabled {
            offeredAny = true
            guard !theirs.isDisabled else { continue }
            guard theirs.media == ours.media else { throw .answerMediaTypeMismatch(mediaIndex: index) }
            guard let capability = capabilities.streams.first(where: { $0.media == ours.media && $0.port == ours.port })
                ?? capabilities.streams.first(where: { $0.media == ours.media }) else { continue }
            guard let chosen = answeredCodec(ours: ours, theirs: theirs, capability: capability) else {
                throw .answerCodecNotOffered(mediaIndex: index)
            }
            guard let connection = answer.connection(of: theirs) else { throw .missingConnection(mediaIndex: index) }

            let clockRate = chosen.codec.clockRate
            let ourEvent = agreeTelephoneEvent(in: ours, with: capability.telephoneEvent, clockRate: clockRate)
            let theirEvent = ourEvent.flatMap { ourEvent in
                agreeTelephoneEvent(in: theirs, with: SDPTelephoneEvent(payloadType: ourEvent.payloadType, events: ourEvent.events), clockRate: clockRate)
            }
            let answeredDirection = answer.direction(of: theirs).intersection(connection.isHold ? .sendonly : .sendrecv)
            let direction = offer.direction(of: ours).intersection(answeredDirection.reversed)
            var codec = chosen.codec
            codec.payloadType = chosen.payloadType
            streams.append(NegotiatedMedia(
                index: index,
                media: ours.media,
                localPort: ours.port,
                remoteAddress: connection.address,
                remotePort: theirs.port,
                remoteRTCPAddress: theirs.rtcp?.address ?? connection.address,
                remoteRTCPPort: theirs.rtcp?.port ?? (theirs.port < .max ? theirs.port + 1 : nil),
                codec: codec,
                payloadType: chosen.payloadType,
                localPayloadType: chosen.localPayloadType,
                telephoneEventPayloadType: theirEvent?.payloadType,
                localTelephoneEventPayloadType: theirEvent == nil ? nil : ourEvent?.payloadType,
                telephoneEvents: theirEvent?.events,
                ptime: sendingPtime(remote: theirs, local: capability.ptime),
                direction: direction
            ))
        }
        if offeredAny, streams.isEmpty { throw .answerRejectedAllMedia }
        return streams
    }

    /// The codec an answer chose: its first format that names a codec of our offer.
    private static func answeredCodec(ours: MediaDescription, theirs: MediaDescription, capability: SDPStreamCapability) -> (codec: SDPCodec, payloadType: UInt8, localPayloadType: UInt8)? {
        for payloadType in theirs.payloadTypes {
            guard let map = theirs.resolvedRTPMap(for: payloadType) else { continue }
            for ourPayloadType in ours.payloadTypes {
                guard let ourMap = ours.resolvedRTPMap(for: ourPayloadType),
                      let codec = capability.codecs.first(where: { $0.matches(ourMap) }),
                      codec.matches(map) else { continue }
                return (codec, payloadType, ourPayloadType)
            }
        }
        return nil
    }
}
