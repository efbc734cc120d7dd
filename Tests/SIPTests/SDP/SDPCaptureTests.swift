// Session descriptions from real peers (SIPp, baresip, linphone) and composed carrier-style
// ones, checked the pjsip msg_test.c way: parse -> compare with a value built by hand ->
// serialize -> parse again -> equal.

import Testing
import SIP

@Suite struct SDPCaptureTests {
    private func fixture(_ name: String) throws -> SessionDescription {
        try SessionDescription.parse(try Fixtures.bytes("sdp", name))
    }

    /// Equal to `expected`, and stable through serialize and re-parse.
    private func check(_ parsed: SessionDescription, _ expected: SessionDescription) throws {
        #expect(parsed == expected)
        let reparsed = try SessionDescription.parse(parsed.serializedBytes)
        #expect(reparsed == parsed)
        #expect(reparsed.serializedBytes == parsed.serializedBytes)
    }

    @Test("SIPp uac: one PCMU stream on 127.0.0.1:6000, written back byte for byte")
    func sippUAC() throws {
        let bytes = try Fixtures.bytes("sdp", "sipp-uac.sdp")
        let parsed = try SessionDescription.parse(bytes)
        let expected = SessionDescription(
            origin: SDPOrigin(username: "user1", sessionID: "53655765", sessionVersion: 2353687637, address: SDPAddress("127.0.0.1")),
            connection: SDPConnection("127.0.0.1"),
            media: [MediaDescription(media: .audio, port: 6000, formats: ["0"], attributes: [.rtpmap(SDPRTPMap(payloadType: 0, encodingName: "PCMU", clockRate: 8000))])]
        )
        try check(parsed, expected)
        #expect(parsed.serializedBytes == bytes)
        #expect(parsed.direction(of: parsed.media[0]) == .sendrecv)
    }

    @Test("SIPp uac_pcap: PCMA with telephone-event 0-11,16")
    func sippUACPcap() throws {
        let parsed = try fixture("sipp-uac-pcap.sdp")
        let expected = SessionDescription(
            origin: SDPOrigin(username: "user1", sessionID: "53655765", sessionVersion: 2353687637, address: SDPAddress("127.0.0.1")),
            connection: SDPConnection("127.0.0.1"),
            media: [MediaDescription(media: .audio, port: 6000, formats: ["8", "101"], attributes: [
                .rtpmap(SDPRTPMap(payloadType: 8, encodingName: "PCMA", clockRate: 8000)),
                .rtpmap(SDPRTPMap(payloadType: 101, encodingName: "telephone-event", clockRate: 8000)),
                .fmtp(SDPFormatParameters(format: "101", parameters: "0-11,16")),
            ])]
        )
        try check(parsed, expected)
    }

