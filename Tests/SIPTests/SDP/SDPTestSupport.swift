// Building blocks shared by the offer/answer tests: our capabilities and peer offers as text.

import SIP

enum SDPTest {
    /// Kefu's side in the tests: 192.0.2.10:40000, PCMU then PCMA, telephone-event 101 (0-16), 20 ms.
    static func capabilities(
        direction: SDPDirection = .sendrecv,
        codecOrder: MediaCapabilities.CodecOrder = .local,
        video: Bool = false,
        allCodecs: Bool = false
    ) -> MediaCapabilities {
        var streams: [SDPStreamCapability] = [.audio(port: 40000)]
        if video {
            streams.append(SDPStreamCapability(media: .video, port: 40002, codecs: [SDPCodec(encodingName: "VP8", clockRate: 90000, payloadType: 96)]))
        }
        return MediaCapabilities(
            address: SDPAddress("192.0.2.10"),
            streams: streams,
            direction: direction,
            codecOrder: codecOrder,
            answersWithAllCommonCodecs: allCodecs
        )
    }

    static let origin = SDPOrigin(username: "kefu", sessionID: "7", sessionVersion: 1, address: SDPAddress("192.0.2.10"))

    /// A peer's description from 198.51.100.7 with the given media sections (each a list of lines).
    static func peer(_ media: [[String]], connection: String = "c=IN IP4 198.51.100.7", session: [String] = [], version: Int = 1) -> SessionDescription {
        let lines = ["v=0", "o=peer 42 \(version) IN IP4 198.51.100.7", "s=-"] + (connection.isEmpty ? [] : [connection]) + ["t=0 0"] + session + media.flatMap { $0 }
        do {
            return try SessionDescription.parse(lines.map { $0 + "\r\n" }.joined())
        } catch {
            fatalError("test SDP does not parse: \(error)")
        }
    }

    /// The usual softphone audio line: PCMU, PCMA, telephone-event 101 on port 5004.
    static let audio = ["m=audio 5004 RTP/AVP 0 8 101", "a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000", "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-16"]

    /// An audio section with `formats` and extra attribute lines.
    static func audio(_ formats: String, _ attributes: [String] = [], port: Int = 5004, proto: String = "RTP/AVP") -> [String] {
        ["m=audio \(port) \(proto) \(formats)"] + attributes
    }

    static let video = ["m=video 5006 RTP/AVP 96 97", "a=rtpmap:96 VP8/90000", "a=rtpmap:97 H264/90000"]
}
