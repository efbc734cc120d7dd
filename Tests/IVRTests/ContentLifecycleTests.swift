// Versions of IVR content: draft → submitted → approved → published, rejection, rollback.
import Foundation
import Testing
@testable import IVR

@Suite struct ContentLifecycleTests {
    let author: ContentActor = "admin@tenant"
    let reviewer: ContentActor = "reviewer@platform"
    func at(_ seconds: Int64) -> UnixTime { UnixTime(secondsSince1970: seconds) }

    @Test("with approval required, a version goes draft → submitted → approved → published")
    func approvalPath() throws {
        var content = ContentLifecycle()
        let v1 = try content.createDraft(by: author, at: at(1))
        #expect(content.canEdit(v1))
        #expect(throws: ContentLifecycleError.approvalRequired(version: 1)) { try content.publish(v1, by: author, at: at(2), approvalRequired: true) }
        try content.submit(v1, by: author, at: at(3))
        #expect(!content.canEdit(v1))
        #expect(content.submitted.map(\.number) == [1])
        #expect(throws: ContentLifecycleError.reviewerIsAuthor(version: 1)) { try content.approve(v1, by: author, at: at(4)) }
        try content.approve(v1, by: reviewer, at: at(5), comment: "内容合规")
        try content.publish(v1, by: author, at: at(6), approvalRequired: true)
        #expect(content.published?.number == 1)
        #expect(content.history.map(\.description) == [
            "v1: new → draft by admin@tenant", "v1: draft → submitted by admin@tenant",
            "v1: submitted → approved by reviewer@platform (内容合规)", "v1: approved → published by admin@tenant",
        ])
    }

    @Test("a rejection needs a comment, and the author reopens the version to fix it")
    func rejection() throws {
        var content = ContentLifecycle()
        let v1 = try content.createDraft(by: author, at: at(1))
        try content.submit(v1, by: author, at: at(2))
        #expect(throws: ContentLifecycleError.commentRequired) { try content.reject(v1, by: reviewer, at: at(3), comment: "  ") }
        try content.reject(v1, by: reviewer, at: at(3), comment: "欢迎词含有未经许可的广告")
        #expect(content.version(v1)?.status == .rejected && content.version(v1)?.reviewComment == "欢迎词含有未经许可的广告")
        #expect(throws: ContentLifecycleError.wrongStatus(version: 1, status: .rejected, action: "published")) {
            try content.publish(v1, by: author, at: at(4), approvalRequired: true)
        }
        try content.reopen(v1, by: author, at: at(5))
        #expect(content.canEdit(v1))
    }

    @Test("without approval required a draft publishes directly and retires the previous version")
    func directPublish() throws {
        var content = ContentLifecycle()
        let v1 = try content.createDraft(by: author, at: at(1))
        try content.publish(v1, by: author, at: at(2), approvalRequired: false)
        let v2 = try content.createDraft(by: author, at: at(3), basedOn: v1)
        try content.publish(v2, by: author, at: at(4), approvalRequired: false)
        #expect(content.versions.map(\.status) == [.retired, .published])
        #expect(content.version(v2)?.basedOn == 1)
    }

    @Test("rollback republishes an earlier version; under approval only one that was approved")
    func rollback() throws {
        var content = ContentLifecycle()
        let v1 = try content.createDraft(by: author, at: at(1))
        try content.publish(v1, by: author, at: at(2), approvalRequired: false)
        let v2 = try content.createDraft(by: author, at: at(3))
        try content.submit(v2, by: author, at: at(4))
        try content.approve(v2, by: reviewer, at: at(5))
        try content.publish(v2, by: author, at: at(6), approvalRequired: true)
        let v3 = try content.createDraft(by: author, at: at(7))
        try content.submit(v3, by: author, at: at(8))
        try content.approve(v3, by: reviewer, at: at(9))
        try content.publish(v3, by: author, at: at(10), approvalRequired: true)
        #expect(throws: ContentLifecycleError.approvalRequired(version: 1)) { try content.rollback(to: v1, by: author, at: at(11), approvalRequired: true) }
        try content.rollback(to: v2, by: author, at: at(12), approvalRequired: true)
        #expect(content.published?.number == 2)
        #expect(content.versions.map(\.status) == [.retired, .published, .retired])
        #expect(throws: ContentLifecycleError.wrongStatus(version: 2, status: .published, action: "rolled back to")) {
            try content.rollback(to: v2, by: author, at: at(13), approvalRequired: true)
        }
        let v4 = try content.createDraft(by: author, at: at(14))
        #expect(throws: ContentLifecycleError.notEarlierPublished(version: v4)) { try content.rollback(to: v4, by: author, at: at(15), approvalRequired: false) }
        try content.rollback(to: v1, by: author, at: at(16), approvalRequired: false)
        #expect(content.published?.number == 1)
    }

    @Test("the lifecycle survives being stored as JSON")
    func codable() throws {
        var content = ContentLifecycle()
        try content.createDraft(by: author, at: at(1))
        let decoded = try Fixture.decode(ContentLifecycle.self, String(decoding: try JSONEncoder().encode(content), as: UTF8.self))
        #expect(decoded == content)
    }
}
