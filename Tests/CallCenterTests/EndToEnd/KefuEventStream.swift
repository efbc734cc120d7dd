// kefu's WebSocket event stream (`/api/v1/events`) as a logged-in user's desktop receives it:
// every message kept, so a test can wait for an event and look at everything the user saw.

import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import NIOCore
import Synchronization

/// The event stream of one logged-in user, read in the background until `close()`.
final class KefuEventStream: Sendable {
    private let box: Box
    private let reader: Task<Void, Never>

    private init(box: Box, reader: Task<Void, Never>) {
        self.box = box
        self.reader = reader
    }

    /// Connects as `api`'s user and waits until the stream's first message (the snapshot)
    /// arrived, so no later event is missed.
    static func open(_ api: KefuAPI, timeout: Duration = .seconds(10)) async throws -> KefuEventStream {
        let store = Box()
        let reader = Task {
            var headers = HTTPFields()
            headers[.cookie] = api.cookie
            _ = try? await WebSocketClient.connect(
                url: "ws://127.0.0.1:\(api.port)/api/v1/events", configuration: .init(additionalHeaders: headers),
                logger: Logger(label: "kefu-e2e-events")
            ) { inbound, _, _ in
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    if case .text(let text) = message { store.append(text) }
                }
            }
        }
        let stream = KefuEventStream(box: store, reader: reader)
        guard await stream.wait(timeout: timeout, for: { $0["type"] as? String == "snapshot" }) != nil else {
            stream.close()
            throw EndToEndError(description: "the event stream sent no snapshot within \(timeout)")
        }
        return stream
    }

    /// Every message so far, as JSON objects.
    var received: [[String: Any]] {
        box.all().compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// Every message so far, as the text the server sent.
    var texts: [String] { box.all() }

    /// The first message matching `predicate`, waiting up to `timeout`.
    func wait(timeout: Duration, for predicate: ([String: Any]) -> Bool) async -> [String: Any]? {
        let deadline = ContinuousClock.now + timeout
        repeat {
            if let found = received.first(where: predicate) { return found }
            try? await Task.sleep(for: .milliseconds(100))
        } while ContinuousClock.now < deadline
        return received.first(where: predicate)
    }

    /// The first event of `kind` whose details contain `details`, waiting up to `timeout`.
    func event(_ kind: String, details: [String: String] = [:], timeout: Duration = .seconds(30)) async -> [String: Any]? {
        await wait(timeout: timeout) { message in
            guard message["kind"] as? String == kind else { return false }
            let shown = message["details"] as? [String: String] ?? [:]
            return details.allSatisfy { shown[$0.key] == $0.value }
        }
    }

    /// Stops reading.
    func close() {
        reader.cancel()
    }

    /// The messages, shared with the reading task.
    private final class Box: Sendable {
        private let messages = Mutex<[String]>([])
        func append(_ text: String) { messages.withLock { $0.append(text) } }
        func all() -> [String] { messages.withLock { $0 } }
    }
}
