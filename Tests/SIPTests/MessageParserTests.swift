// Hand-written edge cases of the message parser: folding, compact forms, datagram rules,
// limits, and errors that name the defect.
//
// Test plan: covered here are the header-section grammar (RFC 3261 §7.3), datagram framing
// (§18.3), the configured limits and the start lines. Not covered here: typed header values
// (HeaderValueTests), stream framing (StreamFramerTests), URIs (URITests).

import Foundation
import Testing
import SIP
import SIPTesting

@Suite struct MessageParserTests {
    /// Bytes of a message written with `\n` line ends turned into CRLF.
    static func crlf(_ text: String) -> [UInt8] {
        Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    }

    static let options = """
        OPTIONS sip:9999@127.0.0.1 SIP/2.0
        Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1
        Max-Forwards: 70
        From: <sip:alice@127.0.0.1>;tag=a1
        To: <sip:9999@127.0.0.1>
        Call-ID: c1@127.0.0.1
        CSeq: 1 OPTIONS
        Content-Length: 0


        """

    @Test("a folded header value reads as one line and is written back on one line")
    func folding() throws {
        let bytes = Self.crlf("""
            OPTIONS sip:9999@127.0.0.1 SIP/2.0
            Via: SIP/2.0/UDP 127.0.0.1:5070
             ;branch=z9hG4bK-1
            Subject: first part
            \tsecond part
            From: <sip:alice@127.0.0.1>;tag=a1
            To: <sip:9999@127.0.0.1>
            Call-ID: c1
            CSeq: 1 OPTIONS
            Content-Length: 0


            """)
        let request = try SIPRequest.parse(bytes)
        #expect(request.subject == "first part second part")
        #expect(try request.topVia.branch == "z9hG4bK-1")
        let text = request.serializedString
        #expect(text.contains("Subject: first part second part\r\n"))
        #expect(text.contains("Via: SIP/2.0/UDP 127.0.0.1:5070 ;branch=z9hG4bK-1\r\n"))
        #expect(try SIPRequest.parse(request.serializedBytes) == request)
    }

    @Test("compact names, odd case and full names address the same header")
    func compactAndCase() throws {
        let request = try SIPRequest.parse(Self.crlf("""
            OPTIONS sip:9999@127.0.0.1 SIP/2.0
            v: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1
            f: <sip:alice@127.0.0.1>;tag=a1
            t: <sip:9999@127.0.0.1>
            i: c1@host
            cSeQ: 7 OPTIONS
            k: timer, 100rel
            l: 0


            """))
        #expect(request.headers[.callID] == "c1@host")
        #expect(request.headers["CALL-ID"] == "c1@host")
        #expect(try request.cseq == CSeq(7, .options))
        #expect(try request.supported == ["timer", "100rel"])
        #expect(request.serializedString.contains("\r\ni: c1@host\r\n"))
    }

    @Test("several values per line and several lines per header are all kept, in order")
    func multipleValues() throws {
        let request = try SIPRequest.parse(Self.crlf("""
            OPTIONS sip:9999@127.0.0.1 SIP/2.0
            Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK-a, SIP/2.0/TCP b.example.com;branch=z9hG4bK-b
            Via: SIP/2.0/UDP c.example.com;branch=z9hG4bK-c
            Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>
            From: <sip:alice@127.0.0.1>;tag=a1
            To: <sip:9999@127.0.0.1>
            Call-ID: c1
            CSeq: 1 OPTIONS
            Content-Length: 0


            """))
        #expect(try request.via.map(\.host) == ["a.example.com", "b.example.com", "c.example.com"])
        #expect(request.headers.values(for: .via).count == 2)
        #expect(request.headers.listValues(for: .via).count == 3)
        #expect(try request.route.map { $0.sipURI?.host } == ["p1.example.com", "p2.example.com"])
    }

