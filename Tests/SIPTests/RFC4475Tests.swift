// RFC 4475 torture messages: every file, with the layer that must act on it (RFC 4475 §3).
//
// Test plan: each file of Fixtures/rfc4475 is named in `table` with its expectation:
// parsed and accepted, accepted and then answered by a higher layer with a given status,
// rejected by the parser (with the reason phrase a 400 would carry), rejected by
// `validate()` with a status, or (responses) dropped. The values of the valid messages are
// checked in RFC4475ValueTests. Not covered here: what the stack sends on the wire (the
// SIPStack interop suite replays these files against a running server).

import Testing
import SIP

/// What must happen to one torture message.
enum TortureExpectation: Sendable, Equatable {
    /// Parses and passes `validate()`; an element processes it normally.
    case accepted
    /// Parses and passes `validate()`; a higher layer then answers with this status
    /// (unknown method, unsupported extension, unknown body type, registrar rules ...).
    case acceptedThenAnswered(SIPStatus)
    /// The parser refuses it; the error names `header` (nil: the start line) and its reason
    /// phrase is exactly `reason`.
    case parserRejects(header: SIPHeaderName?, reason: String)
    /// Parses, but `validate()` refuses it with `status`, naming `header`, with `reason`.
    case validationRejects(SIPStatus, header: SIPHeaderName?, reason: String)
    /// A response that parses but fails `validate()` (so it is dropped), with `reason`.
    case responseDropped(reason: String)
    /// A valid response a user agent client drops because it carries more than one Via.
    case responseDroppedByClient
}

/// One RFC 4475 message file and what must happen to it.
struct TortureCase: Sendable, CustomTestStringConvertible {
    let file: String
    let section: String
    let expectation: TortureExpectation

    init(_ file: String, _ section: String, _ expectation: TortureExpectation) {
        self.file = file
        self.section = section
        self.expectation = expectation
    }

    var testDescription: String { "\(file).dat (§\(section))" }
}

