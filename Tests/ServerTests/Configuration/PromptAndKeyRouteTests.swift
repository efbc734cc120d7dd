// Prompts (WAV upload, TTS preview, publish) and API keys (token shown once, scopes
// enforced, revocation) through the API.

import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Store
import Testing

@Suite struct PromptAndKeyRouteTests {
    /// A WAV file of `milliseconds` of 8 kHz 16-bit mono silence.
    static func wav(milliseconds: Int) -> [UInt8] {
        let samples = 8 * milliseconds
        func le32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        func le16(_ value: Int) -> [UInt8] { (0..<2).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        let data = [UInt8](repeating: 0, count: samples * 2)
        return Array("RIFF".utf8) + le32(36 + data.count) + Array("WAVE".utf8)
            + Array("fmt ".utf8) + le32(16) + le16(1) + le16(1) + le32(8_000) + le32(16_000) + le16(2) + le16(16)
            + Array("data".utf8) + le32(data.count) + data
    }

    @Test("a WAV upload becomes a new prompt version with its duration, is stored under the data directory, and publishes; other bytes are refused")
    func uploadAndPublish() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let admin = try await client.login(.demoAdmin)
                let (created, prompt) = try await client.send(.post, "/api/v1/config/prompts", cookie: admin, body: ["name": "holiday"])
                #expect(created == .created)
                let id = try #require(prompt["id"].string)
                let upload: (String, [UInt8]) async throws -> (HTTPResponse.Status, JSONObject) = { type, bytes in
                    try await client.execute(uri: "/api/v1/config/prompts/\(id)/audio", method: .put,
                                             headers: [.cookie: admin, .contentType: type], body: ByteBuffer(bytes: bytes)) {
                        ($0.status, JSONObject($0.body))
                    }
                }
                let (stored, version) = try await upload("audio/wav", Self.wav(milliseconds: 1_500))
                #expect(stored == .created)
                #expect(version["kind"].string == "audio")
                #expect(version["duration_milliseconds"].int == 1_500)
                let files = try FileManager.default.subpathsOfDirectory(atPath: fixture.directory.appendingPathComponent("prompts/demo").path)
                #expect(files.contains { $0.hasSuffix(".wav") })
                let (bad, error) = try await upload("audio/wav", Array("not a wav file at all".utf8))
                #expect(bad == .badRequest)
                #expect(error["error"]["field"].string == "body")
                let (wrongType, _) = try await upload("text/plain", Self.wav(milliseconds: 100))
                #expect(wrongType == .unsupportedMediaType)
                let (published, answer) = try await client.send(.post, "/api/v1/config/prompts/\(id)/publish", cookie: admin)
                #expect(published == .ok)
                #expect(answer["status"].string == "published")
            }
        }
    }

    @Test("the TTS preview speaks the text as WAV, and refuses an empty text")
    func ttsPreview() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let supervisor = try await client.login(.demoSupervisor)
                let cookie = supervisor
                try await client.execute(uri: "/api/v1/config/prompts/tts-preview", method: .post,
                                         headers: [.cookie: cookie, .contentType: "application/json"],
                                         body: .json(["text": "您好", "voice": "zh"])) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "audio/wav")
                    #expect(response.body.readableBytes > 1_000)
                    #expect(response.body.getString(at: 0, length: 4) == "RIFF")
                }
                let (empty, error) = try await client.send(.post, "/api/v1/config/prompts/tts-preview", cookie: cookie, body: ["text": " "])
                #expect(empty == .badRequest)
                #expect(error["error"]["field"].string == "text")
            }
        }
    }

    @Test("an API key's token is shown once, works within its scopes only, and stops working when revoked")
    func apiKeyLifecycle() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let admin = try await client.login(.demoAdmin)
                let (created, key) = try await client.send(.post, "/api/v1/config/api-keys", cookie: admin,
                                                           body: ["name": "crm", "scopes": ["config:read"]])
                #expect(created == .created)
                let token = try #require(key["token"].string)
                let id = try #require(key["id"].string)
                let (_, list) = try await client.send(.get, "/api/v1/config/api-keys", cookie: admin)
                #expect(list["items"].array.allSatisfy { $0["token"].isNull }, "the token is never listed")
                let bearer: (HTTPRequest.Method, String) async throws -> HTTPResponse.Status = { method, uri in
                    try await client.execute(uri: uri, method: method, headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                                             body: method == .get ? nil : .json(["name": "x"])) { $0.status }
                }
                #expect(try await bearer(.get, "/api/v1/config/numbers") == .ok)
                #expect(try await bearer(.post, "/api/v1/config/skills") == .forbidden, "config:read does not write")
                #expect(try await bearer(.get, "/api/v1/platform/tenants") == .forbidden)
                #expect(try await client.send(.delete, "/api/v1/config/api-keys/\(id)", cookie: admin).0 == .noContent)
                #expect(try await bearer(.get, "/api/v1/config/numbers") == .unauthorized)
                let audit = try await fixture.store.auditLog.list(.tenant(fixture.demo), from: .distantPast, to: .distantFuture)
                #expect(Set(audit.map(\.action)).isSuperset(of: ["api_key.create", "api_key.revoke"]))
            }
        }
    }
}