    @Test("unknown headers are kept verbatim and in place")
    func unknownHeaders() throws {
        var text = Self.options
        text = text.replacingOccurrences(of: "Max-Forwards: 70\n", with: "Max-Forwards: 70\nX-Tenant-Id:  t-42 ;odd,, value \nP-Charging-Vector: icid-value=\"AyretyU0dm+6O2IrT5tAFrbHLso=023551024\"\n")
        let request = try SIPRequest.parse(Self.crlf(text))
        #expect(request.headers["x-tenant-id"] == "t-42 ;odd,, value")
        let names = request.headers.map(\.name.canonicalName)
        #expect(names == ["Via", "Max-Forwards", "X-Tenant-Id", "P-Charging-Vector", "From", "To", "Call-ID", "CSeq", "Content-Length"])
        #expect(request.serializedString.contains("\r\nX-Tenant-Id: t-42 ;odd,, value\r\nP-Charging-Vector: icid-value=\"AyretyU0dm+6O2IrT5tAFrbHLso=023551024\"\r\n"))
    }

    @Test("bare LF line ends are accepted, and the message is written with CRLF")
    func bareLineFeeds() throws {
        let request = try SIPRequest.parse(Array(Self.options.utf8))
        #expect(try request.callID.rawValue == "c1@127.0.0.1")
        #expect(!request.serializedString.contains("0\n\n"))
        #expect(request.serializedString.hasSuffix("Content-Length: 0\r\n\r\n"))
    }

    @Test("datagram without Content-Length: the body is the rest of the datagram")
    func datagramWithoutContentLength() throws {
        let text = Self.options.replacingOccurrences(of: "Content-Length: 0\n", with: "") + "hello"
        let request = try SIPRequest.parse(Self.crlf(text))
        #expect(request.bodyText == "hello")
        #expect(request.serializedString.hasSuffix("Content-Length: 5\r\n\r\nhello"))
    }

    @Test("datagram with a smaller Content-Length: the body is cut and the rest ignored")
    func datagramTruncates() throws {
        let text = Self.options.replacingOccurrences(of: "Content-Length: 0", with: "Content-Length: 3") + "hello"
        let request = try SIPRequest.parse(Self.crlf(text))
        #expect(request.bodyText == "hel")
    }

    @Test("datagram with a larger Content-Length is refused naming Content-Length, with the headers kept for a 400")
    func datagramTooShort() throws {
        let text = Self.options.replacingOccurrences(of: "Content-Length: 0", with: "Content-Length: 30") + "hello"
        let error = try #require(throws: SIPParseError.self) { try SIPMessage.parse(Self.crlf(text)) }
        #expect(error.kind == .contentLengthExceedsMessage)
        #expect(error.headerName == .contentLength)
        #expect(error.requestMethod == .options)
        #expect(try error.headers?.callID.rawValue == "c1@127.0.0.1")
    }

    @Test("Content-Length that is not a plain decimal is refused", arguments: ["five", "-1", "+3", "3 4", "", "0x10", "12345678901"])
    func badContentLength(_ value: String) throws {
        let text = Self.options.replacingOccurrences(of: "Content-Length: 0", with: "Content-Length: \(value)")
        let error = try #require(throws: SIPParseError.self) { try SIPMessage.parse(Self.crlf(text)) }
        #expect(error.kind == .invalidContentLength)
        #expect(error.reasonPhrase == "Bad Content-Length")
    }

    @Test("line ends before a datagram's start line are skipped; a datagram of line ends is a keep-alive")
    func leadingLineEnds() throws {
        let request = try SIPRequest.parse(Array("\r\n\r\n".utf8) + Self.crlf(Self.options))
        #expect(request.method == .options)
        #expect(SIPMessageParser.isKeepAlive(Array("\r\n\r\n".utf8)))
        #expect(!SIPMessageParser.isKeepAlive(Self.crlf(Self.options)))
        let error = try #require(throws: SIPParseError.self) { try SIPMessage.parse(Array("\r\n".utf8)) }
        #expect(error.kind == .emptyMessage)
    }

    @Test("a message larger than the configured limit is refused before it is read")
    func messageSizeLimit() throws {
        let bytes = Self.crlf(Self.options)
        let configuration = SIPMessageParser.Configuration(maxMessageSize: bytes.count - 1)
        let error = try #require(throws: SIPParseError.self) { try SIPMessage.parse(bytes, configuration: configuration) }
        #expect(error.kind == .messageTooLarge(limit: bytes.count - 1))
        #expect(error.status == .requestEntityTooLarge)
        #expect(try SIPMessage.parse(bytes, configuration: .init(maxMessageSize: bytes.count)).request != nil)
    }

