// Notices (通知公告) over the API: admins and supervisors publish, edit and withdraw them,
// agents read the current ones, every change is audited, another tenant gets 404, and a
// new notice reaches the tenant's open event streams at once (and no other tenant's).

import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import HummingbirdWSTesting
import Logging
import Server
import Store
import Testing
import WSClient

@Suite struct NoticeRouteTests {
    @Test("an admin publishes a notice, the agent lists and reads it, a supervisor edits it and withdraws it; each change is audited")
    func lifecycle() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let admin = try await client.login(.demoAdmin)
                let agent = try await client.login(.demoAgent1001)
                let supervisor = try await client.login(.demoSupervisor)
                var (status, json) = try await client.send(.post, "/api/v1/notices", cookie: admin, body: [
                    "title": "系统维护通知", "body": "今晚 22:00 至 23:00 系统维护", "pinned": true,
                ])
                #expect(status == .created)
                let id = try #require(json["id"].string)
                #expect(json["author"].string == "admin" && json["pinned"].value as? Bool == true && json["expires_at"].isNull)
                _ = try await client.send(.post, "/api/v1/notices", cookie: supervisor, body: ["title": "资费调整", "body": "下周一起"])

                (status, json) = try await client.call(.get, "/api/v1/notices", cookie: agent)
                #expect(status == .ok)
                #expect(json["items"].array.compactMap { $0["title"].string } == ["系统维护通知", "资费调整"], "pinned first")
                (status, json) = try await client.call(.get, "/api/v1/notices/\(id)", cookie: agent)
                #expect(status == .ok && json["body"].string == "今晚 22:00 至 23:00 系统维护")

                (status, json) = try await client.send(.put, "/api/v1/notices/\(id)", cookie: supervisor, body: [
                    "title": "系统维护通知（延期）", "body": "改为明晚", "expires_at": "2099-01-01T00:00:00Z",
                ])
                #expect(status == .ok)
                #expect(json["title"].string == "系统维护通知（延期）" && json["author"].string == "supervisor")
                #expect(json["pinned"].value as? Bool == false, "a PUT replaces every field")
                #expect(json["expires_at"].string?.hasPrefix("2099-01-01T00:00:00") == true)

