// What each fuzzing finding broke, stated as behaviour. The raw inputs are replayed by
// FuzzFailCaseTests; these tests say what a user of the parser would have noticed.

import Testing
import SIP

@Suite struct FuzzFindingTests {
    private func frames(_ chunks: [String]) throws -> [SIPStreamFramer.Frame] {
        var framer = SIPStreamFramer()
        var frames: [SIPStreamFramer.Frame] = []
        for chunk in chunks {
            framer.append(Array(chunk.utf8))
            while let frame = try framer.next() { frames.append(frame) }
        }
        return frames
    }

    static let options = "OPTIONS sip:kefu@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:5070;branch=z9hG4bK1\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:kefu@127.0.0.1>\r\nCall-ID: k1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"

    @Test("FuzzSIPStream: a keep-alive ping after a stray LF is seen however TCP cuts the stream")
    func pingAfterStrayLineFeed() throws {
        let whole = try frames(["\n\r\n\r\n" + Self.options])
        #expect(whole.count == 2)
        #expect(whole.first == .keepAlivePing)
        #expect(try frames(["\n", "\r\n\r\n" + Self.options]) == whole)
        #expect(try frames(["\n\r", "\n\r", "\n", Self.options]) == whole)
    }

    @Test("FuzzSIPStream: a CRLF pong before a message is skipped, and a split ping is still one ping")
    func pongAndSplitPing() throws {
        #expect(try frames(["\r\n", Self.options]).count == 1)
        #expect(try frames(["\r\n\r", "\n"]) == [.keepAlivePing])
        #expect(try frames(["\r\n\r\n\r\n\r\n"]) == [.keepAlivePing, .keepAlivePing])
    }
}
