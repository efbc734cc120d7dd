// Benchmarks for SDP: parsing a typical offer and answering it (RFC 3264), as every call does.
// Registered from SIPBenchmarks.swift; run:
//   cd Benchmarks && swift package --disable-sandbox benchmark --target SIPBenchmarks --filter SDP
// They print time, instructions and mallocs; nothing asserts a time.

import Benchmark
import SIP

/// A softphone offer as it arrives in an INVITE: audio with five codecs and telephone-event,
/// plus the attributes baresip and Zoiper add (~480 bytes, 20 lines).
let typicalOffer: [UInt8] = Array((
    "v=0\r\n" +
    "o=- 2647671853 1682671931 IN IP4 192.168.10.31\r\n" +
    "s=-\r\n" +
    "c=IN IP4 192.168.10.31\r\n" +
    "t=0 0\r\n" +
    "a=tool:baresip 1.0.0\r\n" +
    "m=audio 30102 RTP/AVP 0 8 9 96 18 101\r\n" +
    "a=rtpmap:0 PCMU/8000\r\n" +
    "a=rtpmap:8 PCMA/8000\r\n" +
    "a=rtpmap:9 G722/8000\r\n" +
    "a=rtpmap:96 opus/48000/2\r\n" +
    "a=fmtp:96 stereo=1;sprop-stereo=1\r\n" +
    "a=rtpmap:18 G729/8000\r\n" +
    "a=fmtp:18 annexb=no\r\n" +
    "a=rtpmap:101 telephone-event/8000\r\n" +
    "a=fmtp:101 0-16\r\n" +
    "a=sendrecv\r\n" +
    "a=rtcp-rsize\r\n" +
    "a=ssrc:4225367432 cname:sip:1001@192.168.10.31\r\n" +
    "a=ptime:20\r\n"
).utf8)

let kefuCapabilities = MediaCapabilities.audio(address: "192.168.10.20", port: 40000)
let kefuOrigin = SDPOrigin(username: "kefu", sessionID: "7001", sessionVersion: 1, address: SDPAddress("192.168.10.20"))

/// Registers the SDP benchmarks.
func sdpBenchmarks() {
    Benchmark("SDP: parse typical offer (\(typicalOffer.count) bytes)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try SessionDescription.parse(typicalOffer))
        }
    }

    Benchmark("SDP: answer a parsed offer (RFC 3264)") { benchmark in
        let offer = try SessionDescription.parse(typicalOffer)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try OfferAnswer.answer(to: offer, capabilities: kefuCapabilities, origin: kefuOrigin))
        }
    }

    Benchmark("SDP: parse offer, answer, serialize answer") { benchmark in
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1024)
        for _ in benchmark.scaledIterations {
            let offer = try SessionDescription.parse(typicalOffer)
            let answer = try OfferAnswer.answer(to: offer, capabilities: kefuCapabilities, origin: kefuOrigin)
            buffer.removeAll(keepingCapacity: true)
            answer.description.serialize(into: &buffer)
            blackHole(buffer)
            blackHole(answer.streams)
        }
    }
}
