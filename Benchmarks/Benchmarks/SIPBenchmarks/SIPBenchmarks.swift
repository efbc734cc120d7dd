// Benchmarks for the SIP module: parsing and serializing a typical INVITE with SDP.
// Run: cd Benchmarks && swift package --disable-sandbox benchmark --target SIPBenchmarks
// They print time, instructions and mallocs; nothing asserts a time.

import Benchmark
import SIP

/// A softphone INVITE as it arrives over UDP: 12 header fields and an SDP offer, ~900 bytes.
let typicalInvite: [UInt8] = Array((
    "INVITE sip:9999@192.168.10.20:5060 SIP/2.0\r\n" +
    "Via: SIP/2.0/UDP 192.168.10.31:5062;branch=z9hG4bK-524287-1---4c1b8e2f1a9d3c77;rport\r\n" +
    "Max-Forwards: 70\r\n" +
    "Contact: <sip:1001@192.168.10.31:5062;transport=udp>\r\n" +
    "To: <sip:9999@192.168.10.20>\r\n" +
    "From: \"Agent 1001\" <sip:1001@192.168.10.20>;tag=9b4c2a17\r\n" +
    "Call-ID: ZjUyOWE4YjM1NzI0ZmE0NjE3ODI0ZWM1NWQzYWQ2Nzg\r\n" +
    "CSeq: 1 INVITE\r\n" +
    "Allow: INVITE, ACK, CANCEL, BYE, NOTIFY, REFER, MESSAGE, OPTIONS, INFO, SUBSCRIBE\r\n" +
    "Content-Type: application/sdp\r\n" +
    "Supported: replaces, norefersub, extended-refer, timer, X-cisco-serviceuri\r\n" +
    "User-Agent: Zoiper v2.10.18.1\r\n" +
    "Content-Length: 367\r\n" +
    "\r\n" +
    "v=0\r\n" +
    "o=Zoiper 0 3281624915 IN IP4 192.168.10.31\r\n" +
    "s=Zoiper\r\n" +
    "c=IN IP4 192.168.10.31\r\n" +
    "t=0 0\r\n" +
    "m=audio 56442 RTP/AVP 0 101 8 3 9 18 111\r\n" +
    "a=rtpmap:0 PCMU/8000\r\n" +
    "a=rtpmap:101 telephone-event/8000\r\n" +
    "a=fmtp:101 0-16\r\n" +
    "a=rtpmap:8 PCMA/8000\r\n" +
    "a=rtpmap:3 GSM/8000\r\n" +
    "a=rtpmap:9 G722/8000\r\n" +
    "a=rtpmap:18 G729/8000\r\n" +
    "a=fmtp:18 annexb=no\r\n" +
    "a=rtpmap:111 opus/48000/2\r\n" +
    "a=fmtp:111 useinbandfec=1\r\n" +
    "a=sendrecv\r\n"
).utf8)

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration.metrics = [.wallClock, .cpuTotal, .instructions, .mallocCountTotal, .throughput]
    Benchmark.defaultConfiguration.maxDuration = .seconds(2)
    Benchmark.defaultConfiguration.maxIterations = 1_000_000

    // The harness's own cost per iteration, to read the mallocs of the others against.
    Benchmark("Baseline: empty iteration") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(typicalInvite.count)
        }
    }

    Benchmark("Parse typical INVITE (\(typicalInvite.count) bytes)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try SIPMessage.parse(typicalInvite))
        }
    }

    Benchmark("Serialize typical INVITE into a reused buffer") { benchmark in
        let message = try SIPMessage.parse(typicalInvite)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(2048)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            buffer.removeAll(keepingCapacity: true)
            message.serialize(into: &buffer)
            blackHole(buffer)
        }
    }

    Benchmark("Parse typical INVITE and read transaction and dialog keys") { benchmark in
        for _ in benchmark.scaledIterations {
            let request = try SIPRequest.parse(typicalInvite)
            let via = try request.topVia
            blackHole(via.branch)
            blackHole(try request.callID)
            blackHole(try request.cseq)
            blackHole(try request.from.tag)
            blackHole(try request.to.tag)
        }
    }

    Benchmark("Stream-frame typical INVITE from a TCP buffer") { benchmark in
        var framer = SIPStreamFramer()
        for _ in benchmark.scaledIterations {
            framer.append(typicalInvite)
            blackHole(try framer.next())
        }
    }

    sdpBenchmarks()
}