    @Test("baresip audio and video: two streams, payload type 96 means opus in one and VP8 in the other")
    func baresipAudioVideo() throws {
        let parsed = try fixture("baresip-audio-video.sdp")
        let audio = MediaDescription(media: .audio, port: 30102, formats: ["0", "8", "9", "96", "101"], attributes: [
            .rtpmap(SDPRTPMap(payloadType: 0, encodingName: "PCMU", clockRate: 8000)),
            .rtpmap(SDPRTPMap(payloadType: 8, encodingName: "PCMA", clockRate: 8000)),
            .rtpmap(SDPRTPMap(payloadType: 9, encodingName: "G722", clockRate: 8000)),
            .rtpmap(SDPRTPMap(payloadType: 96, encodingName: "opus", clockRate: 48000, encodingParameters: "2")),
            .fmtp(SDPFormatParameters(format: "96", parameters: "stereo=1;sprop-stereo=1")),
            .rtpmap(SDPRTPMap(payloadType: 101, encodingName: "telephone-event", clockRate: 8000)),
            .fmtp(SDPFormatParameters(format: "101", parameters: "0-15")),
            .direction(.sendrecv),
            .other(name: "label", value: "1"),
            .other(name: "rtcp-rsize", value: nil),
            .other(name: "ssrc", value: "4225367432 cname:sip:1001@127.0.0.1"),
            .other(name: "minptime", value: "20"),
            .ptime(20),
        ])
        let video = MediaDescription(media: .video, port: 33402, formats: ["96", "97", "98", "34", "99", "100"], attributes: [
            .rtpmap(SDPRTPMap(payloadType: 96, encodingName: "VP8", clockRate: 90000)),
            .fmtp(SDPFormatParameters(format: "96", parameters: "max-fs=3600")),
            .rtpmap(SDPRTPMap(payloadType: 97, encodingName: "H264", clockRate: 90000)),
            .fmtp(SDPFormatParameters(format: "97", parameters: "packetization-mode=0;profile-level-id=42e01f")),
            .rtpmap(SDPRTPMap(payloadType: 98, encodingName: "H264", clockRate: 90000)),
            .fmtp(SDPFormatParameters(format: "98", parameters: "packetization-mode=1;profile-level-id=42e01f")),
            .rtpmap(SDPRTPMap(payloadType: 34, encodingName: "H263", clockRate: 90000)),
            .fmtp(SDPFormatParameters(format: "34", parameters: "CIF=1;CIF4=1")),
            .rtpmap(SDPRTPMap(payloadType: 99, encodingName: "MP4V-ES", clockRate: 90000)),
            .fmtp(SDPFormatParameters(format: "99", parameters: "profile-level-id=3")),
            .rtpmap(SDPRTPMap(payloadType: 100, encodingName: "H265", clockRate: 90000)),
            .fmtp(SDPFormatParameters(format: "100", parameters: "profile-id=1")),
            .direction(.sendrecv),
            .other(name: "label", value: "2"),
            .other(name: "rtcp-rsize", value: nil),
            .other(name: "ssrc", value: "2964102354 cname:sip:1001@127.0.0.1"),
            .other(name: "framerate", value: "25.00"),
            .other(name: "rtcp-fb", value: "* nack pli"),
            .other(name: "content", value: "main"),
        ])
        let expected = SessionDescription(
            origin: SDPOrigin(sessionID: "750904422", sessionVersion: 958908729, address: SDPAddress("127.0.0.1")),
            connection: SDPConnection("127.0.0.1"),
            attributes: [.other(name: "tool", value: "baresip 1.0.0")],
            media: [audio, video]
        )
        try check(parsed, expected)
        #expect(parsed.media[0].rtpMap(for: 96)?.encodingName == "opus")
        #expect(parsed.media[1].rtpMap(for: 96)?.encodingName == "VP8")
        #expect(parsed.media[0].ptime == 20)
        #expect(parsed.media[1].attributes.contains(named: "rtcp-fb"))
    }

    @Test("baresip over IPv6: IN IP6 ::1 in o= and c=")
    func baresipIPv6() throws {
        let parsed = try fixture("baresip-ipv6.sdp")
        let loopback = SDPAddress("::1", type: .ip6)
        #expect(parsed.origin == SDPOrigin(sessionID: "2154410289", sessionVersion: 1405849578, address: loopback))
        #expect(parsed.connection == SDPConnection(loopback))
        #expect(parsed.media.count == 1)
        #expect(parsed.media[0].port == 36508)
        #expect(parsed.media[0].payloadTypes == [0, 8, 9, 96, 101])
        #expect(parsed.connection(of: parsed.media[0])?.address.address == "::1")
        try check(parsed, parsed)
    }

    @Test("linphone 5.1 over IPv6: G.729 as static type 18 without rtpmap, three telephone-event rates")
    func linphone() throws {
        let parsed = try fixture("linphone-ipv6.sdp")
        let address = SDPAddress("fd00::2", type: .ip6)
        let expected = SessionDescription(
            origin: SDPOrigin(username: "linphone", sessionID: "2516", sessionVersion: 2905, address: address),
            sessionName: "Talk",
            connection: SDPConnection(address),
            attributes: [.other(name: "rtcp-xr", value: "rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL voip-metrics")],
            media: [MediaDescription(media: .audio, port: 7078, formats: ["96", "97", "98", "0", "8", "18", "99", "100", "101"], attributes: [
                .rtpmap(SDPRTPMap(payloadType: 96, encodingName: "opus", clockRate: 48000, encodingParameters: "2")),
                .fmtp(SDPFormatParameters(format: "96", parameters: "useinbandfec=1")),
                .rtpmap(SDPRTPMap(payloadType: 97, encodingName: "speex", clockRate: 16000)),
                .fmtp(SDPFormatParameters(format: "97", parameters: "vbr=on")),
                .rtpmap(SDPRTPMap(payloadType: 98, encodingName: "speex", clockRate: 8000)),
                .fmtp(SDPFormatParameters(format: "98", parameters: "vbr=on")),
                .fmtp(SDPFormatParameters(format: "18", parameters: "annexb=yes")),
                .rtpmap(SDPRTPMap(payloadType: 99, encodingName: "telephone-event", clockRate: 48000)),
                .rtpmap(SDPRTPMap(payloadType: 100, encodingName: "telephone-event", clockRate: 16000)),
                .rtpmap(SDPRTPMap(payloadType: 101, encodingName: "telephone-event", clockRate: 8000)),
                .other(name: "rtcp-fb", value: "* trr-int 5000"),
                .other(name: "rtcp-fb", value: "* ccm tmmbr"),
            ])]
        )
        try check(parsed, expected)
        #expect(parsed.media[0].rtpMap(for: 18) == nil)
        #expect(parsed.media[0].resolvedRTPMap(for: 18) == SDPRTPMap(payloadType: 18, encodingName: "G729", clockRate: 8000))
        #expect(parsed.media[0].formatParameters(for: "18") == "annexb=yes")
    }

