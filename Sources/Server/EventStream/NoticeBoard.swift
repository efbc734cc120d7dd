// The live side of notices (通知公告): when an admin or supervisor publishes, edits or
// withdraws one, every open event stream of that tenant gets it at once, so desktops show
// it without reloading. Changed desk settings travel the same way.

import Foundation
import Store
import Synchronization

/// A notice change as the event stream sends it:
/// `{"type": "notice", "kind": "notice.published", "at": …, "notice": {…}}`, or for a
/// withdrawal `{"type": "notice", "kind": "notice.withdrawn", "notice_id": …}`.
struct NoticeStreamMessage: Encodable, Sendable {
    /// What happened to a notice.
    enum Kind: String, Encodable, Sendable {
        case published = "notice.published"
        case updated = "notice.updated"
        case withdrawn = "notice.withdrawn"
    }

    var type = "notice"
    var kind: Kind
    var at: Date
    var noticeId: String
    var notice: NoticeRoutes.NoticeBody?

    /// The message as the stream sends it.
    func jsonText() throws -> String {
        String(decoding: try APIJSON.encoder.encode(self), as: UTF8.self)
    }
}

/// Broadcasts notice (and desk settings) changes to the event streams of their tenant.
final class NoticeBoard: Sendable {
    private struct Subscriber {
        var tenant: TenantID
        var continuation: AsyncStream<String>.Continuation
    }

    private let subscribers = Mutex<[Int: Subscriber]>([:])
    private let nextID = Atomic<Int>(0)

    /// Sends `message` to every stream of `tenant`.
    func publish(_ message: NoticeStreamMessage, to tenant: TenantID) {
        guard let text = try? message.jsonText() else { return }
        publish(text: text, to: tenant)
    }

    /// Tells every stream of `tenant` that the desk settings changed, so open desktops
    /// reload them: `{"type": "desk", "kind": "desk.settings", "at": …}`.
    func deskSettingsChanged(at time: Date, for tenant: TenantID) {
        publish(text: #"{"at":"\#(time.formatted(APIJSON.timestamp))","kind":"desk.settings","type":"desk"}"#, to: tenant)
    }

    private func publish(text: String, to tenant: TenantID) {
        let targets = subscribers.withLock { $0.values.filter { $0.tenant == tenant }.map(\.continuation) }
        for continuation in targets { continuation.yield(text) }
    }

    /// The messages for `tenant` from now on (a slow reader loses the oldest beyond `buffer`).
    func subscribe(_ tenant: TenantID, buffer: Int = 100) -> AsyncStream<String> {
        let id = nextID.add(1, ordering: .relaxed).newValue
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(buffer))
        continuation.onTermination = { [weak self] _ in _ = self?.subscribers.withLock { $0.removeValue(forKey: id) } }
        subscribers.withLock { $0[id] = Subscriber(tenant: tenant, continuation: continuation) }
        return stream
    }
}
