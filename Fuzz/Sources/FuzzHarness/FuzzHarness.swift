// What the fuzz targets do with one input, and the invariants they hold the parsers to.
// This file is shared: Tests/SIPTests/SDP/FuzzHarness.swift is a symbolic link to it, so the
// fail-case replay test runs exactly what the fuzzers ran.

import SIP

/// One entry point per fuzz target. Each takes arbitrary bytes and must return normally:
/// parse errors are fine, a crash, a hang or a broken invariant (a `precondition`) is a finding.
public enum FuzzHarness {
    /// FuzzSIPMessage: parse a UDP datagram, read every typed header, validate, build the
    /// derived messages a stack would build, read an SDP body, and check that the serialized
    /// form parses back to an equal message. The bytes are also tried as a header value.
    public static func sipMessage(_ bytes: [UInt8]) {
        _ = SIPMessageParser.isKeepAlive(bytes)
        do {
            let message = try SIPMessage.parse(bytes)
            exercise(message)
        } catch {
            _ = error.reasonPhrase
            _ = error.status
            if let headers = error.headers, let method = error.requestMethod {
                _ = SIPResponse(replyingTo: headers, method: method, status: error.status, reasonPhrase: error.reasonPhrase, toTag: "f").serializedBytes
            }
        }
        headerValues(String(decoding: bytes.prefix(512), as: UTF8.self))
    }

    /// FuzzSIPStream: the first 8 bytes seed the chunk sizes; the rest is a TCP stream. It is
    /// framed once whole and once in chunks with `next()` drained after each; both must
    /// produce the same frames and the same final error.
    public static func sipStream(_ bytes: [UInt8]) {
        var seed: UInt64 = 0
        for byte in bytes.prefix(8) { seed = seed << 8 | UInt64(byte) }
        let stream = Array(bytes.dropFirst(8))

        var whole = SIPStreamFramer()
        whole.append(stream)
        let expected = drain(&whole)

        var chunked = SIPStreamFramer()
        var frames: [SIPStreamFramer.Frame] = []
        var failure: SIPParseError?
        var offset = 0
        while offset < stream.count, failure == nil {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let length = min(stream.count - offset, 1 + Int((seed >> 33) % 97))
            chunked.append(stream[offset..<(offset + length)])
            offset += length
            let step = drain(&chunked)
            frames += step.frames
            failure = step.failure
        }
        precondition(frames == expected.frames, "chunked framing differs from whole framing")
        precondition(failure == expected.failure, "chunked framing fails differently")
        for case .message(let message) in frames { exercise(message) }
    }

    /// FuzzSDP: parse a session description, check it serializes and parses back equal, then
    /// answer it, offer against it, and take it as the answer to our offer.
    public static func sdp(_ bytes: [UInt8]) {
        let description: SessionDescription
        do {
            description = try SessionDescription.parse(bytes)
        } catch {
            _ = error.description
            return
        }
        roundTrip(description)
        for capabilities in sdpCapabilities {
            var session = OfferAnswerSession(capabilities: capabilities, sessionID: 1)
            if let answer = try? session.receivedOffer(description) {
                precondition(answer.media.count == description.media.count, "answer drops or adds m= lines")
                precondition(session.streams.allSatisfy { $0.index < answer.media.count && answer.media[$0.index].port != 0 })
                roundTrip(answer)
                roundTrip(session.hold())
                _ = try? session.receivedAnswer(description)
                roundTrip(session.resume())
            }
            var caller = OfferAnswerSession(capabilities: capabilities, sessionID: 2)
            let offer = caller.makeOffer()
            if let streams = try? caller.receivedAnswer(description) {
                precondition(streams.allSatisfy { $0.index < offer.media.count })
                roundTrip(caller.hold())
            }
        }
    }

    /// Our capabilities in the SDP target: audio only, and audio plus video in the offerer's order.
    static let sdpCapabilities: [MediaCapabilities] = [
        .audio(address: "192.0.2.10", port: 40000),
        MediaCapabilities(
            address: SDPAddress("2001:db8::10"),
            streams: [.audio(port: 40000), SDPStreamCapability(media: .video, port: 40002, codecs: [SDPCodec(encodingName: "VP8", clockRate: 90000, payloadType: 96)])],
            direction: .sendonly,
            codecOrder: .remote,
            answersWithAllCommonCodecs: true
        ),
    ]