    @Test("carrier offer: G.729 first, AMR, bandwidth, maxptime and an explicit RTCP port")
    func carrier() throws {
        let parsed = try fixture("carrier-multicodec.sdp")
        let expected = SessionDescription(
            origin: SDPOrigin(sessionID: "1700000001", sessionVersion: 1700000001, address: SDPAddress("198.51.100.30")),
            sessionName: "SBC",
            connection: SDPConnection("198.51.100.30"),
            bandwidths: [SDPBandwidth(type: "AS", value: 84)],
            media: [MediaDescription(media: .audio, port: 31584, formats: ["18", "8", "0", "4", "98", "97", "101"], bandwidths: [SDPBandwidth(type: "AS", value: 84)], attributes: [
                .rtpmap(SDPRTPMap(payloadType: 18, encodingName: "G729", clockRate: 8000)),
                .fmtp(SDPFormatParameters(format: "18", parameters: "annexb=no")),
                .rtpmap(SDPRTPMap(payloadType: 8, encodingName: "PCMA", clockRate: 8000)),
                .rtpmap(SDPRTPMap(payloadType: 0, encodingName: "PCMU", clockRate: 8000)),
                .rtpmap(SDPRTPMap(payloadType: 4, encodingName: "G723", clockRate: 8000)),
                .rtpmap(SDPRTPMap(payloadType: 98, encodingName: "AMR", clockRate: 8000)),
                .fmtp(SDPFormatParameters(format: "98", parameters: "mode-change-capability=2;max-red=0")),
                .rtpmap(SDPRTPMap(payloadType: 97, encodingName: "AMR-WB", clockRate: 16000)),
                .rtpmap(SDPRTPMap(payloadType: 101, encodingName: "telephone-event", clockRate: 8000)),
                .fmtp(SDPFormatParameters(format: "101", parameters: "0-15")),
                .ptime(20),
                .maxptime(40),
                .rtcp(SDPRTCPAttribute(port: 31585)),
                .direction(.sendrecv),
            ])]
        )
        try check(parsed, expected)
        #expect(parsed.media[0].maxptime == 40)
        #expect(parsed.media[0].rtcp?.port == 31585)
    }

    @Test("RFC 2543 hold: c=0.0.0.0 is recognized as hold, with no direction attribute")
    func oldHold() throws {
        let parsed = try fixture("rfc2543-hold.sdp")
        let expected = SessionDescription(
            origin: SDPOrigin(username: "GW-UserAgent", sessionID: "4521", sessionVersion: 4522, address: SDPAddress("203.0.113.7")),
            sessionName: "SIP Call",
            connection: SDPConnection("0.0.0.0"),
            media: [MediaDescription(media: .audio, port: 18540, formats: ["0", "101"], attributes: [
                .rtpmap(SDPRTPMap(payloadType: 0, encodingName: "PCMU", clockRate: 8000)),
                .rtpmap(SDPRTPMap(payloadType: 101, encodingName: "telephone-event", clockRate: 8000)),
                .fmtp(SDPFormatParameters(format: "101", parameters: "0-15")),
            ])]
        )
        try check(parsed, expected)
        #expect(parsed.connection?.isHold == true)
        #expect(parsed.media[0].direction == nil)
    }

