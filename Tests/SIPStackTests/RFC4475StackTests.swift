// RFC 4475 torture messages sent to a running stack: the answers a server must give.
//
// Test plan: every message of the SIP module's table that a server must answer (400, 401,
// 406, 415, 416, 420, 483, 501, 505) is sent over TCP to a running stack, which must answer
// with that status; messages the parser rejects are answered 400 or the stream is closed.
// TCP carries them because their Vias name outside addresses (192.0.2.x, example.com): a TCP
// answer goes back on the connection, so nothing is ever sent off loopback.

import Foundation
import SIP
import SIPStack
import SIPTesting
import Testing

@Suite(.timeLimit(.minutes(1))) struct RFC4475StackTests {
    static let answered: [(String, Int)] = [
        ("intmeth", 501), ("esc02", 501), ("badinv01", 400), ("scalar02", 400), ("quotbal", 400),
        ("escruri", 400), ("regbadct", 400), ("badaspec", 400), ("baddn", 400), ("badvers", 505),
        ("mismatch01", 400), ("mismatch02", 400), ("insuf", 400), ("unkscm", 416), ("novelsc", 416),
        ("unksm2", 400), ("bext01", 420), ("invut", 415), ("regaut01", 401), ("multi01", 400),
        ("zeromf", 483), ("sdp01", 406),
    ]

    static let parserRejected = ["ltgtruri", "lwsruri", "lwsstart", "trws", "test", "mcl01", "ncl"]

    /// The fixture's bytes; a file that ends after its last header line without the empty
    /// line (fine in a datagram, RFC 3261 §18.3) gets the line end a stream needs to frame it.
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SIPTests/Fixtures/rfc4475/\(name).dat")
        var bytes = Array(try Data(contentsOf: url))
        let text = String(decoding: bytes, as: UTF8.self)
        if !text.contains("\r\n\r\n") { bytes += Array("\r\n".utf8) }
        return bytes
    }

    @Test("answers each torture request with the status RFC 4475 asks for", arguments: answered)
    func answers(file: String, status: Int) async throws {
        try await withRunningStack { _, port in
            let socket = try RawSIPSocket(.tcp, port: port)
            socket.send(try Self.fixture(file))
            let response = try #require(await socket.receiveResponse(), "no answer to \(file)")
            #expect(response.status.code == status, "\(file): \(response.status.code) \(response.reasonPhrase)")
            #expect(response.headers.server == "Kefu")
        }
    }

    @Test("answers unparseable torture requests with 400 or closes the stream, and keeps serving", arguments: parserRejected)
    func parserRejects(file: String) async throws {
        try await withRunningStack { _, port in
            let socket = try RawSIPSocket(.tcp, port: port, receiveTimeout: .milliseconds(500))
            socket.send(try Self.fixture(file))
            if let response = await socket.receiveResponse() {
                #expect(response.status == .badRequest, "\(file): \(response.status.code)")
            }
            #expect(try await BadInputTests.probe(.tcp, port: port) == .ok)
        }
    }
}
