// Reading the event stream in tests: JSON messages one at a time, and a bound on the whole
// exchange so a missing event fails the test instead of hanging it.

import Foundation
import HummingbirdWSTesting
import NIOCore
import Testing
import WSClient

/// Reads the stream's text messages as JSON.
struct EventReader {
    private var iterator: WebSocketInboundMessageStream.AsyncIterator

    init(_ inbound: WebSocketInboundStream) {
        iterator = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
    }

    /// The next message (fails when the stream ends).
    mutating func next() async throws -> JSONObject {
        guard case .text(let text) = try #require(try await iterator.next(), "the stream ended") else {
            Issue.record("a binary message on the event stream")
            return JSONObject(value: nil)
        }
        return JSONObject(value: try JSONSerialization.jsonObject(with: Data(text.utf8)))
    }

    /// The next message, or nil when the stream ended.
    mutating func nextOrEnd() async throws -> JSONObject? {
        guard let message = try await iterator.next() else { return nil }
        guard case .text(let text) = message else { return JSONObject(value: nil) }
        return JSONObject(value: try JSONSerialization.jsonObject(with: Data(text.utf8)))
    }

    /// The next event of `kind` (other events skipped, at most `limit` of them).
    mutating func next(kind: String, limit: Int = 50) async throws -> JSONObject {
        for _ in 0..<limit {
            let message = try await next()
            if message["kind"].string == kind { return message }
        }
        Issue.record("no \(kind) event among \(limit) messages")
        return JSONObject(value: nil)
    }
}

/// Runs `body`, failing with a timeout after `seconds` (a test that waits for an event that
/// never comes ends instead of hanging CI).
func withTimeout<R: Sendable>(seconds: Int = 60, _ body: @escaping @Sendable () async throws -> R) async throws -> R {
    try await withThrowingTaskGroup(of: R?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            return nil
        }
        defer { group.cancelAll() }
        guard let result = try await group.next() ?? nil else { throw TestTimeout(seconds: seconds) }
        return result
    }
}

/// A bounded wait ran out.
struct TestTimeout: Error, CustomStringConvertible {
    var seconds: Int
    var description: String { "nothing happened within \(seconds) seconds" }
}
