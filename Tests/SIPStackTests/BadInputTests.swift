// Bad input against a running stack: it answers or drops, keeps serving, and stays bounded.
//
// Test plan (issue 2, "bad input"): garbage datagrams, truncated messages, a huge header,
// 10,000 headers (UDP and TCP), wrong Content-Length (UDP and TCP), slow partial TCP writes,
// a flood of malformed requests; after each, OPTIONS is still answered. Memory: resident size
// after 20,000 malformed datagrams stays within a fixed bound, and no transaction is kept
// for a message that was refused.

import Foundation
import KefuTesting
import SIP
import SIPStack
import SIPTesting
import Testing

@Suite(.serialized, .timeLimit(.minutes(2))) struct BadInputTests {
    /// An OPTIONS with a fresh branch, as text.
    static func options(branch: String, port: Int, extraHeaders: String = "", contentLength: String = "0", body: String = "") -> String {
        "OPTIONS sip:9999@127.0.0.1:\(port) SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK\(branch);rport\r\n"
            + "From: <sip:probe@127.0.0.1>;tag=\(branch)\r\nTo: <sip:9999@127.0.0.1>\r\nCall-ID: \(branch)@probe\r\n"
            + "CSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n\(extraHeaders)Content-Length: \(contentLength)\r\n\r\n\(body)"
    }

    /// Sends an OPTIONS over `kind` and returns the status of the answer.
    static func probe(_ kind: RawSIPSocket.Kind, port: Int, branch: String = "probe\(UInt32.random(in: 0...UInt32.max))") async throws -> SIPStatus? {
        let socket = try RawSIPSocket(kind, port: port)
        socket.send(options(branch: branch, port: port))
        return await socket.receiveResponse()?.status
    }

    @Test("drops garbage datagrams and still answers OPTIONS")
    func garbage() async throws {
        try await withRunningStack { userAgent, port in
            var random = SeededRandom(seed: 4475)
            let socket = try RawSIPSocket(.udp, port: port, receiveTimeout: .milliseconds(200))
            for _ in 0..<500 {
                let length = Int.random(in: 1...1500, using: &random)
                socket.send((0..<length).map { _ in UInt8.random(in: 0...255, using: &random) })
            }
            #expect(await socket.receive() == nil)
            #expect(try await Self.probe(.udp, port: port) == .ok)
            #expect(await userAgent.statistics().rejectedMessages >= 500)
        }
    }

    @Test("when INVITEs need digest auth, the built-in numbers still answer anyone and other users get 401")
    func builtinNumbersNeedNoAuthentication() async throws {
        try await withRunningStack(authenticatesInvites: true) { _, port in
            let socket = try RawSIPSocket(.udp, port: port)
            for (user, expected) in [("9999", SIPStatus.ok), ("1001", .unauthorized)] {
                let invite = SIPRequest.invite(to: SIPTestParty(user: user, port: UInt16(port)), callID: "auth-\(user)@127.0.0.1",
                                               branch: "z9hG4bK-auth-\(user)")
                socket.send(Array(invite.serializedBytes))
                var final: SIPStatus?
                while final == nil, let response = await socket.receiveResponse() {
                    if response.status.code >= 200 { final = response.status }
                }
                #expect(final == expected, "INVITE to \(user)")
            }
        }
    }

    @Test("answers or drops every prefix of a request, and still answers OPTIONS")
    func truncated() async throws {
        try await withRunningStack { userAgent, port in
            let invite = Array(SIPRequest.invite(to: SIPTestParty(user: "9999", port: UInt16(port))).serializedBytes)
            let socket = try RawSIPSocket(.udp, port: port, receiveTimeout: .milliseconds(100))
            var answers: [SIPStatus] = []
            for length in stride(from: 1, to: invite.count - 1, by: 7) {
                socket.send(Array(invite[0..<length]))
                while let response = await socket.receiveResponse() { answers.append(response.status) }
            }
            #expect(answers.allSatisfy { $0 == .badRequest || $0.code == 180 || $0 == .ok || $0 == .trying })
            #expect(try await Self.probe(.udp, port: port) == .ok)
            let stats = await userAgent.statistics()
            #expect(stats.calls <= 1)
        }
    }

    @Test("answers a request with a 10,000-byte header line with 400 naming it")
    func hugeHeader() async throws {
        try await withRunningStack { _, port in
            let socket = try RawSIPSocket(.udp, port: port)
            socket.send(Self.options(branch: "huge", port: port, extraHeaders: "Subject: \(String(repeating: "a", count: 10_000))\r\n"))
            let response = try #require(await socket.receiveResponse())
            #expect(response.status == .badRequest)
            #expect(response.reasonPhrase.contains("Too Long"))
            #expect(try await Self.probe(.udp, port: port) == .ok)
        }
    }

    @Test("refuses 10,000 headers over UDP and closes a TCP stream that carries them, then keeps serving")
    func tenThousandHeaders() async throws {
        try await withRunningStack { _, port in
            let headers = String(repeating: "X-A: b\r\n", count: 10_000)
            let udp = try RawSIPSocket(.udp, port: port, receiveTimeout: .milliseconds(500))
            udp.send(Self.options(branch: "many", port: port, extraHeaders: headers))
            if let response = await udp.receiveResponse() { #expect(response.status == .badRequest) }
            let tcp = try RawSIPSocket(.tcp, port: port)
            tcp.send(Self.options(branch: "many-tcp", port: port, extraHeaders: headers))
            let answer = await tcp.receiveResponse()
            #expect(answer == nil || answer?.status == .badRequest || answer?.status == .requestEntityTooLarge)
            #expect(await tcp.isClosedByPeer())
            #expect(try await Self.probe(.udp, port: port) == .ok)
            #expect(try await Self.probe(.tcp, port: port) == .ok)
        }
    }

    @Test("answers a Content-Length larger than the datagram with 400, and survives a wrong one on TCP")
    func wrongContentLength() async throws {
        try await withRunningStack { _, port in
            let udp = try RawSIPSocket(.udp, port: port)
            udp.send(Self.options(branch: "cl", port: port, contentLength: "500", body: "short"))
            let response = try #require(await udp.receiveResponse())
            #expect(response.status == .badRequest)
            #expect(response.reasonPhrase == "Bad Content-Length: larger than message")

            let tcp = try RawSIPSocket(.tcp, port: port, receiveTimeout: .milliseconds(500))
            // Too short: the rest of the body is read as the start of the next message.
            tcp.send(Self.options(branch: "cl-short", port: port, contentLength: "2", body: "v=0 garbage follows\r\n\r\n"))
            _ = await tcp.receiveResponse()
            // Not a number: the stream cannot be framed any more and is closed.
            let broken = try RawSIPSocket(.tcp, port: port)
            broken.send(Self.options(branch: "cl-nan", port: port, contentLength: "ten"))
            #expect(await broken.isClosedByPeer())
            #expect(try await Self.probe(.tcp, port: port) == .ok)
            #expect(try await Self.probe(.udp, port: port) == .ok)
        }
    }

    @Test("answers a request written to TCP a few bytes at a time")
    func slowPartialWrites() async throws {
        try await withRunningStack { _, port in
            let socket = try RawSIPSocket(.tcp, port: port)
            let bytes = Array(Self.options(branch: "slow", port: port).utf8)
            for chunk in stride(from: 0, to: bytes.count, by: 3) {
                socket.send(Array(bytes[chunk..<min(chunk + 3, bytes.count)]))
                try await Task.sleep(for: .milliseconds(2))
            }
            #expect(await socket.receiveResponse()?.status == .ok)
            #expect(try await Self.probe(.udp, port: port) == .ok)
        }
    }

    @Test("keeps its memory and its transactions bounded under 20,000 malformed requests")
    func boundedUnderFlood() async throws {
        try await withRunningStack { userAgent, port in
            let socket = try RawSIPSocket(.udp, port: port, receiveTimeout: .milliseconds(50))
            func flood(_ count: Int, tag: Int) async {
                for index in 0..<count {
                    // Missing Call-ID: refused statelessly with 400.
                    socket.send("OPTIONS sip:9999@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:\(socket.localPort);branch=z9hG4bKf\(tag)-\(index)\r\n"
                        + "From: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\nCSeq: 1 OPTIONS\r\n" + String(repeating: "X-Pad: 0123456789\r\n", count: 50) + "Content-Length: 0\r\n\r\n")
                    if index % 200 == 0 { while await socket.receive() != nil {} }
                }
                while await socket.receive() != nil {}
            }
            await flood(2_000, tag: 0)
            let before = Self.residentBytes()
            await flood(20_000, tag: 1)
            let after = Self.residentBytes()
            #expect(after - before < 64 << 20, "resident memory grew by \((after - before) >> 20) MiB")
            let stats = await userAgent.statistics()
            #expect(stats.serverTransactions == 0)
            #expect(try await Self.probe(.udp, port: port) == .ok)
        }
    }

    /// The test process's resident set size, from /proc.
    static func residentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return 0 }
        let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
        return kilobytes * 1024
    }
}
