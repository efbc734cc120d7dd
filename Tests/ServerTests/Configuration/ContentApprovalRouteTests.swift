// IVR content approval through the API (issue 10): a tenant admin submits flow and prompt
// versions, a platform reviewer reads, listens, rejects with a comment or approves, the
// admin sees the comment, and publishing waits for approval when the platform requires it.

import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Store
import Testing

@Suite struct ContentApprovalRouteTests {
    /// The demo tenant's flow and the document it runs now.
    static func demoFlow(_ client: some TestClientProtocol, admin: String) async throws -> (id: String, document: [String: Any]) {
        let (_, list) = try await client.send(.get, "/api/v1/config/flows", cookie: admin)
        let id = try #require(list["items"][0]["id"].string)
        let (_, flow) = try await client.send(.get, "/api/v1/config/flows/\(id)", cookie: admin)
        return (id, try #require(flow["versions"][0]["document"].value as? [String: Any]))
    }

    /// A copy of `document` with a different name, so versions differ.
    static func edited(_ document: [String: Any], _ name: String) -> [String: Any] {
        var copy = document
        copy["name"] = name
        return copy
    }

    @Test("approval required: publish is refused with 409 naming the reason; reject with a comment, fix, resubmit, approve, publish")
    func flowScenario() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let operatorCookie = try await client.login(.platformOperator)
                let (set, settings) = try await client.send(.put, "/api/v1/platform/settings", cookie: operatorCookie,
                                                            body: ["content_approval_required": true])
                #expect(set == .ok && settings["content_approval_required"].value as? Bool == true)

                let admin = try await client.login(.demoAdmin)
                let reviewer = try await client.login(.platformReviewer)
                let (flowID, current) = try await Self.demoFlow(client, admin: admin)
                let (saved, draft) = try await client.send(.post, "/api/v1/config/flows/\(flowID)/versions", cookie: admin,
                                                           body: ["document": Self.edited(current, "menu v2")])
                #expect(saved == .created)
                let number = try #require(draft["version"].int)
                let versionID = try #require(draft["id"].string)

                let (refused, error) = try await client.send(.post, "/api/v1/config/flows/\(flowID)/publish", cookie: admin, body: [:])
                #expect(refused == .conflict)
                #expect(error["error"]["code"].string == "approval_required")
                #expect(error["error"]["message"].string?.contains("version \(number)") == true)
                #expect(error["error"]["message"].string?.contains("draft") == true)

                // A reviewer cannot see a draft; the queue is empty until the admin submits.
                #expect(try await client.send(.get, "/api/v1/platform/reviews/flows/\(versionID)", cookie: reviewer).0 == .notFound)
                #expect(try await client.send(.get, "/api/v1/platform/reviews", cookie: reviewer).1["items"].array.isEmpty)
                let (submitted, afterSubmit) = try await client.send(.post, "/api/v1/config/flows/\(flowID)/submit", cookie: admin, body: [:])
                #expect(submitted == .ok && afterSubmit["status"].string == "submitted" && afterSubmit["submitted_at"].string != nil)

                let (_, queue) = try await client.send(.get, "/api/v1/platform/reviews", cookie: reviewer)
                #expect(queue["items"].array.count == 1)
                #expect(queue["items"][0]["kind"].string == "flow" && queue["items"][0]["id"].string == versionID)
                #expect(queue["items"][0]["tenant"]["code"].string == "demo" && queue["items"][0]["version"].int == number)
                let (read, review) = try await client.send(.get, "/api/v1/platform/reviews/flows/\(versionID)", cookie: reviewer)
                #expect(read == .ok && review["document"]["name"].string == "menu v2")
                #expect(review["published_document"]["name"].string == current["name"] as? String)

                // Who may decide: not the tenant admin, not the platform operator, not another tenant.
                for user in [TestUser.demoAdmin, .betaAdmin, .platformOperator] {
                    let cookie = try await client.login(user)
                    let status = try await client.send(.post, "/api/v1/platform/reviews/flows/\(versionID)/approve", cookie: cookie, body: [:]).0
                    #expect(status == .forbidden, "\(user) approving")
                }
                let betaAdmin = try await client.login(.betaAdmin)
                #expect(try await client.send(.post, "/api/v1/config/flows/\(flowID)/submit", cookie: betaAdmin, body: [:]).0 == .notFound)
                #expect(try await client.send(.post, "/api/v1/config/flows/\(flowID)/versions", cookie: reviewer,
                                              body: ["document": current]).0 == .forbidden)

                let (noComment, missing) = try await client.send(.post, "/api/v1/platform/reviews/flows/\(versionID)/reject",
                                                                 cookie: reviewer, body: ["comment": "  "])
                #expect(noComment == .badRequest && missing["error"]["field"].string == "comment")
                let comment = "按键 2 没有提示音，请补上"
                let (rejected, afterReject) = try await client.send(.post, "/api/v1/platform/reviews/flows/\(versionID)/reject",
                                                                    cookie: reviewer, body: ["comment": comment])
                #expect(rejected == .ok && afterReject["status"].string == "rejected")

                // The admin sees status, reviewer and comment; the rejected version cannot be published.
                let (_, flow) = try await client.send(.get, "/api/v1/config/flows/\(flowID)", cookie: admin)
                #expect(flow["versions"][0]["status"].string == "rejected")
                #expect(flow["versions"][0]["review_comment"].string == comment)
                #expect(flow["versions"][0]["reviewed_by"].string == "reviewer")
                let (again, conflict) = try await client.send(.post, "/api/v1/config/flows/\(flowID)/publish", cookie: admin, body: ["version": number])
                #expect(again == .conflict && conflict["error"]["code"].string == "invalid_transition")
                #expect(try await client.send(.post, "/api/v1/config/flows/\(flowID)/submit", cookie: admin, body: ["version": number]).0 == .conflict)

                // Fixed, resubmitted, approved, published.
                let (_, fixed) = try await client.send(.post, "/api/v1/config/flows/\(flowID)/versions", cookie: admin,
                                                       body: ["document": Self.edited(current, "menu v3")])
                let fixedID = try #require(fixed["id"].string)
                #expect(try await client.send(.post, "/api/v1/config/flows/\(flowID)/submit", cookie: admin, body: [:]).0 == .ok)
                let (approved, afterApprove) = try await client.send(.post, "/api/v1/platform/reviews/flows/\(fixedID)/approve",
                                                                     cookie: reviewer, body: ["comment": "ok"])
                #expect(approved == .ok && afterApprove["status"].string == "approved")
                #expect(try await client.send(.post, "/api/v1/platform/reviews/flows/\(fixedID)/approve", cookie: reviewer, body: [:]).0 == .conflict)
                #expect(try await client.send(.get, "/api/v1/platform/reviews", cookie: reviewer).1["items"].array.isEmpty)
                let (published, answer) = try await client.send(.post, "/api/v1/config/flows/\(flowID)/publish", cookie: admin, body: [:])
                #expect(published == .ok && answer["version"].int == fixed["version"].int)
                let (_, after) = try await client.send(.get, "/api/v1/config/flows/\(flowID)", cookie: admin)
                #expect(after["published_version"].int == fixed["version"].int)
                #expect(after["versions"][0]["status"].string == "published")
                #expect(after["versions"][0]["review_comment"].string == "ok")

                // Every step is in the tenant's audit log with who and the comment.
                let entries = try await fixture.store.auditLog.list(.tenant(fixture.demo), from: .distantPast, to: .distantFuture)
                let steps = entries.filter { $0.objectKind == "flow_version" }.reversed().map { "\($0.action) \($0.actor.name)" }
                #expect(steps == ["flow.submit admin", "flow.reject reviewer", "flow.submit admin", "flow.approve reviewer"])
                #expect(entries.first { $0.action == "flow.reject" }?.detail["comment"] == comment)
                #expect(entries.first { $0.action == "flow.reject" }?.objectID == versionID)
            }
        }
    }

    @Test("a prompt goes through review too: the reviewer listens to its TTS and to an uploaded WAV, approves, the admin publishes")
    func promptScenario() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.store.platformSettings.setApprovalRequired(true)
            try await fixture.application().test(.router) { client in
                let admin = try await client.login(.demoAdmin)
                let reviewer = try await client.login(.platformReviewer)
                let (_, prompt) = try await client.send(.post, "/api/v1/config/prompts", cookie: admin,
                                                        body: ["name": "holiday", "tts": ["text": "国庆节放假", "voice": "zh"]])
                let id = try #require(prompt["id"].string)
                let (refused, error) = try await client.send(.post, "/api/v1/config/prompts/\(id)/publish", cookie: admin)
                #expect(refused == .conflict && error["error"]["code"].string == "approval_required")
                let (submitted, version) = try await client.send(.post, "/api/v1/config/prompts/\(id)/submit", cookie: admin)
                #expect(submitted == .ok && version["status"].string == "submitted")
                let versionID = try #require(version["id"].string)

                let (_, queue) = try await client.send(.get, "/api/v1/platform/reviews", cookie: reviewer)
                #expect(queue["items"].array.map { "\($0["kind"].string ?? "") \($0["name"].string ?? "")" } == ["prompt holiday"])
                let (_, review) = try await client.send(.get, "/api/v1/platform/reviews/prompts/\(versionID)", cookie: reviewer)
                #expect(review["tts"]["text"].string == "国庆节放假" && review["tenant"]["code"].string == "demo")
                let spoken = try await client.execute(uri: "/api/v1/platform/reviews/prompts/\(versionID)/audio", method: .get,
                                                      headers: [.cookie: reviewer]) { ($0.status, $0.headers[.contentType], Array(buffer: $0.body)) }
                #expect(spoken.0 == .ok && spoken.1 == "audio/wav")
                #expect(spoken.2.starts(with: Array("RIFF".utf8)) && spoken.2.count > 1_000)

                // An uploaded WAV is heard byte for byte as uploaded.
                let wav = PromptAndKeyRouteTests.wav(milliseconds: 400)
                let uploaded = try await client.execute(uri: "/api/v1/config/prompts/\(id)/audio", method: .put,
                                                        headers: [.cookie: admin, .contentType: "audio/wav"], body: ByteBuffer(bytes: wav)) {
                    JSONObject($0.body)
                }
                let (_, second) = try await client.send(.post, "/api/v1/config/prompts/\(id)/submit", cookie: admin, body: ["version": uploaded["version"].int ?? 0])
                let secondID = try #require(second["id"].string)
                let heard = try await client.execute(uri: "/api/v1/platform/reviews/prompts/\(secondID)/audio", method: .get,
                                                     headers: [.cookie: reviewer]) { Array(buffer: $0.body) }
                #expect(heard == wav)

                #expect(try await client.send(.post, "/api/v1/platform/reviews/prompts/\(versionID)/approve", cookie: reviewer).0 == .ok)
                let (_, rejected) = try await client.send(.post, "/api/v1/platform/reviews/prompts/\(secondID)/reject", cookie: reviewer,
                                                          body: ["comment": "too quiet"])
                #expect(rejected["status"].string == "rejected")
                let (published, answer) = try await client.send(.post, "/api/v1/config/prompts/\(id)/publish", cookie: admin, body: ["version": 1])
                #expect(published == .ok && answer["status"].string == "published")
                let (_, listed) = try await client.send(.get, "/api/v1/config/prompts/\(id)", cookie: admin)
                #expect(listed["published_version"].int == 1)
                #expect(listed["versions"][0]["status"].string == "rejected" && listed["versions"][0]["review_comment"].string == "too quiet")
                #expect(listed["versions"][1]["reviewed_by"].string == "reviewer")
            }
        }
    }

    @Test("a flow version with problems is not sent to the reviewers: 422 naming the node, and it stays a draft")
    func brokenFlowIsNotSubmitted() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.store.platformSettings.setApprovalRequired(true)
            try await fixture.application().test(.router) { client in
                let admin = try await client.login(.demoAdmin)
                let (flowID, current) = try await Self.demoFlow(client, admin: admin)
                var broken = current
                var nodes = try #require(current["nodes"] as? [[String: Any]])
                let index = try #require(nodes.firstIndex { $0["type"] as? String == "enqueue" })
                nodes[index]["queue"] = "no-such-queue"
                broken["nodes"] = nodes
                let (saved, draft) = try await client.send(.post, "/api/v1/config/flows/\(flowID)/versions", cookie: admin, body: ["document": broken])
                #expect(saved == .created)
                let (refused, answer) = try await client.send(.post, "/api/v1/config/flows/\(flowID)/submit", cookie: admin, body: [:])
                #expect(refused == .unprocessableContent)
                #expect(answer["problems"].array.contains { $0["node"].string == nodes[index]["id"] as? String })
                let versionID = try #require(draft["id"].string)
                #expect(try await fixture.store.flows.version(fixture.demo, FlowVersionID(rawValue: versionID)).status == .draft)
                #expect(try await fixture.store.flows.submittedForReview().isEmpty)
            }
        }
    }

    @Test("without the platform's approval switch a tenant admin publishes a new draft directly, as before")
    func noApprovalRequired() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.application().test(.router) { client in
                let operatorCookie = try await client.login(.platformOperator)
                #expect(try await client.send(.get, "/api/v1/platform/settings", cookie: operatorCookie).1["content_approval_required"].value as? Bool == false)
                let admin = try await client.login(.demoAdmin)
                let (flowID, current) = try await Self.demoFlow(client, admin: admin)
                let (_, draft) = try await client.send(.post, "/api/v1/config/flows/\(flowID)/versions", cookie: admin,
                                                       body: ["document": Self.edited(current, "direct")])
                let (published, answer) = try await client.send(.post, "/api/v1/config/flows/\(flowID)/publish", cookie: admin, body: [:])
                #expect(published == .ok && answer["version"].int == draft["version"].int)
                #expect(try await fixture.store.flows.get(fixture.demo, FlowID(rawValue: flowID)).publishedVersionID?.rawValue == draft["id"].string)
            }
        }
    }
}
