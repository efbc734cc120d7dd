// Recording playback: whole file, byte ranges for seeking, 416 outside the file, and one
// audit entry per playback.

import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Server
import Store
import Testing

@Suite struct RecordingRouteTests {
    @Test("the whole file plays with Accept-Ranges; ranges return 206 with Content-Range; only playbacks from byte 0 are audited")
    func rangesAndAudit() async throws {
        try await ServerFixture.with { fixture in
            let seeded = try await fixture.seedCall(agent: "1001", arrivedAt: Date(timeIntervalSince1970: 1_790_000_000), audioBytes: 4_000)
            let path = "/api/v1/recordings/\(seeded.recording)"
            try await fixture.application().test(.router) { client in
                let qa = try await client.login(.demoQA)
                try await client.execute(uri: path, method: .get, headers: [.cookie: qa]) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.acceptRanges] == "bytes")
                    #expect(response.headers[.contentType] == "audio/wav")
                    #expect(response.body.readableBytes == 4_000)
                }
                try await client.execute(uri: path, method: .get, headers: [.cookie: qa, .range: "bytes=1000-1099"]) { response in
                    #expect(response.status == .partialContent)
                    #expect(response.headers[.contentRange] == "bytes 1000-1099/4000")
                    #expect(Array(response.body.readableBytesView) == (1000...1099).map { UInt8(truncatingIfNeeded: $0) })
                }
                try await client.execute(uri: path, method: .get, headers: [.cookie: qa, .range: "bytes=-10"]) { response in
                    #expect(response.status == .partialContent)
                    #expect(response.headers[.contentRange] == "bytes 3990-3999/4000")
                }
                try await client.execute(uri: path, method: .get, headers: [.cookie: qa, .range: "bytes=0-"]) { response in
                    #expect(response.status == .partialContent)
                    #expect(response.body.readableBytes == 4_000)
                }
                try await client.execute(uri: path, method: .get, headers: [.cookie: qa, .range: "bytes=5000-"]) { response in
                    #expect(response.status == .rangeNotSatisfiable)
                    #expect(response.headers[.contentRange] == "bytes */4000")
                }
                let entries = try await fixture.store.auditLog.list(.tenant(fixture.demo), from: .distantPast, to: .distantFuture, action: "recording.play")
                #expect(entries.count == 2, "the whole-file request and the bytes=0- request are playbacks; seeks are not")
                #expect(entries.allSatisfy { $0.actor.name == "qa" && $0.objectID == seeded.recording.rawValue })
            }
        }
    }

    @Test("a recording whose file is gone is a 404 that says so; an unknown id is a plain 404")
    func missing() async throws {
        try await ServerFixture.with { fixture in
            let seeded = try await fixture.seedCall(agent: "1001", arrivedAt: Date(timeIntervalSince1970: 1_790_000_000))
            let recording = try await fixture.store.recordings.get(fixture.demo, seeded.recording)
            try FileManager.default.removeItem(at: fixture.directory.appendingPathComponent(recording.path))
            try await fixture.application().test(.router) { client in
                let admin = try await client.login(.demoAdmin)
                var (status, json) = try await client.call(.get, "/api/v1/recordings/\(seeded.recording)", cookie: admin)
                #expect(status == .notFound)
                #expect(json["error"]["code"].string == "recording_missing")
                (status, json) = try await client.call(.get, "/api/v1/recordings/nope", cookie: admin)
                #expect(status == .notFound)
                #expect(json["error"]["code"].string == "not_found")
            }
        }
    }
}
