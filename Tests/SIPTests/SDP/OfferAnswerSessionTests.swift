// Calls Kefu places (our offer, the peer's answer) and the life of a dialog's media: hold and
// resume both ways, o= versions (RFC 3264 §8), glare, late offers and failed re-offers.

import Testing
import SIP

@Suite struct OfferAnswerSessionTests {
    private func session(direction: SDPDirection = .sendrecv) -> OfferAnswerSession {
        OfferAnswerSession(capabilities: SDPTest.capabilities(direction: direction), sessionID: 7001)
    }

    /// The peer's answer to our audio offer, with extra attribute lines.
    private func peerAnswer(_ formats: String = "0 101", _ attributes: [String] = ["a=rtpmap:101 telephone-event/8000", "a=sendrecv"], connection: String = "c=IN IP4 198.51.100.7", version: Int = 1) -> SessionDescription {
        SDPTest.peer([SDPTest.audio(formats, attributes, port: 6000)], connection: connection, version: version)
    }

    @Test("our first offer lists PCMU, PCMA and telephone-event 101 at our address, version 1")
    func initialOffer() {
        var media = session()
        let offer = media.makeOffer()
        #expect(offer.serializedString == [
            "v=0",
            "o=kefu 7001 1 IN IP4 192.0.2.10",
            "s=-",
            "c=IN IP4 192.0.2.10",
            "t=0 0",
            "m=audio 40000 RTP/AVP 0 8 101",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-16",
            "a=ptime:20",
            "a=sendrecv",
        ].map { $0 + "\r\n" }.joined())
        #expect(media.pendingOffer == offer)
        #expect(media.streams.isEmpty)
    }

    @Test("the peer's answer sets codec, payload types, address and direction for the media engine")
    func answerToOurOffer() throws {
        var media = session()
        _ = media.makeOffer()
        let streams = try media.receivedAnswer(peerAnswer("8 101", ["a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-15", "a=ptime:30"]))
        #expect(streams == [NegotiatedMedia(
            index: 0, media: .audio, localPort: 40000,
            remoteAddress: SDPAddress("198.51.100.7"), remotePort: 6000,
            remoteRTCPAddress: SDPAddress("198.51.100.7"), remoteRTCPPort: 6001,
            codec: .pcma, payloadType: 8, localPayloadType: 8,
            telephoneEventPayloadType: 101, localTelephoneEventPayloadType: 101,
            telephoneEvents: SDPEventSet("0-15"), ptime: 30, direction: .sendrecv
        )])
        #expect(media.pendingOffer == nil)
        #expect(media.streams == streams)
        #expect(media.remoteDescription?.origin.username == "peer")
    }

    @Test("an answer that renumbers codecs: we send with its numbers and receive with ours")
    func renumberedAnswer() throws {
        var media = session()
        _ = media.makeOffer()
        let stream = try media.receivedAnswer(peerAnswer("110 96", ["a=rtpmap:110 PCMU/8000", "a=rtpmap:96 telephone-event/8000"]))[0]
        #expect(stream.codec.encodingName == "PCMU")
        #expect(stream.payloadType == 110)
        #expect(stream.localPayloadType == 0)
        #expect(stream.telephoneEventPayloadType == 96)
        #expect(stream.localTelephoneEventPayloadType == 101)
    }

    /// A broken answer to our offer and the error it must produce.
    struct BadAnswer: Sendable, CustomTestStringConvertible {
        let name: String
        let media: [[String]]
        let error: SDPNegotiationError
        var testDescription: String { name }
    }

    static let badAnswers: [BadAnswer] = [
        BadAnswer(name: "a codec we did not offer", media: [SDPTest.audio("18", ["a=rtpmap:18 G729/8000"])], error: .answerCodecNotOffered(mediaIndex: 0)),
        BadAnswer(name: "two m= lines for one", media: [SDPTest.audio("0"), SDPTest.audio("0", port: 0)], error: .answerMediaCountMismatch(offered: 1, answered: 2)),
        BadAnswer(name: "video for audio", media: [["m=video 6000 RTP/AVP 0"]], error: .answerMediaTypeMismatch(mediaIndex: 0)),
        BadAnswer(name: "every stream rejected", media: [SDPTest.audio("0", port: 0)], error: .answerRejectedAllMedia),
    ]

    @Test("a broken answer is refused, the offer is dropped and nothing changes", arguments: badAnswers)
    func brokenAnswers(_ testCase: BadAnswer) {
        var media = session()
        _ = media.makeOffer()
        #expect(throws: testCase.error) { try media.receivedAnswer(SDPTest.peer(testCase.media)) }
        #expect(media.pendingOffer == nil)
        #expect(media.streams.isEmpty)
        #expect(media.localDescription == nil)
    }

    @Test("an answer holding us (recvonly, or RFC 2543 c=0.0.0.0) means we send only or nothing")
    func answeredDirections() throws {
        var held = session()
        _ = held.makeOffer()
        #expect(try held.receivedAnswer(peerAnswer("0", ["a=recvonly"]))[0].direction == .sendonly)
        var old = session()
        _ = old.makeOffer()
        #expect(try old.receivedAnswer(peerAnswer("0", [], connection: "c=IN IP4 0.0.0.0"))[0].direction == .recvonly)
    }

    @Test("we hold and resume a call we placed: sendonly then sendrecv, o= version +1 each time, same lines")
    func holdAndResumeOutbound() throws {
        var media = session()
        let offer = media.makeOffer()
        try media.receivedAnswer(peerAnswer())

        let hold = media.hold()
        #expect(hold.origin.sessionVersion == 2)
        #expect(hold.origin.username == offer.origin.username && hold.origin.sessionID == offer.origin.sessionID)
        #expect(hold.media[0].direction == .sendonly)
        #expect(hold.media[0].formats == offer.media[0].formats)
        #expect(try media.receivedAnswer(peerAnswer("0 101", ["a=rtpmap:101 telephone-event/8000", "a=recvonly"], version: 2))[0].direction == .sendonly)

        let resume = media.resume()
        #expect(resume.origin.sessionVersion == 3)
        #expect(resume.media[0].direction == .sendrecv)
        #expect(try media.receivedAnswer(peerAnswer(version: 3))[0].direction == .sendrecv)
    }

    @Test("the peer holds and resumes an inbound call: recvonly then sendrecv; a refresh keeps the version")
    func heldByPeer() throws {
        var media = session()
        let first = try media.receivedOffer(SDPTest.peer([SDPTest.audio + ["a=sendrecv"]]))
        #expect(first.origin.sessionVersion == 1)

        let held = try media.receivedOffer(SDPTest.peer([SDPTest.audio + ["a=sendonly"]], version: 2))
        #expect(held.origin.sessionVersion == 2)
        #expect(held.media[0].direction == .recvonly)
        #expect(media.streams[0].isHeldByRemote)

        let refreshed = try media.receivedOffer(SDPTest.peer([SDPTest.audio + ["a=sendonly"]], version: 2))
        #expect(refreshed == held)

        let resumed = try media.receivedOffer(SDPTest.peer([SDPTest.audio + ["a=sendrecv"]], version: 3))
        #expect(resumed.origin.sessionVersion == 3)
        #expect(resumed.media[0].direction == .sendrecv)
        #expect(!media.streams[0].isHeldByRemote)
    }

    @Test("holding a peer that holds us offers inactive (RFC 3264 §8.4); resuming returns to recvonly")
    func holdWhileHeld() throws {
        var media = session()
        _ = try media.receivedOffer(SDPTest.peer([SDPTest.audio + ["a=sendonly"]]))
        #expect(media.hold().media[0].direction == .inactive)
        media.offerRejected()
        #expect(media.resume().media[0].direction == .recvonly)
    }

    @Test("a re-offer keeps rejected lines at port 0 and the offerer's telephone-event number")
    func reofferKeepsLines() throws {
        var media = session()
        let offer = SDPTest.peer([SDPTest.audio("0 96", ["a=rtpmap:96 telephone-event/8000"]), SDPTest.video])
        _ = try media.receivedOffer(offer)
        let hold = media.hold()
        #expect(hold.media.map(\.port) == [40000, 0])
        #expect(hold.media[0].formats == ["0", "96"])
        #expect(hold.media[1].media == .video)
        #expect(hold.origin.sessionVersion == 2)
    }

    @Test("an offer while ours is pending is glare: 491, and nothing changes")
    func glare() throws {
        var media = session()
        _ = media.makeOffer()
        #expect(throws: SDPNegotiationError.offerPending) { try media.receivedOffer(SDPTest.peer([SDPTest.audio])) }
        #expect(SDPNegotiationError.offerPending.status == .requestPending)
        #expect(media.pendingOffer != nil)
    }

    @Test("an answer without an offer is refused")
    func answerWithoutOffer() {
        var media = session()
        #expect(throws: SDPNegotiationError.noOfferPending) { try media.receivedAnswer(peerAnswer()) }
    }

    @Test("a re-offer the peer refuses (488) leaves the call as it was; the next offer still counts up")
    func rejectedReoffer() throws {
        var media = session()
        _ = try media.receivedOffer(SDPTest.peer([SDPTest.audio]))
        let before = media.streams
        #expect(media.hold().origin.sessionVersion == 2)
        media.offerRejected()
        #expect(media.streams == before)
        #expect(media.localDescription?.media[0].direction == .sendrecv)
        #expect(media.resume().origin.sessionVersion == 3)
    }

    @Test("a re-INVITE without a common codec is refused and the call keeps its media")
    func refusedReoffer() throws {
        var media = session()
        let answer = try media.receivedOffer(SDPTest.peer([SDPTest.audio]))
        #expect(throws: SDPNegotiationError.noCommonCodec(offered: ["G729"])) {
            try media.receivedOffer(SDPTest.peer([SDPTest.audio("18", ["a=rtpmap:18 G729/8000"])], version: 2))
        }
        #expect(media.localDescription == answer)
        #expect(media.streams[0].codec.encodingName == "PCMU")
    }

    @Test("late offer: an INVITE without SDP gets our offer in the 200 OK and the answer comes in the ACK")
    func lateOffer() throws {
        var media = session()
        var ok = SIPResponse(to: try SIPRequest.parse(try Fixtures.bytes("captures", "sipp-uac-invite.dat")), status: .ok, toTag: "k")
        ok.setSessionDescription(media.makeOffer())
        let offer = try #require(try SIPResponse.parse(ok.serializedBytes).sessionDescription())
        #expect(offer == media.pendingOffer)
        let streams = try media.receivedAnswer(peerAnswer("0"))
        #expect(streams[0].telephoneEventPayloadType == nil)
        #expect(streams[0].payloadType == 0)
    }
}
