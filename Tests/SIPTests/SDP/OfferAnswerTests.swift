// RFC 3264 answers to peer offers: codec choice, telephone-event, directions and hold,
// rejected streams, and the errors the call path turns into 488.

import Testing
import SIP

@Suite struct OfferAnswerTests {
    private func answer(_ offer: SessionDescription, _ capabilities: MediaCapabilities = SDPTest.capabilities()) throws -> OfferAnswer.Answer {
        try OfferAnswer.answer(to: offer, capabilities: capabilities, origin: SDPTest.origin)
    }

    @Test("a softphone offer gets the exact answer a peer expects: PCMU, telephone-event 101, our address")
    func typicalAnswer() throws {
        let result = try answer(SDPTest.peer([SDPTest.audio]))
        #expect(result.description.serializedString == [
            "v=0",
            "o=kefu 7 1 IN IP4 192.0.2.10",
            "s=-",
            "c=IN IP4 192.0.2.10",
            "t=0 0",
            "m=audio 40000 RTP/AVP 0 101",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-16",
            "a=ptime:20",
            "a=sendrecv",
        ].map { $0 + "\r\n" }.joined())
        let stream = try #require(result.streams.first)
        #expect(stream == NegotiatedMedia(
            index: 0, media: .audio, localPort: 40000,
            remoteAddress: SDPAddress("198.51.100.7"), remotePort: 5004,
            remoteRTCPAddress: SDPAddress("198.51.100.7"), remoteRTCPPort: 5005,
            codec: .pcmu, payloadType: 0, localPayloadType: 0,
            telephoneEventPayloadType: 101, localTelephoneEventPayloadType: 101,
            telephoneEvents: SDPEventSet("0-16"), ptime: 20, direction: .sendrecv
        ))
    }

    /// An offered audio line, our codec order, and the codec and payload types the answer must carry.
    struct CodecCase: Sendable, CustomTestStringConvertible {
        let name: String
        let media: [String]
        var order: MediaCapabilities.CodecOrder = .local
        let codec: String
        let payloadType: UInt8
        let formats: [String]
        var testDescription: String { name }
    }

    static let codecCases: [CodecCase] = [
        CodecCase(name: "PCMU and PCMA offered: our first choice PCMU", media: SDPTest.audio, codec: "PCMU", payloadType: 0, formats: ["0", "101"]),
        CodecCase(name: "PCMA offered first: we still prefer PCMU", media: SDPTest.audio("8 0 101", ["a=rtpmap:101 telephone-event/8000"]), codec: "PCMU", payloadType: 0, formats: ["0", "101"]),
        CodecCase(name: "PCMA offered first, offerer's order honoured", media: SDPTest.audio("8 0 101", ["a=rtpmap:101 telephone-event/8000"]), order: .remote, codec: "PCMA", payloadType: 8, formats: ["8", "101"]),
        CodecCase(name: "carrier G.729 first: PCMA is the common codec", media: SDPTest.audio("18 8 101", ["a=rtpmap:18 G729/8000", "a=rtpmap:101 telephone-event/8000"]), codec: "PCMA", payloadType: 8, formats: ["8", "101"]),
        CodecCase(name: "PCMA under dynamic type 96 keeps the offerer's number", media: SDPTest.audio("96 97", ["a=rtpmap:96 PCMA/8000", "a=rtpmap:97 telephone-event/8000"]), codec: "PCMA", payloadType: 96, formats: ["96", "97"]),
        CodecCase(name: "static type 0 without rtpmap is PCMU", media: SDPTest.audio("0"), codec: "PCMU", payloadType: 0, formats: ["0"]),
        CodecCase(name: "encoding names match ignoring case", media: SDPTest.audio("100", ["a=rtpmap:100 pcmu/8000"]), codec: "PCMU", payloadType: 100, formats: ["100"]),
        CodecCase(name: "a PCMU at the wrong clock rate is not PCMU", media: SDPTest.audio("96 8", ["a=rtpmap:96 PCMU/16000"]), codec: "PCMA", payloadType: 8, formats: ["8"]),
        CodecCase(name: "linphone: opus and speex skipped, PCMU chosen, telephone-event at 8000 Hz", media: SDPTest.audio("96 97 0 8 99 101", ["a=rtpmap:96 opus/48000/2", "a=rtpmap:97 speex/16000", "a=rtpmap:99 telephone-event/48000", "a=rtpmap:101 telephone-event/8000"]), codec: "PCMU", payloadType: 0, formats: ["0", "101"]),
    ]

    @Test("the answer picks the codec by our preference among the offered ones, with the offerer's payload type", arguments: codecCases)
    func codecChoice(_ testCase: CodecCase) throws {
        let result = try answer(SDPTest.peer([testCase.media]), SDPTest.capabilities(codecOrder: testCase.order))
        let stream = try #require(result.streams.first)
        #expect(stream.codec.encodingName == testCase.codec)
        #expect(stream.payloadType == testCase.payloadType)
        #expect(stream.localPayloadType == testCase.payloadType)
        #expect(result.description.media[0].formats == testCase.formats)
        #expect(result.description.media[0].rtpMap(for: testCase.payloadType)?.encodingName == testCase.codec)
    }

    @Test("answering with every common codec lists them in our order")
    func allCommonCodecs() throws {
        let result = try answer(SDPTest.peer([SDPTest.audio("8 0 101", ["a=rtpmap:101 telephone-event/8000"])]), SDPTest.capabilities(allCodecs: true))
        #expect(result.description.media[0].formats == ["0", "8", "101"])
        #expect(result.streams[0].codec.encodingName == "PCMU")
    }

    /// A telephone-event offer and what the answer and the media engine must use.
    struct EventCase: Sendable, CustomTestStringConvertible {
        let name: String
        let media: [String]
        let payloadType: UInt8?
        let events: String?
        var testDescription: String { name }
    }

    static let eventCases: [EventCase] = [
        EventCase(name: "offerer's type 96 is kept", media: SDPTest.audio("0 96", ["a=rtpmap:96 telephone-event/8000", "a=fmtp:96 0-15"]), payloadType: 96, events: "0-15"),
        EventCase(name: "SIPp's 0-11,16 is kept where we support it", media: SDPTest.audio("8 101", ["a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-11,16"]), payloadType: 101, events: "0-11,16"),
        EventCase(name: "no fmtp means 0-15", media: SDPTest.audio("0 101", ["a=rtpmap:101 telephone-event/8000"]), payloadType: 101, events: "0-15"),
        EventCase(name: "events beyond ours are dropped", media: SDPTest.audio("0 101", ["a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-15,32-40,70"]), payloadType: 101, events: "0-15"),
        EventCase(name: "no common event: no telephone-event", media: SDPTest.audio("0 101", ["a=rtpmap:101 telephone-event/8000", "a=fmtp:101 32-40"]), payloadType: nil, events: nil),
        EventCase(name: "only at 16 kHz while G.711 runs at 8 kHz: none", media: SDPTest.audio("0 100", ["a=rtpmap:100 telephone-event/16000"]), payloadType: nil, events: nil),
        EventCase(name: "not offered: none", media: SDPTest.audio("0 8"), payloadType: nil, events: nil),
    ]

    @Test("telephone-event keeps the offerer's payload type and only events both support", arguments: eventCases)
    func telephoneEvent(_ testCase: EventCase) throws {
        let result = try answer(SDPTest.peer([testCase.media]))
        let stream = result.streams[0]
        #expect(stream.telephoneEventPayloadType == testCase.payloadType)
        #expect(stream.localTelephoneEventPayloadType == testCase.payloadType)
        #expect(stream.telephoneEvents?.listString == testCase.events)
        let media = result.description.media[0]
        if let payloadType = testCase.payloadType {
            #expect(media.formats.last == String(payloadType))
            #expect(media.rtpMap(for: payloadType)?.encodingName == "telephone-event")
            #expect(media.formatParameters(for: String(payloadType)) == testCase.events)
        } else {
            #expect(media.formats.count == 1)
            #expect(!media.rtpMaps.contains { $0.encodingName == "telephone-event" })
        }
    }

    /// How an offer's direction (and RFC 2543 hold address) and ours give the answer's direction.
    struct DirectionCase: Sendable, CustomTestStringConvertible {
        let name: String
        let attribute: String?
        var sessionAttribute: String?
        var connection = "c=IN IP4 198.51.100.7"
        var wanted: SDPDirection = .sendrecv
        let answer: SDPDirection
        var testDescription: String { name }
    }

    static let directionCases: [DirectionCase] = [
        DirectionCase(name: "sendrecv -> sendrecv", attribute: "a=sendrecv", answer: .sendrecv),
        DirectionCase(name: "no attribute means sendrecv", attribute: nil, answer: .sendrecv),
        DirectionCase(name: "peer holds us: sendonly -> recvonly", attribute: "a=sendonly", answer: .recvonly),
        DirectionCase(name: "recvonly -> sendonly", attribute: "a=recvonly", answer: .sendonly),
        DirectionCase(name: "inactive -> inactive", attribute: "a=inactive", answer: .inactive),
        DirectionCase(name: "session-level sendonly applies to the stream", attribute: nil, sessionAttribute: "a=sendonly", answer: .recvonly),
        DirectionCase(name: "media-level beats session-level", attribute: "a=sendrecv", sessionAttribute: "a=inactive", answer: .sendrecv),
        DirectionCase(name: "RFC 2543 hold: c=0.0.0.0 -> recvonly", attribute: nil, connection: "c=IN IP4 0.0.0.0", answer: .recvonly),
        DirectionCase(name: "RFC 2543 hold with inactive -> inactive", attribute: "a=inactive", connection: "c=IN IP4 0.0.0.0", answer: .inactive),
        DirectionCase(name: "we hold a sendrecv peer: sendonly", attribute: "a=sendrecv", wanted: .sendonly, answer: .sendonly),
        DirectionCase(name: "both hold: inactive", attribute: "a=sendonly", wanted: .sendonly, answer: .inactive),
        DirectionCase(name: "we only listen (monitoring): recvonly", attribute: "a=sendrecv", wanted: .recvonly, answer: .recvonly),
    ]

    @Test("directions follow RFC 3264 §6.1: the offer's reversed, limited to what we want", arguments: directionCases)
    func direction(_ testCase: DirectionCase) throws {
        let media = SDPTest.audio + (testCase.attribute.map { [$0] } ?? [])
        let offer = SDPTest.peer([media], connection: testCase.connection, session: testCase.sessionAttribute.map { [$0] } ?? [])
        let result = try answer(offer, SDPTest.capabilities(direction: testCase.wanted))
        #expect(result.description.media[0].direction == testCase.answer)
        let written = result.description.serializedString
        #expect(SDPDirection.allCases.filter { written.contains("a=\($0.rawValue)\r\n") } == [testCase.answer])
        #expect(result.streams[0].direction == testCase.answer)
        #expect(result.streams[0].isHeldByRemote == !testCase.answer.sends)
    }

    @Test("video is answered with port 0 and its formats when we take only audio; no line is dropped")
    func rejectedVideo() throws {
        let offer = try SessionDescription.parse(try Fixtures.bytes("sdp", "baresip-audio-video.sdp"))
        let result = try answer(offer)
        #expect(result.description.media.count == 2)
        #expect(result.description.media[1] == MediaDescription(media: .video, port: 0, formats: ["96", "97", "98", "34", "99", "100"]))
        #expect(result.streams.map(\.index) == [0])
        #expect(result.streams[0].remotePort == 30102)
        #expect(try SessionDescription.parse(result.description.serializedBytes) == result.description)
    }

    @Test("video is answered when we said we take it, with the offerer's VP8 payload type")
    func acceptedVideo() throws {
        let offer = try SessionDescription.parse(try Fixtures.bytes("sdp", "baresip-audio-video.sdp"))
        let result = try answer(offer, SDPTest.capabilities(video: true))
        #expect(result.streams.map(\.media) == [.audio, .video])
        #expect(result.description.media[1].port == 40002)
        #expect(result.description.media[1].formats == ["96"])
        #expect(result.streams[1].codec.encodingName == "VP8")
        #expect(result.streams[1].telephoneEventPayloadType == nil)
        #expect(result.streams[1].remotePort == 33402)
    }

    @Test("a second audio stream, T.38 and a disabled stream are rejected in place")
    func otherLines() throws {
        let offer = SDPTest.peer([
            SDPTest.audio("0", port: 0),
            SDPTest.audio,
            SDPTest.audio("8", port: 5010),
            ["m=image 5020 udptl t38", "a=T38FaxVersion:0"],
        ])
        let result = try answer(offer)
        #expect(result.description.media.map(\.port) == [0, 40000, 0, 0])
        #expect(result.description.media[3] == MediaDescription(media: .image, port: 0, proto: "udptl", formats: ["t38"]))
        #expect(result.streams.map(\.index) == [1])
    }

    @Test("the peer's ptime (capped by its maxptime) and RTCP port reach the media engine")
    func packetTimeAndRTCP() throws {
        let offer = SDPTest.peer([SDPTest.audio("0", ["a=ptime:30", "a=maxptime:20", "a=rtcp:6001 IN IP4 198.51.100.8"])])
        let stream = try answer(offer).streams[0]
        #expect(stream.ptime == 20)
        #expect(stream.remoteRTCPPort == 6001)
        #expect(stream.remoteRTCPAddress == SDPAddress("198.51.100.8"))
        let plain = try answer(SDPTest.peer([SDPTest.audio("0", ["a=ptime:30"])])).streams[0]
        #expect(plain.ptime == 30)
        #expect(plain.remoteRTCPPort == 5005)
    }

    @Test("an IPv6 offer is answered from our IPv6 address, with the peer's media-level address")
    func ipv6() throws {
        let offer = try SessionDescription.parse(try Fixtures.bytes("sdp", "linphone-ipv6.sdp"))
        var capabilities = SDPTest.capabilities()
        capabilities.address = SDPAddress("2001:db8::10")
        let result = try answer(offer, capabilities)
        #expect(result.description.connection == SDPConnection(SDPAddress("2001:db8::10", type: .ip6)))
        #expect(result.description.serializedString.contains("c=IN IP6 2001:db8::10\r\n"))
        #expect(result.streams[0].remoteAddress == SDPAddress("fd00::2", type: .ip6))
        #expect(result.streams[0].telephoneEventPayloadType == 101)
    }

    /// An offer we cannot answer and the error the call path turns into 488.
    struct FailureCase: Sendable, CustomTestStringConvertible {
        let name: String
        let media: [[String]]
        var connection = "c=IN IP4 198.51.100.7"
        let error: SDPNegotiationError
        var testDescription: String { name }
    }

    static let failureCases: [FailureCase] = [
        FailureCase(name: "G.729 only: no common codec", media: [SDPTest.audio("18 101", ["a=rtpmap:18 G729/8000", "a=rtpmap:101 telephone-event/8000"])], error: .noCommonCodec(offered: ["G729", "telephone-event"])),
        FailureCase(name: "a dynamic type without rtpmap is unknown", media: [SDPTest.audio("96")], error: .noCommonCodec(offered: ["96"])),
        FailureCase(name: "video only", media: [SDPTest.video], error: .noAcceptableMedia),
        FailureCase(name: "SRTP audio only", media: [SDPTest.audio("0", proto: "RTP/SAVP")], error: .noAcceptableMedia),
        FailureCase(name: "every stream disabled", media: [SDPTest.audio("0", port: 0)], error: .noAcceptableMedia),
        FailureCase(name: "no c= anywhere", media: [SDPTest.audio], connection: "", error: .missingConnection(mediaIndex: 0)),
    ]

    @Test("offers we cannot take fail with a typed error that maps to 488", arguments: failureCases)
    func failures(_ testCase: FailureCase) {
        #expect(throws: testCase.error) {
            try answer(SDPTest.peer(testCase.media, connection: testCase.connection))
        }
        #expect(testCase.error.status == .notAcceptableHere)
    }

    @Test("no common codec explains itself with Warning 305 and the offered names")
    func noCommonCodecText() {
        let error = SDPNegotiationError.noCommonCodec(offered: ["G729", "telephone-event"])
        #expect(error.warningCode == 305)
        #expect(error.description == "no common codec (offered: G729, telephone-event)")
    }
}