    @Test("10,000 header lines hit the header-count limit")
    func headerCountLimit() throws {
        let many = String(repeating: "X-Filler: 1\r\n", count: 10_000)
        let text = "OPTIONS sip:a@b SIP/2.0\r\n" + many + "\r\n"
        let error = try #require(throws: SIPParseError.self) {
            try SIPMessage.parse(Array(text.utf8), configuration: .init(maxMessageSize: 1_000_000))
        }
        #expect(error.kind == .tooManyHeaders(limit: 256))
        #expect(error.reasonPhrase == "Too Many Headers")
    }

    @Test("a header line over the length limit is refused, folded continuations counted")
    func lineLengthLimit() throws {
        let configuration = SIPMessageParser.Configuration(maxHeaderLineLength: 100)
        let long = Self.options.replacingOccurrences(of: "Max-Forwards: 70\n", with: "Subject: " + String(repeating: "a", count: 100) + "\n")
        let error = try #require(throws: SIPParseError.self) { try SIPMessage.parse(Self.crlf(long), configuration: configuration) }
        #expect(error.kind == .lineTooLong(limit: 100))

        let folded = Self.options.replacingOccurrences(of: "Max-Forwards: 70\n", with: "Subject: " + String(repeating: "a\n ", count: 60) + "end\n")
        let foldedError = try #require(throws: SIPParseError.self) { try SIPMessage.parse(Self.crlf(folded), configuration: configuration) }
        #expect(foldedError.kind == .lineTooLong(limit: 100))
        #expect(foldedError.headerName == .subject)
    }

    @Test("a bare CR inside a line is refused with its offset")
    func bareCarriageReturn() throws {
        var bytes = Self.crlf(Self.options)
        let position = bytes.firstIndex(of: UInt8(ascii: "7"))!
        bytes[position] = 0x0D
        let error = try #require(throws: SIPParseError.self) { try SIPMessage.parse(bytes) }
        #expect(error.kind == .bareCarriageReturn)
        #expect(error.offset == position)
    }

    @Test("a header line without colon is refused, and the other headers are kept for the 400")
    func missingColon() throws {
        let text = Self.options.replacingOccurrences(of: "Max-Forwards: 70\n", with: "Max-Forwards 70\n")
        let bytes = Self.crlf(text)
        let error = try #require(throws: SIPParseError.self) { try SIPMessage.parse(bytes) }
        #expect(error.kind == .missingColon)
        #expect(error.reasonPhrase == "Bad Header Line: missing colon")
        let lineStart = Array(String(decoding: bytes, as: UTF8.self).utf8).firstIndex(of: UInt8(ascii: "M"))!
        #expect(error.offset == lineStart + "Max-Forwards ".utf8.count)
        #expect(error.headers?.count == 6)
        #expect(error.requestMethod == .options)
    }

    @Test("a header name with a space or a non-token character is refused")
    func invalidHeaderName() throws {
        for line in ["Max Forwards: 70\n", "Max{Forwards}: 70\n", ": 70\n"] {
            let text = Self.options.replacingOccurrences(of: "Max-Forwards: 70\n", with: line)
            let error = try #require(throws: SIPParseError.self) { try SIPMessage.parse(Self.crlf(text)) }
            #expect(error.kind == .invalidHeaderName, "\(line)")
        }
    }

    @Test("a continuation line before any header is refused")
    func continuationFirst() throws {
        let text = Self.options.replacingOccurrences(of: "Via:", with: " Via:")
        let error = try #require(throws: SIPParseError.self) { try SIPMessage.parse(Self.crlf(text)) }
        #expect(error.kind == .foldedLineWithoutHeader)
    }

    @Test("malformed Request-Lines are refused with a reason", arguments: [
        ("OPTIONS  sip:a@b SIP/2.0", "Bad Request-Line: extra whitespace"),
        ("OPTIONS sip:a@b", "Bad Request-Line: missing SIP-Version"),
        ("OPTIONS sip:a@b SIP/2", "Bad SIP-Version"),
        ("OPTIONS sip:a@b HTTP/1.1", "Bad SIP-Version"),
        ("OPT(IONS sip:a@b SIP/2.0", "Bad Request-Line: bad method"),
        ("OPTIONS sip: SIP/2.0", "Bad Request-Line: bad Request-URI, missing host"),
        ("OPTIONS <sip:a@b> SIP/2.0", "Bad Request-Line: bad Request-URI, URI enclosed in <>"),
        ("GET / HTTP/1.1", "Bad Request-Line: bad Request-URI, missing scheme"),
    ])
    func badRequestLine(_ line: String, _ reason: String) throws {
        let text = line + "\r\nCall-ID: x\r\nContent-Length: 0\r\n\r\n"
        let error = try #require(throws: SIPParseError.self) { try SIPMessage.parse(Array(text.utf8)) }
        #expect(error.reasonPhrase == reason)
        #expect(error.headerName == nil)
    }

    @Test("malformed Status-Lines are refused", arguments: ["SIP/2.0 20 OK", "SIP/2.0 2000 OK", "SIP/2.0 099 Odd", "SIP/2.0 700 Big", "SIP/2.0 2x0 OK", "SIP/2.0"])
    func badStatusLine(_ line: String) throws {
        let text = line + "\r\nContent-Length: 0\r\n\r\n"
        #expect(throws: SIPParseError.self) { try SIPMessage.parse(Array(text.utf8)) }
    }

    @Test("a Status-Line without reason phrase (or its space) reads as an empty phrase; SIP-Version case is ignored")
    func statusLineVariants() throws {
        for line in ["SIP/2.0 180", "sip/2.0 180 ", "SIP/2.0 180 Ringing, really"] {
            let response = try SIPResponse.parse(Array((line + "\r\nContent-Length: 0\r\n\r\n").utf8))
            #expect(response.status == .ringing)
            #expect(response.version == .v2_0)
        }
        let phrase = try SIPResponse.parse(Array("SIP/2.0 180 Ringing, really\r\n\r\n".utf8)).reasonPhrase
        #expect(phrase == "Ringing, really")
    }

    @Test("an unknown SIP-Version parses, so the stack can answer 505")
    func otherVersion() throws {
        let request = try SIPRequest.parse(Self.crlf(Self.options.replacingOccurrences(of: "SIP/2.0\n", with: "SIP/3.1\n")))
        #expect(request.version == SIPVersion(major: 3, minor: 1))
        #expect(throws: SIPValidationError.unsupportedVersion(SIPVersion(major: 3, minor: 1))) { try request.validate() }
    }

    @Test("an error inside a header value names the header and points at the value's bytes")
    func valueErrorOffsets() throws {
        let text = Self.options.replacingOccurrences(of: "CSeq: 1 OPTIONS", with: "CSeq: 99999999999 OPTIONS")
        let bytes = Self.crlf(text)
        let request = try SIPRequest.parse(bytes)
        let error = try #require(throws: SIPParseError.self) { try request.cseq }
        #expect(error.headerName == .cseq)
        #expect(error.reasonPhrase == "Bad CSeq: sequence number out of range")
        let valueStart = String(decoding: bytes, as: UTF8.self).utf8.split(separator: UInt8(ascii: "\n")).prefix(6).reduce(0) { $0 + $1.count + 1 } + "CSeq: ".utf8.count
        #expect(error.offset == valueStart)
    }

    @Test("a message built with the SIPTesting builders parses back to an equal value")
    func builtMessagesRoundTrip() throws {
        let invite = SIPRequest.invite()
        #expect(try SIPRequest.parse(invite.serializedBytes) == invite)
        let ok = SIPResponse.ok(to: invite)
        #expect(try SIPResponse.parse(ok.serializedBytes) == ok)
        let parsed = try SIPMessage.parse(invite.serializedBytes)
        #expect(parsed == .request(invite))
        #expect(parsed.body == SIPTestSDP.offer)
    }
}
