// Hostile input never crashes the parser: every fixture cut at every byte, and seeded random
// mutations, go through parsing, every typed accessor, validation and re-serialization.
// (The libFuzzer target in Fuzz/ goes further; this keeps a deterministic floor in `swift test`.)

import Testing
import SIP
import KefuTesting

@Suite struct RobustnessTests {
    /// Reads everything a server might read from a message; errors are fine, crashes are not.
    static func exercise(_ message: SIPMessage) {
        let headers = message.headers
        _ = try? headers.via
        _ = try? headers.topVia
        _ = try? headers.from
        _ = try? headers.to
        _ = try? headers.callID
        _ = try? headers.cseq
        _ = try? headers.maxForwards
        _ = try? headers.contact
        _ = headers.isWildcardContact
        _ = try? headers.route
        _ = try? headers.recordRoute
        _ = try? headers.expires
        _ = try? headers.minExpires
        _ = try? headers.allow
        _ = try? headers.supported
        _ = try? headers.require
        _ = try? headers.proxyRequire
        _ = try? headers.unsupported
        _ = try? headers.contentType
        _ = try? headers.accept
        _ = try? headers.referTo
        _ = try? headers.referredBy
        _ = try? headers.replaces
        _ = try? headers.sessionExpires
        _ = try? headers.minSE
        _ = try? headers.reason
        _ = try? headers.retryAfter
        _ = try? headers.pAssertedIdentity
        _ = try? headers.privacy
        _ = try? headers.diversion
        _ = try? headers.historyInfo
        _ = try? headers.callInfo
        _ = try? headers.alertInfo
        _ = try? headers.rseq
        _ = try? headers.rack
        for field in headers { _ = SIPHeaderName(field.name.canonicalName) }
        switch message {
        case .request(let request):
            _ = try? request.validate(.strict)
            _ = try? request.unsupportedRequirements(supported: [])
            _ = request.makeCancel()
            _ = SIPResponse(to: request, status: .badRequest, toTag: "t")
        case .response(let response):
            _ = try? response.validate()
        }
        let bytes = message.serializedBytes
        #expect((try? SIPMessage.parse(bytes, configuration: .init(maxMessageSize: 1 << 20))) != nil, "serialized form must parse")
    }

    static func allFixtures() throws -> [[UInt8]] {
        var inputs: [[UInt8]] = []
        for name in try Fixtures.names("rfc4475", extension: "dat") { inputs.append(try Fixtures.bytes("rfc4475", name)) }
        for name in try Fixtures.names("captures", extension: "dat") { inputs.append(try Fixtures.bytes("captures", name)) }
        return inputs
    }

    @Test("every fixture cut at every byte offset parses or fails cleanly, as a datagram and as a stream")
    func truncations() throws {
        for input in try Self.allFixtures() {
            for length in 0...input.count {
                let prefix = Array(input[..<length])
                if let message = try? SIPMessage.parse(prefix) { Self.exercise(message) }
                var framer = SIPStreamFramer()
                framer.append(prefix)
                while case .some(let frame) = try? framer.next() {
                    if case .message(let message) = frame { Self.exercise(message) }
                }
            }
        }
    }

    @Test("seeded random mutations of the fixtures never crash the parser or the typed accessors")
    func mutations() throws {
        var random = SeededRandom(seed: 4475)
        let inputs = try Self.allFixtures()
        let interesting: [UInt8] = Array(" \t\r\n:;,<>\"\\%@=?&/[]*0123456789".utf8) + [0, 0x7F, 0x80, 0xFF]
        for round in 0..<4000 {
            var bytes = inputs[round % inputs.count]
            for _ in 0..<Int.random(in: 1...6, using: &random) where !bytes.isEmpty {
                let position = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: bytes[position] = interesting.randomElement(using: &random)!
                case 1: bytes[position] = UInt8.random(in: 0...255, using: &random)
                case 2: bytes.remove(at: position)
                default: bytes.insert(interesting.randomElement(using: &random)!, at: position)
                }
            }
            if let message = try? SIPMessage.parse(bytes) { Self.exercise(message) }
            var framer = SIPStreamFramer()
            framer.append(bytes)
            while case .some(let frame) = try? framer.next() {
                if case .message(let message) = frame { Self.exercise(message) }
            }
        }
    }

    @Test("URI and header value parsers survive arbitrary strings")
    func valueParsers() {
        var random = SeededRandom(seed: 3261)
        let alphabet = Array("sip:tel+@[]:;=?&%<>\" ,abcXYZ0189-._~*'()\\/\t\r\n".unicodeScalars)
        for _ in 0..<5000 {
            let length = Int.random(in: 0...40, using: &random)
            let text = String(String.UnicodeScalarView((0..<length).map { _ in alphabet.randomElement(using: &random)! }))
            _ = try? AnyURI(text)
            _ = try? SIPURI(text)
            _ = try? TelURI(text)
            _ = try? NameAddress(text)
            _ = try? Via(text)
            _ = try? CSeq(text)
            _ = try? SIPCallID(text)
            _ = try? SIPMediaType(text)
            _ = try? Replaces(text)
            _ = try? RetryAfter(text)
            _ = try? SessionExpires(text)
            _ = try? SIPReason(text)
            _ = try? RAck(text)
            if let uri = try? AnyURI(text) {
                #expect((try? AnyURI(uri.description)) == uri, "\(text)")
            }
            if let address = try? NameAddress(text) {
                #expect((try? NameAddress(address.description)) == address, "\(text)")
            }
        }
    }
}