@Suite struct RFC4475Tests {
    /// Every file of the RFC's archive, in the order of RFC 4475 §3.
    static let table: [TortureCase] = [
        // 3.1.1 Valid messages
        TortureCase("wsinv", "3.1.1.1", .accepted),
        TortureCase("intmeth", "3.1.1.2", .acceptedThenAnswered(.notImplemented)),
        TortureCase("esc01", "3.1.1.3", .accepted),
        TortureCase("escnull", "3.1.1.4", .accepted),
        TortureCase("esc02", "3.1.1.5", .acceptedThenAnswered(.notImplemented)),
        TortureCase("lwsdisp", "3.1.1.6", .accepted),
        TortureCase("longreq", "3.1.1.7", .accepted),
        TortureCase("dblreq", "3.1.1.8", .accepted),
        TortureCase("semiuri", "3.1.1.9", .accepted),
        TortureCase("transports", "3.1.1.10", .accepted),
        TortureCase("mpart01", "3.1.1.11", .accepted),
        TortureCase("unreason", "3.1.1.12", .accepted),
        TortureCase("noreason", "3.1.1.13", .accepted),
        // 3.1.2 Invalid messages
        TortureCase("badinv01", "3.1.2.1", .validationRejects(.badRequest, header: .via, reason: "Bad Via: empty parameter")),
        TortureCase("clerr", "3.1.2.2", .parserRejects(header: .contentLength, reason: "Bad Content-Length: larger than message")),
        TortureCase("ncl", "3.1.2.3", .parserRejects(header: .contentLength, reason: "Bad Content-Length")),
        TortureCase("scalar02", "3.1.2.4", .validationRejects(.badRequest, header: .cseq, reason: "Bad CSeq: sequence number out of range")),
        TortureCase("scalarlg", "3.1.2.5", .responseDropped(reason: "Bad CSeq: sequence number out of range")),
        TortureCase("quotbal", "3.1.2.6", .validationRejects(.badRequest, header: .to, reason: "Bad To: unterminated quoted string")),
        TortureCase("ltgtruri", "3.1.2.7", .parserRejects(header: nil, reason: "Bad Request-Line: bad Request-URI, URI enclosed in <>")),
        TortureCase("lwsruri", "3.1.2.8", .parserRejects(header: nil, reason: "Bad Request-Line: extra whitespace")),
        TortureCase("lwsstart", "3.1.2.9", .parserRejects(header: nil, reason: "Bad Request-Line: extra whitespace")),
        TortureCase("trws", "3.1.2.10", .parserRejects(header: nil, reason: "Bad Request-Line: extra whitespace")),
        TortureCase("escruri", "3.1.2.11", .validationRejects(.badRequest, header: nil, reason: "Bad Request-URI: headers not allowed")),
        // A Date with a non-GMT zone may be ignored by an element that does not use Date.
        TortureCase("baddate", "3.1.2.12", .accepted),
        TortureCase("regbadct", "3.1.2.13", .validationRejects(.badRequest, header: .contact, reason: "Bad Contact: URI with headers must be enclosed in <>")),
        TortureCase("badaspec", "3.1.2.14", .validationRejects(.badRequest, header: .to, reason: "Bad To: white space inside <>")),
        TortureCase("baddn", "3.1.2.15", .validationRejects(.badRequest, header: .to, reason: "Bad To: display name needs quotes, or URI lacks a scheme")),
        TortureCase("badvers", "3.1.2.16", .validationRejects(.versionNotSupported, header: nil, reason: "Version Not Supported")),
        TortureCase("mismatch01", "3.1.2.17", .validationRejects(.badRequest, header: .cseq, reason: "CSeq Method Mismatch")),
        // RFC 4475 prefers 501 but accepts 400; validation runs before method inspection.
        TortureCase("mismatch02", "3.1.2.18", .validationRejects(.badRequest, header: .cseq, reason: "CSeq Method Mismatch")),
        TortureCase("bigcode", "3.1.2.19", .parserRejects(header: nil, reason: "Bad Status-Code")),
        // 3.2 Transaction layer: a bare magic cookie means RFC 2543 matching (or a stateless 400).
        TortureCase("badbranch", "3.2.1", .accepted),
        // 3.3 Application layer
        TortureCase("insuf", "3.3.1", .validationRejects(.badRequest, header: .to, reason: "Missing To")),
        TortureCase("unkscm", "3.3.2", .validationRejects(.unsupportedURIScheme, header: nil, reason: "Unsupported URI Scheme")),
        TortureCase("novelsc", "3.3.3", .validationRejects(.unsupportedURIScheme, header: nil, reason: "Unsupported URI Scheme")),
        // A registrar refuses a To that is not a SIP or SIPS URI.
        TortureCase("unksm2", "3.3.4", .acceptedThenAnswered(.badRequest)),
        TortureCase("bext01", "3.3.5", .acceptedThenAnswered(.badExtension)),
        TortureCase("invut", "3.3.6", .acceptedThenAnswered(.unsupportedMediaType)),
        // A registrar that authenticates challenges an unknown scheme with 401.
        TortureCase("regaut01", "3.3.7", .acceptedThenAnswered(.unauthorized)),
        TortureCase("multi01", "3.3.8", .validationRejects(.badRequest, header: .to, reason: "Multiple To Headers")),
        TortureCase("mcl01", "3.3.9", .parserRejects(header: .contentLength, reason: "Multiple Content-Length")),
        TortureCase("bcast", "3.3.10", .responseDroppedByClient),
        // A proxy or a B2BUA that would forward answers 483; a UAS may process it.
        TortureCase("zeromf", "3.3.11", .acceptedThenAnswered(.tooManyHops)),
        TortureCase("cparam01", "3.3.12", .accepted),
        TortureCase("cparam02", "3.3.13", .accepted),
        TortureCase("regescrt", "3.3.14", .accepted),
        TortureCase("sdp01", "3.3.15", .acceptedThenAnswered(.notAcceptable)),
        // 3.4 Backward compatibility (no branch, no From tag, no Content-Length, no Max-Forwards).
        TortureCase("inv2543", "3.4.1", .accepted),
        // In the RFC's archive but not described in §3: no SIP-Version, a header line without colon.
        TortureCase("test", "archive", .parserRejects(header: nil, reason: "Bad Request-Line: missing SIP-Version")),
    ]

    @Test("the table names every file of the RFC 4475 archive, and only those")
    func tableCoversEveryFile() throws {
        let files = Set(try Fixtures.names("rfc4475", extension: "dat"))
        let named = Set(Self.table.map { "\($0.file).dat" })
        #expect(named == files)
        #expect(Self.table.count == 50)
        #expect(named.count == Self.table.count)
    }