                #expect(try await client.call(.delete, "/api/v1/notices/\(id)", cookie: supervisor).0 == .noContent)
                #expect(try await client.call(.get, "/api/v1/notices/\(id)", cookie: agent).0 == .notFound)
                #expect(try await client.call(.get, "/api/v1/notices", cookie: agent).1["items"].array.count == 1)
            }
            let audited = try await fixture.store.auditLog.list(.tenant(fixture.demo), from: .distantPast, to: .distantFuture, action: nil)
                .filter { $0.objectKind == "notice" }
            #expect(audited.map(\.action).sorted() == ["notice.create", "notice.create", "notice.delete", "notice.update"])
            #expect(audited.contains { $0.action == "notice.update" && $0.actor.name == "supervisor" && $0.detail["title"] == "系统维护通知（延期）" })
        }
    }

    @Test("a notice without a title, with an overlong body, an expiry in the past or not a date is refused with the field named",
          arguments: [
            (#"{}"#, "title"),
            (#"{"title": "t", "body": "\#(String(repeating: "长", count: 4_001))"}"#, "body"),
            (#"{"title": "t", "expires_at": "2020-01-01T00:00:00Z"}"#, "expires_at"),
            (#"{"title": "t", "expires_at": "tomorrow"}"#, "expires_at"),
            (#"{"title": 5}"#, "title"),
            (#"{"title": "t", "pinned": "yes"}"#, "pinned"),
          ])
    func validation(body: String, field: String) async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let admin = try await client.login(.demoAdmin)
                let body = try JSONSerialization.jsonObject(with: Data(body.utf8))
                let (status, json) = try await client.send(.post, "/api/v1/notices", cookie: admin, body: body)
                #expect(status == .badRequest)
                #expect(json["error"]["field"].string == field, "\(json["error"]["message"].string ?? "")")
                #expect(try await client.call(.get, "/api/v1/notices", cookie: admin).1["items"].array.isEmpty, "nothing was published")
            }
        }
    }

    @Test("another tenant's users get 404 for a notice and never list it; agents may not publish and may not ask for expired ones")
    func tenantsAndRoles() async throws {
        try await ServerFixture.with { fixture in
            let notice = try await fixture.store.notices.create(fixture.demo, NoticeDefinition(title: "内部通知", body: "x"), author: "admin")
            try await fixture.application().test(.router) { client in
                for user in [TestUser.betaAdmin, .betaSupervisor, .betaAgent] {
                    let cookie = try await client.login(user)
                    #expect(try await client.call(.get, "/api/v1/notices/\(notice.id)", cookie: cookie).0 == .notFound, "\(user)")
                    #expect(try await client.call(.get, "/api/v1/notices", cookie: cookie).1["items"].array.isEmpty, "\(user)")
                }
                let beta = try await client.login(.betaAdmin)
                #expect(try await client.send(.put, "/api/v1/notices/\(notice.id)", cookie: beta, body: ["title": "篡改"]).0 == .notFound)
                #expect(try await client.call(.delete, "/api/v1/notices/\(notice.id)", cookie: beta).0 == .notFound)
                let agent = try await client.login(.demoAgent1001)
                #expect(try await client.send(.post, "/api/v1/notices", cookie: agent, body: ["title": "t"]).0 == .forbidden)
                #expect(try await client.call(.get, "/api/v1/notices?all=true", cookie: agent).0 == .forbidden)
                let admin = try await client.login(.demoAdmin)
                let (status, json) = try await client.call(.get, "/api/v1/notices?all=maybe", cookie: admin)
                #expect(status == .badRequest && json["error"]["field"].string == "all")
                let qa = try await client.login(.demoQA)
                #expect(try await client.call(.get, "/api/v1/notices", cookie: qa).0 == .forbidden)
            }
            #expect(try await fixture.store.notices.get(fixture.demo, notice.id).title == "内部通知", "unchanged")
        }
    }

    @Test("once expired, a notice leaves the agents' list and is 404 for them; admins still find it with all=true, marked expired")
    func expiry() async throws {
        try await ServerFixture.with { fixture in
            let expiry = Date().addingTimeInterval(3_600)
            let notice = try await fixture.store.notices.create(
                fixture.demo, NoticeDefinition(title: "今日活动", body: "x", expiresAt: expiry), author: "admin")
            // The same server two hours later.
            let later = ServerServices(store: fixture.store, callCenter: fixture.center, dataDirectory: fixture.directory.path,
                                       now: { expiry.addingTimeInterval(3_600) })
            let application = KefuHTTPServer(services: later, configuration: .init(port: 0, webhooks: nil),
                                             logger: Logger(label: "test.http", factory: { _ in SwiftLogNoOpLogHandler() })).makeApplication()
            try await application.test(.router) { client in
                let agent = try await client.login(.demoAgent1001)
                #expect(try await client.call(.get, "/api/v1/notices", cookie: agent).1["items"].array.isEmpty)
                #expect(try await client.call(.get, "/api/v1/notices/\(notice.id)", cookie: agent).0 == .notFound)
                let admin = try await client.login(.demoAdmin)
                #expect(try await client.call(.get, "/api/v1/notices", cookie: admin).1["items"].array.isEmpty)
                let all = try await client.call(.get, "/api/v1/notices?all=true", cookie: admin).1["items"].array
                #expect(all.count == 1 && all.first?["expired"].value as? Bool == true)
                #expect(try await client.call(.get, "/api/v1/notices/\(notice.id)", cookie: admin).0 == .ok)
            }
        }
    }

    @Test("a published notice reaches the agent's open event stream without reload, then its edit and withdrawal; a supervisor's stream gets it too; another tenant's stream sees none of it")
    func liveOnEventStream() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.live) { client in
                let admin = try await client.login(.demoAdmin)
                let agent = try await client.login(.demoAgent1001)
                let supervisor = try await client.login(.demoSupervisor)
                let betaAgent = try await client.login(.betaAgent)
                let betaAdmin = try await client.login(.betaAdmin)
                _ = try await withTimeout {
                    try await client.ws("/api/v1/events", configuration: .init(additionalHeaders: [.cookie: agent])) { inbound, _, _ in
                        var reader = EventReader(inbound)
                        #expect(try await reader.next()["type"].string == "snapshot")
                        let (status, created) = try await client.send(.post, "/api/v1/notices", cookie: admin, body: [
                            "title": "新业务上线", "body": "请熟悉新套餐话术", "pinned": true,
                        ])
                        #expect(status == .created)
                        let published = try await reader.next(kind: "notice.published")
                        #expect(published["type"].string == "notice")
                        #expect(published["notice"]["title"].string == "新业务上线" && published["notice"]["body"].string == "请熟悉新套餐话术")
                        let id = try #require(created["id"].string)
                        #expect(published["notice_id"].string == id)
                        _ = try await client.send(.put, "/api/v1/notices/\(id)", cookie: admin, body: ["title": "新业务上线（更新）"])
                        #expect(try await reader.next(kind: "notice.updated")["notice"]["title"].string == "新业务上线（更新）")
                        _ = try await client.call(.delete, "/api/v1/notices/\(id)", cookie: admin)
                        let withdrawn = try await reader.next(kind: "notice.withdrawn")
                        #expect(withdrawn["notice_id"].string == id && withdrawn["notice"].isNull)
                    }
                    try await client.ws("/api/v1/events", configuration: .init(additionalHeaders: [.cookie: supervisor])) { inbound, _, _ in
                        var reader = EventReader(inbound)
                        #expect(try await reader.next()["type"].string == "snapshot")
                        _ = try await client.send(.post, "/api/v1/notices", cookie: admin, body: ["title": "班组长会议", "body": "15:00"])
                        #expect(try await reader.next(kind: "notice.published")["notice"]["title"].string == "班组长会议")
                    }
                    try await client.ws("/api/v1/events", configuration: .init(additionalHeaders: [.cookie: betaAgent])) { inbound, _, _ in
                        var reader = EventReader(inbound)
                        #expect(try await reader.next()["type"].string == "snapshot")
                        _ = try await client.send(.post, "/api/v1/notices", cookie: admin, body: ["title": "demo 内部"])
                        _ = try await client.send(.post, "/api/v1/notices", cookie: betaAdmin, body: ["title": "beta 通知"])
                        let first = try await reader.next()
                        #expect(first["notice"]["title"].string == "beta 通知", "the demo tenant's notice never reached beta's stream")
                    }
                }
            }
        }
    }
}
