// The TCP stream framer: messages cut by Content-Length however the bytes arrive, keep-alives,
// fatal framing errors, and bounded memory against a hostile peer.
//
// Test plan: drip-feed, whole-batch and every-split-point feeding must yield the same frames
// (the shape of NIO's ByteToMessageDecoderVerifier); CRLF keep-alives (RFC 5626 §3.5.1);
// RFC 3261 §18.3 (Content-Length required on streams); limits.

import Testing
import SIP
import SIPTesting

@Suite struct StreamFramerTests {
    /// Every frame the framer yields for `chunks` fed one after another.
    private func frames(_ chunks: [[UInt8]], configuration: SIPMessageParser.Configuration = .default) throws -> [SIPStreamFramer.Frame] {
        var framer = SIPStreamFramer(configuration: configuration)
        var frames: [SIPStreamFramer.Frame] = []
        for chunk in chunks {
            framer.append(chunk)
            while let frame = try framer.next() { frames.append(frame) }
        }
        #expect(framer.bufferedByteCount == 0)
        return frames
    }

    private static var stream: [UInt8] {
        let invite = SIPRequest.invite()
        let ok = SIPResponse.ok(to: invite)
        let bye = SIPRequest.options(callID: "o2")
        return invite.serializedBytes + ok.serializedBytes + Array("\r\n\r\n".utf8) + bye.serializedBytes
    }

    private static var expected: [SIPStreamFramer.Frame] {
        let invite = SIPRequest.invite()
        return [.message(.request(invite)), .message(.response(.ok(to: invite))), .keepAlivePing, .message(.request(.options(callID: "o2")))]
    }

    @Test("a stream delivered in one piece yields each message and the keep-alive ping")
    func wholeStream() throws {
        #expect(try frames([Self.stream]) == Self.expected)
    }

    @Test("a stream delivered one byte at a time yields the same frames")
    func dripFeed() throws {
        #expect(try frames(Self.stream.map { [$0] }) == Self.expected)
    }

    @Test("a stream split in two at any point yields the same frames")
    func everySplit() throws {
        let stream = Self.stream
        for split in 0...stream.count {
            let got = try frames([Array(stream[..<split]), Array(stream[split...])])
            #expect(got == Self.expected, "split at \(split)")
        }
    }

    @Test("captured peer messages frame the same as they parse from datagrams")
    func capturesFrame() throws {
        for name in ["baresip-register.dat", "baresip-invite.dat", "sipp-uac-invite.dat", "carrier-invite-composed.dat"] {
            let bytes = try Fixtures.bytes("captures", name)
            let expected = try SIPMessage.parse(bytes)
            #expect(try frames(bytes.map { [$0] }) == [.message(expected)], "\(name)")
        }
    }

    @Test("single CRLFs between messages are skipped silently (pongs); a double CRLF is a ping")
    func keepAlives() throws {
        let options = SIPRequest.options().serializedBytes
        let got = try frames([Array("\r\n".utf8) + options + Array("\r\n".utf8) + options, Array("\r\n\r\n".utf8)])
        #expect(got == [.message(.request(.options())), .message(.request(.options())), .keepAlivePing])
    }

    @Test("a message without Content-Length cannot be framed; the framer then keeps failing")
    func missingContentLength() throws {
        var framer = SIPStreamFramer()
        framer.append(Array("OPTIONS sip:a@b SIP/2.0\r\nCall-ID: x\r\n\r\n".utf8))
        let error = try #require(throws: SIPParseError.self) { try framer.next() }
        #expect(error.kind == .missingContentLength)
        framer.append(SIPRequest.options().serializedBytes)
        #expect(throws: error) { try framer.next() }
    }

    @Test("a malformed message with a usable Content-Length is skipped and reported; the next one is read")
    func malformedButFramed() throws {
        let bad = Array("OPTIONS  sip:a@b SIP/2.0\r\nCall-ID: x\r\nContent-Length: 4\r\n\r\nbody".utf8)
        let got = try frames([bad + SIPRequest.options().serializedBytes])
        #expect(got.count == 2)
        guard case .malformedMessage(let error) = got.first else {
            Issue.record("expected a malformed message, got \(got)")
            return
        }
        #expect(error.reasonPhrase == "Bad Request-Line: extra whitespace")
        #expect(error.headers?[.callID] == "x")
        #expect(got.last == .message(.request(.options())))
    }

    @Test("a header section that never ends is refused once it outgrows the message limit")
    func endlessHeaders() throws {
        var framer = SIPStreamFramer(configuration: .init(maxMessageSize: 4096))
        framer.append(Array("OPTIONS sip:a@b SIP/2.0\r\n".utf8))
        var thrown: SIPParseError?
        for _ in 0..<1000 {
            framer.append(Array("X-Junk: 0123456789\r\n".utf8))
            do {
                _ = try framer.next()
            } catch {
                thrown = error
                break
            }
            #expect(framer.bufferedByteCount <= 4096 + 20)
        }
        #expect(thrown?.kind == .messageTooLarge(limit: 4096))
    }

    @Test("a Content-Length beyond the message limit is refused before the body is buffered")
    func hugeContentLength() throws {
        var framer = SIPStreamFramer(configuration: .init(maxMessageSize: 4096))
        framer.append(Array("OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 100000\r\n\r\n".utf8))
        let error = try #require(throws: SIPParseError.self) { try framer.next() }
        #expect(error.kind == .messageTooLarge(limit: 4096))
    }

    @Test("10,000 header lines on a stream hit the header-count limit")
    func tooManyHeadersOnStream() throws {
        var framer = SIPStreamFramer(configuration: .init(maxMessageSize: 1_000_000))
        framer.append(Array(("OPTIONS sip:a@b SIP/2.0\r\n" + String(repeating: "X: 1\r\n", count: 10_000) + "Content-Length: 0\r\n\r\n").utf8))
        let error = try #require(throws: SIPParseError.self) { try framer.next() }
        #expect(error.kind == .tooManyHeaders(limit: 256))
    }

    @Test("a body arriving slowly completes the message only when its last byte is in")
    func slowBody() throws {
        let invite = SIPRequest.invite().serializedBytes
        var framer = SIPStreamFramer()
        framer.append(invite.dropLast())
        #expect(try framer.next() == nil)
        #expect(try framer.next() == nil)
        framer.append(invite.suffix(1))
        #expect(try framer.next() == .message(.request(.invite())))
        #expect(try framer.next() == nil)
    }
}
