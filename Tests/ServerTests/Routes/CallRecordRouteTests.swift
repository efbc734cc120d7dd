// CDR list and detail: filters, paging, validation, and the masking agents see.

import Foundation
import HTTPTypes
import HummingbirdTesting
import Server
import Store
import Testing

@Suite struct CallRecordRouteTests {
    static let base = Date(timeIntervalSince1970: 1_790_000_000)

    @Test("an agent sees only their own calls with the caller masked by policy (138****8000); a supervisor sees all in full")
    func maskingAndOwnership() async throws {
        try await ServerFixture.with { fixture in
            let own = try await fixture.seedCall(agent: "1001", caller: "13800138000", arrivedAt: Self.base)
            try await fixture.seedCall(agent: "1002", caller: "13912345678", arrivedAt: Self.base.addingTimeInterval(60))
            try await fixture.application().test(.router) { client in
                let agent = try await client.login(.demoAgent1001)
                var json = try await client.call(.get, "/api/v1/cdrs", cookie: agent).1
                #expect(json["items"].array.count == 1)
                #expect(json["items"][0]["caller"].string == "138****8000")
                #expect(json["items"][0]["legs"][0]["number"].string == "138****8000")
                json = try await client.call(.get, "/api/v1/cdrs/\(own.record)", cookie: agent).1
                #expect(json["caller"].string == "138****8000")
                #expect(json["recording_id"].string == own.recording.rawValue)
                let (status, _) = try await client.call(.get, "/api/v1/cdrs?agent=\(fixture.agent("1002"))", cookie: agent)
                #expect(status == .forbidden)

                let supervisor = try await client.login(.demoSupervisor)
                json = try await client.call(.get, "/api/v1/cdrs", cookie: supervisor).1
                #expect(json["items"].array.map { $0["caller"].string } == ["13912345678", "13800138000"])
            }
        }
    }

    @Test("filters narrow the list and pages follow the cursor to the end")
    func filtersAndPaging() async throws {
        try await ServerFixture.with { fixture in
            for index in 0..<5 {
                try await fixture.seedCall(agent: index.isMultiple(of: 2) ? "1001" : "1002", arrivedAt: Self.base.addingTimeInterval(Double(index) * 60),
                                           disposition: index == 4 ? .abandoned : .answered)
            }
            try await fixture.application().test(.router) { client in
                let admin = try await client.login(.demoAdmin)
                var json = try await client.call(.get, "/api/v1/cdrs?disposition=abandoned", cookie: admin).1
                #expect(json["items"].array.count == 1)
                json = try await client.call(.get, "/api/v1/cdrs?agent=\(fixture.agent("1002"))", cookie: admin).1
                #expect(json["items"].array.count == 2)
                json = try await client.call(.get, "/api/v1/cdrs?from=2026-09-21T14:15:00Z&to=2026-09-21T14:17:00Z", cookie: admin).1
                #expect(json["items"].array.count == 2, "calls at +120 s and +180 s fall in the window")
                var seen: [String] = []
                var cursor: String?
                repeat {
                    let query = "/api/v1/cdrs?limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                    json = try await client.call(.get, query, cookie: admin).1
                    seen += json["items"].array.compactMap { $0["id"].string }
                    cursor = json["next_cursor"].string
                } while cursor != nil && seen.count < 10
                #expect(seen.count == 5)
                #expect(Set(seen).count == 5)
            }
        }
    }

    @Test("bad filters are refused with the parameter named", arguments: [
        ("limit=0", "limit"), ("limit=abc", "limit"), ("from=yesterday", "from"), ("disposition=lost", "disposition"),
        ("from=2026-09-21T14:00:00Z&to=2026-09-21T13:00:00Z", "to"), ("number=abc", "number"), ("colour=red", "colour"),
        ("cursor=garbage", "cursor"),
    ])
    func badFilters(query: String, field: String) async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let admin = try await client.login(.demoAdmin)
                let (status, json) = try await client.call(.get, "/api/v1/cdrs?\(query)", cookie: admin)
                #expect(status == .badRequest)
                #expect(json["error"]["field"].string == field)
            }
        }
    }

    @Test("an unknown CDR id is a 404")
    func unknownRecord() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let admin = try await client.login(.demoAdmin)
                let (status, json) = try await client.call(.get, "/api/v1/cdrs/nope", cookie: admin)
                #expect(status == .notFound)
                #expect(json["error"]["code"].string == "not_found")
            }
        }
    }
}