    @Test("every line type: i u e p b r z k, multicast IPv4 and IPv6, BFCP and T.38 kept verbatim")
    func allLineTypes() throws {
        let bytes = try Fixtures.bytes("sdp", "all-line-types.sdp")
        let parsed = try SessionDescription.parse(bytes)
        let expected = SessionDescription(
            origin: SDPOrigin(username: "trainer", sessionID: "3724394400", sessionVersion: 3724394405, address: SDPAddress("198.51.100.1")),
            sessionName: "Agent training",
            information: "Weekly training for the support team",
            uri: "https://training.example.com/weekly",
            emails: ["Trainer <trainer@example.com>"],
            phones: ["+86 10 5555 0100"],
            connection: SDPConnection(SDPAddress("233.252.0.1"), ttl: 127, numberOfAddresses: 2),
            bandwidths: [SDPBandwidth(type: "CT", value: 256)],
            timings: [
                SDPTiming(start: 3724394400, stop: 3724398000, repeats: [
                    SDPRepeatTimes(interval: "7d", activeDuration: "1h", offsets: ["0", "25h"]),
                    SDPRepeatTimes(interval: "604800", activeDuration: "3600", offsets: ["0", "90000"]),
                ]),
                .permanent,
            ],
            timeZoneAdjustments: [SDPTimeZoneAdjustment(time: 3730922900, offset: "-1h"), SDPTimeZoneAdjustment(time: 3749672900, offset: "0")],
            encryptionKey: "prompt",
            attributes: [.direction(.recvonly), .other(name: "tool", value: "kefu-fixture")],
            media: [
                MediaDescription(
                    media: .audio, port: 49170, formats: ["0"], information: "Trainer audio",
                    connections: [SDPConnection(SDPAddress("233.252.0.1"), ttl: 127)],
                    bandwidths: [SDPBandwidth(type: "AS", value: 64)], encryptionKey: "clear:training",
                    attributes: [.rtpmap(SDPRTPMap(payloadType: 0, encodingName: "PCMU", clockRate: 8000))]
                ),
                MediaDescription(
                    media: .video, port: 51372, numberOfPorts: 2, formats: ["99"],
                    connections: [SDPConnection(SDPAddress("ff15::101", type: .ip6), numberOfAddresses: 3)],
                    attributes: [.rtpmap(SDPRTPMap(payloadType: 99, encodingName: "h263-1998", clockRate: 90000))]
                ),
                MediaDescription(media: .application, port: 5000, proto: "TCP/BFCP", formats: ["*"], attributes: [
                    .other(name: "floorctrl", value: "s-only"), .other(name: "confid", value: "4321"),
                ]),
                MediaDescription(media: .image, port: 0, proto: "udptl", formats: ["t38"]),
            ]
        )
        try check(parsed, expected)
        #expect(parsed.serializedBytes == bytes)
        #expect(parsed.direction(of: parsed.media[0]) == .recvonly)
        #expect(parsed.media[3].isDisabled)
        #expect(!parsed.media[2].isRTP)
    }

    @Test("a SIP INVITE's application/sdp body is read and written through the message")
    func sipBody() throws {
        let invite = try SIPRequest.parse(try Fixtures.bytes("captures", "baresip-invite.dat"))
        let offer = try #require(try invite.sessionDescription())
        #expect(offer.media.map(\.media) == [.audio])
        #expect(offer.media[0].payloadTypes == [0, 8, 101])

        var response = SIPResponse(to: invite, status: .ok, toTag: "k1")
        #expect(try response.sessionDescription() == nil)
        response.setSessionDescription(offer)
        #expect(try response.contentType == .sdp)
        #expect(try response.headers.contentLength == offer.serializedBytes.count)
        let reparsed = try SIPResponse.parse(response.serializedBytes)
        #expect(try reparsed.sessionDescription() == offer)
    }

    @Test("a body of another content type is not read as SDP")
    func otherBody() throws {
        var request = try SIPRequest.parse(try Fixtures.bytes("captures", "baresip-invite.dat"))
        request.setBody(Array("Signal=5\r\nDuration=160\r\n".utf8), contentType: .dtmfRelay)
        #expect(!request.hasSessionDescription)
        #expect(try request.sessionDescription() == nil)
    }
}
