// Malformed session descriptions fail with the line number and the reason; sloppy but
// unambiguous ones (LF line ends, blank lines, extra spaces) are read.

import Testing
import SIP

@Suite struct SDPMalformedTests {
    /// A malformed description and the error it must produce.
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let lines: [String]
        let line: Int
        let reason: SDPParseError.Reason
        var testDescription: String { name }
    }

    static let head = ["v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1", "t=0 0"]

    static func field(_ type: String, _ field: String, _ expected: String) -> SDPParseError.Reason {
        .invalidField(line: type, field: field, expected: expected)
    }

    static let cases: [Case] = [
        Case(name: "empty body", lines: [], line: 1, reason: .emptyDescription),
        Case(name: "first line not v=", lines: ["o=- 1 1 IN IP4 192.0.2.1", "v=0"], line: 1, reason: .versionNotFirst),
        Case(name: "version 1", lines: ["v=1"], line: 1, reason: .unsupportedVersion),
        Case(name: "uppercase type letter", lines: head + ["M=audio 4000 RTP/AVP 0"], line: 6, reason: .malformedLine),
        Case(name: "no equals sign", lines: head + ["m audio 4000 RTP/AVP 0"], line: 6, reason: .malformedLine),
        Case(name: "unknown line type", lines: head + ["x=whatever"], line: 6, reason: .unknownLineType("x")),
        Case(name: "second o= line", lines: head + ["o=- 2 2 IN IP4 192.0.2.1"], line: 6, reason: .duplicateLine("o")),
        Case(name: "second session c= line", lines: head + ["c=IN IP4 192.0.2.2"], line: 6, reason: .duplicateLine("c")),
        Case(name: "second v= line", lines: head + ["v=0"], line: 6, reason: .duplicateLine("v")),
        Case(name: "missing o= before m=", lines: ["v=0", "s=-", "t=0 0", "m=audio 4000 RTP/AVP 0"], line: 4, reason: .missingLine("o")),
        Case(name: "missing s= at the end", lines: ["v=0", "o=- 1 1 IN IP4 192.0.2.1", "t=0 0"], line: 3, reason: .missingLine("s")),
        Case(name: "r= before t=", lines: ["v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "r=7d 1h 0"], line: 4, reason: .misplacedLine("r", "must follow a t= line")),
        Case(name: "t= inside a media description", lines: head + ["m=audio 4000 RTP/AVP 0", "t=0 0"], line: 7, reason: .misplacedLine("t", "belongs before the first m= line")),
        Case(name: "o= sess-version not a number", lines: ["v=0", "o=- 1 x IN IP4 192.0.2.1"], line: 2, reason: field("o", "sess-version", "a decimal version number below 2^64")),
        Case(name: "o= sess-version beyond 64 bits", lines: ["v=0", "o=- 1 18446744073709551616 IN IP4 192.0.2.1"], line: 2, reason: field("o", "sess-version", "a decimal version number below 2^64")),
        Case(name: "o= without address", lines: ["v=0", "o=- 1 1 IN IP4"], line: 2, reason: field("o", "address", "an address")),
        Case(name: "o= with a multicast suffix", lines: ["v=0", "o=- 1 1 IN IP4 233.252.0.1/127"], line: 2, reason: field("o", "address", "a unicast address")),
        Case(name: "c= IPv4 octet above 255", lines: ["v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.256"], line: 4, reason: field("c", "address", "an IPv4 address or a host name")),
        Case(name: "c= IPv4 with three octets", lines: ["v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2"], line: 4, reason: field("c", "address", "an IPv4 address or a host name")),
        Case(name: "c= IPv6 with two double colons", lines: ["v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP6 2001:db8::1::2"], line: 4, reason: field("c", "address", "an IPv6 address or a host name")),
        Case(name: "c= IPv6 literal under IP4", lines: ["v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 2001:db8::1"], line: 4, reason: field("c", "address", "an IPv4 address or a host name")),
        Case(name: "c= TTL above 255", lines: ["v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 233.252.0.1/300"], line: 4, reason: field("c", "address", "a TTL from 0 to 255 after /")),
        Case(name: "c= trailing field", lines: ["v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1 extra"], line: 4, reason: field("c", "connection-address", "nothing more on the line")),
        Case(name: "b= without colon", lines: head + ["b=AS64"], line: 6, reason: field("b", "bandwidth", "<type>:<decimal kilobits per second>")),
        Case(name: "t= stop time missing", lines: ["v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "t=0"], line: 4, reason: field("t", "stop-time", "a decimal NTP time")),
        Case(name: "r= bad unit", lines: head + ["r=7w 1h 0"], line: 6, reason: field("r", "typed-time", "a number with an optional unit d, h, m or s")),
        Case(name: "z= offset missing", lines: head + ["z=3730922900"], line: 6, reason: field("z", "offset", "a typed time offset")),
        Case(name: "m= port above 65535", lines: head + ["m=audio 70000 RTP/AVP 0"], line: 6, reason: field("m", "port", "a port from 0 to 65535")),
        Case(name: "m= port not a number", lines: head + ["m=audio x RTP/AVP 0"], line: 6, reason: field("m", "port", "a port from 0 to 65535")),
        Case(name: "m= zero ports", lines: head + ["m=audio 4000/0 RTP/AVP 0"], line: 6, reason: field("m", "port", "a number of ports from 1 to 65535 after /")),
        Case(name: "m= without proto", lines: head + ["m=audio 4000"], line: 6, reason: field("m", "proto", "a transport protocol such as RTP/AVP")),
        Case(name: "rtpmap payload type 128", lines: head + ["m=audio 4000 RTP/AVP 0", "a=rtpmap:128 PCMU/8000"], line: 7, reason: field("a=rtpmap", "payload type", "a payload type from 0 to 127")),
        Case(name: "rtpmap without clock rate", lines: head + ["m=audio 4000 RTP/AVP 96", "a=rtpmap:96 opus"], line: 7, reason: field("a=rtpmap", "encoding", "<encoding name>/<clock rate>[/<channels>]")),
        Case(name: "rtpmap clock rate 0", lines: head + ["m=audio 4000 RTP/AVP 96", "a=rtpmap:96 opus/0"], line: 7, reason: field("a=rtpmap", "encoding", "<encoding name>/<clock rate>[/<channels>]")),
        Case(name: "rtpmap without value", lines: head + ["m=audio 4000 RTP/AVP 96", "a=rtpmap"], line: 7, reason: field("a=rtpmap", "payload type", "a payload type from 0 to 127")),
        Case(name: "fmtp without format", lines: head + ["m=audio 4000 RTP/AVP 101", "a=fmtp:"], line: 7, reason: field("a=fmtp", "format", "a format, then its parameters")),
        Case(name: "ptime zero", lines: head + ["m=audio 4000 RTP/AVP 0", "a=ptime:0"], line: 7, reason: field("a=ptime", "packet time", "milliseconds from 1 to 100000")),
        Case(name: "maxptime not a number", lines: head + ["m=audio 4000 RTP/AVP 0", "a=maxptime:forty"], line: 7, reason: field("a=maxptime", "packet time", "milliseconds from 1 to 100000")),
        Case(name: "rtcp port above 65535", lines: head + ["m=audio 4000 RTP/AVP 0", "a=rtcp:65536"], line: 7, reason: field("a=rtcp", "port", "a port from 0 to 65535")),
        Case(name: "attribute name with a space", lines: head + ["a=rtcp mux"], line: 6, reason: field("a", "attribute", "a name without spaces, then an optional :value")),
        Case(name: "empty attribute", lines: head + ["a="], line: 6, reason: field("a", "attribute", "a name without spaces, then an optional :value")),
    ]

    @Test("malformed descriptions fail with the line and the reason", arguments: cases)
    func malformed(_ testCase: Case) {
        let text = testCase.lines.map { $0 + "\r\n" }.joined()
        #expect(throws: SDPParseError(line: testCase.line, testCase.reason)) {
            try SessionDescription.parse(text)
        }
    }

    @Test("a NUL byte and a bare CR are refused with their line")
    func controlBytes() {
        let nul = Array("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=a".utf8) + [0] + Array("b\r\n".utf8)
        #expect(throws: SDPParseError(line: 3, .nulByte)) { try SessionDescription.parse(nul) }
        #expect(throws: SDPParseError(line: 2, .bareCarriageReturn)) {
            try SessionDescription.parse("v=0\r\no=- 1 1\rIN IP4 192.0.2.1\r\n")
        }
    }

    @Test("the error text names the line, the line type, the field and what was expected")
    func errorText() {
        let error = SDPParseError(line: 7, .invalidField(line: "m", field: "port", expected: "a port from 0 to 65535"))
        #expect(error.description == "SDP line 7: m= port: expected a port from 0 to 65535")
        #expect(SDPParseError(line: 3, .missingLine("s")).description == "SDP line 3: missing s= line")
    }

    @Test("LF line ends, blank lines, a missing final line end and extra spaces are read like clean SDP")
    func lenient() throws {
        let clean = try SessionDescription.parse(Self.head.map { $0 + "\r\n" }.joined() + "m=audio 4000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\na=sendonly\r\n")
        let sloppy = try SessionDescription.parse(
            "\nv=0\no=-  1 1 IN IP4 192.0.2.1 \ns=-\n\nc=IN IP4  192.0.2.1\nt=0 0\nm=audio 4000  RTP/AVP 0\t101 \na=rtpmap:101  telephone-event/8000 \na=sendonly "
        )
        #expect(sloppy == clean)
    }

    @Test("session-level lines out of RFC order and a missing t= are accepted")
    func outOfOrder() throws {
        let parsed = try SessionDescription.parse("v=0\r\ns=-\r\nc=IN IP4 192.0.2.1\r\no=- 1 1 IN IP4 192.0.2.1\r\nm=audio 4000 RTP/AVP 0\r\n")
        #expect(parsed.timings.isEmpty)
        #expect(parsed.connection == SDPConnection("192.0.2.1"))
        #expect(try SessionDescription.parse(parsed.serializedBytes) == parsed)
    }

    @Test("a fractional ptime keeps its whole milliseconds; host names are accepted as addresses")
    func tolerated() throws {
        let parsed = try SessionDescription.parse(Self.head.dropLast(2).joined(separator: "\r\n") + "\r\nc=IN IP4 media.example.com\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=ptime:20.0\r\n")
        #expect(parsed.media[0].ptime == 20)
        #expect(parsed.connection?.address.address == "media.example.com")
    }
}