    @Test("each torture message meets the expectation RFC 4475 §3 gives it", arguments: table)
    func expectation(_ torture: TortureCase) throws {
        let bytes = try Fixtures.bytes("rfc4475", "\(torture.file).dat")
        switch torture.expectation {
        case .accepted, .acceptedThenAnswered:
            let message = try SIPMessage.parse(bytes)
            switch message {
            case .request(let request): try request.validate()
            case .response(let response): try response.validate()
            }
        case .parserRejects(let header, let reason):
            let error = try #require(throws: SIPParseError.self) { try SIPMessage.parse(bytes) }
            #expect(error.headerName == header)
            #expect(error.reasonPhrase == reason)
        case .validationRejects(let status, let header, let reason):
            let request = try SIPRequest.parse(bytes)
            let error = try #require(throws: SIPValidationError.self) { try request.validate() }
            #expect(error.status == status)
            #expect(error.headerName == header)
            #expect(error.reasonPhrase == reason)
        case .responseDropped(let reason):
            let response = try SIPResponse.parse(bytes)
            let error = try #require(throws: SIPValidationError.self) { try response.validate() }
            #expect(error.reasonPhrase == reason)
        case .responseDroppedByClient:
            let response = try SIPResponse.parse(bytes)
            try response.validate()
            #expect(try response.via.count > 1)
        }
    }

    @Test("every accepted torture message serializes to bytes that parse back to an equal message", arguments: table)
    func roundTrip(_ torture: TortureCase) throws {
        let bytes = try Fixtures.bytes("rfc4475", "\(torture.file).dat")
        guard let message = try? SIPMessage.parse(bytes) else { return }
        let once = message.serializedBytes
        let reparsed = try SIPMessage.parse(once)
        #expect(reparsed.serializedBytes == once)
        if message.headers.contains(.contentLength) {
            #expect(reparsed == message)
        }
    }

    @Test("a parser error on a request carries the header fields, so a 400 can still be answered")
    func parserErrorCarriesHeaders() throws {
        let bytes = try Fixtures.bytes("rfc4475", "lwsstart.dat")
        let error = try #require(throws: SIPParseError.self) { try SIPMessage.parse(bytes) }
        let headers = try #require(error.headers)
        #expect(error.requestMethod == .invite)
        let response = SIPResponse(replyingTo: headers, method: .invite, status: .badRequest, reasonPhrase: error.reasonPhrase, toTag: "t1")
        #expect(try response.callID.rawValue == "lwsstart.dfknq234oi243099adsdfnawe3@example.com")
        #expect(try response.to.tag == "t1")
        #expect(try response.topVia.branch == "z9hG4bKkdjuw3923")
        #expect(response.reasonPhrase == "Bad Request-Line: extra whitespace")
    }

    @Test("a request with a broken To still gets a 400 that echoes that To byte for byte")
    func badRequestEchoesMalformedHeaders() throws {
        let request = try SIPRequest.parse(try Fixtures.bytes("rfc4475", "quotbal.dat"))
        let error = try #require(throws: SIPValidationError.self) { try request.validate() }
        let response = SIPResponse(to: request, status: error.status, reasonPhrase: error.reasonPhrase, toTag: "x")
        #expect(response.headers[.to] == "\"Mr. J. User <sip:j.user@example.com>")
        #expect(response.reasonPhrase == "Bad To: unterminated quoted string")
        #expect(response.headers.count(of: .via) == 1)
    }

    @Test("over a stream, a Content-Length beyond the bytes received waits, and a negative one closes the stream")
    func streamFramingOfBadLengths() throws {
        var framer = SIPStreamFramer()
        framer.append(try Fixtures.bytes("rfc4475", "clerr.dat"))
        #expect(try framer.next() == nil)

        var negative = SIPStreamFramer()
        negative.append(try Fixtures.bytes("rfc4475", "ncl.dat"))
        let error = try #require(throws: SIPParseError.self) { try negative.next() }
        #expect(error.reasonPhrase == "Bad Content-Length")
        #expect(throws: SIPParseError.self) { try negative.next() }
    }

    @Test("over a stream, a message without Content-Length cannot be framed (RFC 3261 §18.3)")
    func streamNeedsContentLength() throws {
        var framer = SIPStreamFramer()
        framer.append(try Fixtures.bytes("rfc4475", "inv2543.dat"))
        let error = try #require(throws: SIPParseError.self) { try framer.next() }
        #expect(error.kind == .missingContentLength)
    }
}