    static func roundTrip(_ description: SessionDescription) {
        let bytes = description.serializedBytes
        guard let reparsed = try? SessionDescription.parse(bytes) else {
            preconditionFailure("serialized SDP does not parse: \(String(decoding: bytes, as: UTF8.self))")
        }
        precondition(reparsed == description, "SDP changes through serialize and parse")
    }

    static func drain(_ framer: inout SIPStreamFramer) -> (frames: [SIPStreamFramer.Frame], failure: SIPParseError?) {
        var frames: [SIPStreamFramer.Frame] = []
        do {
            while let frame = try framer.next() { frames.append(frame) }
            return (frames, nil)
        } catch {
            return (frames, error)
        }
    }

    /// Reads everything a server might read from a message, and checks the round trip.
    static func exercise(_ message: SIPMessage) {
        let headers = message.headers
        _ = try? headers.via
        _ = try? headers.topVia.branch
        _ = try? headers.topVia.sentBy
        _ = try? headers.topVia.portOrDefault
        _ = try? headers.from.tag
        _ = try? headers.to.tag
        _ = try? headers.callID
        _ = try? headers.cseq
        _ = try? headers.maxForwards
        _ = try? headers.expires
        _ = try? headers.minExpires
        _ = try? headers.minSE
        _ = try? headers.rseq
        _ = try? headers.rack
        _ = try? headers.contentType
        _ = try? headers.contentLength
        _ = try? headers.referTo
        _ = try? headers.referredBy
        _ = try? headers.replaces
        _ = try? headers.sessionExpires
        _ = try? headers.retryAfter
        _ = headers.userAgent
        _ = headers.server
        _ = headers.subject
        _ = try? headers.contact.map { ($0.expires, $0.q) }
        _ = headers.isWildcardContact
        _ = try? headers.route
        _ = try? headers.recordRoute
        _ = try? headers.pAssertedIdentity
        _ = try? headers.pPreferredIdentity
        _ = try? headers.diversion
        _ = try? headers.historyInfo
        _ = try? headers.callInfo
        _ = try? headers.alertInfo
        _ = try? headers.allow
        _ = try? headers.supported
        _ = try? headers.require
        _ = try? headers.proxyRequire
        _ = try? headers.unsupported
        _ = try? headers.accept
        _ = try? headers.reason
        _ = try? headers.privacy
        switch message {
        case .request(let request):
            _ = try? request.validate(.strict)
            _ = try? request.unsupportedRequirements(supported: ["timer", "replaces"])
            _ = request.uri.sipURI.map { ($0.user, $0.host, $0.port, $0.parameters, $0.headers) }
            _ = request.uri.telURI?.normalizedNumber
            _ = request.makeCancel().serializedBytes
            let response = SIPResponse(to: request, status: .ringing, toTag: "f")
            _ = request.makeAck(for: SIPResponse(to: request, status: .busyHere, toTag: "f")).serializedBytes
            _ = response.serializedBytes
            _ = try? request.sessionDescription()
        case .response(let response):
            _ = try? response.validate()
            _ = try? response.sessionDescription()
        }
        let bytes = message.serializedBytes
        guard let reparsed = try? SIPMessage.parse(bytes, configuration: .init(maxMessageSize: 1 << 20, maxHeaderCount: 1 << 16, maxHeaderLineLength: 1 << 20)) else {
            preconditionFailure("serialized message does not parse")
        }
        precondition(reparsed.serializedBytes == bytes, "serialization is not stable through a re-parse")
    }

    /// The bytes as the value of each typed header; the URI round trip must be stable.
    static func headerValues(_ text: String) {
        if let uri = try? AnyURI(text) {
            precondition((try? AnyURI(uri.description)) == uri, "URI changes through serialize and parse")
        }
        _ = try? SIPURI(text)
        _ = try? TelURI(text)
        if let address = try? NameAddress(text) {
            precondition((try? NameAddress(address.description)) == address, "name-addr changes through serialize and parse")
        }
        _ = try? Via(text)
        _ = try? CSeq(text)
        _ = try? SIPCallID(text)
        _ = try? SIPMediaType(text)
        _ = try? Replaces(text)
        _ = try? RetryAfter(text)
        _ = try? SessionExpires(text)
        _ = try? SIPReason(text)
        _ = try? RAck(text)
    }
}
