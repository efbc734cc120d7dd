// The running kefu's HTTP API as the call bar and the board use it: log in, then GET and
// POST JSON with the session cookie. For the call-control end-to-end tests.

import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A logged-in user of kefu's API on 127.0.0.1.
struct KefuAPI {
    /// A response: status and the parsed JSON body.
    struct Reply: CustomStringConvertible {
        var status: Int
        var json: [String: Any]

        /// `json["call"]` (the call-control routes' body).
        var call: [String: Any] { json["call"] as? [String: Any] ?? [:] }
        var description: String { "\(status) \(json)" }
    }

    let port: Int
    let cookie: String

    /// Logs `username` of the demo tenant in.
    static func login(port: Int, username: String, password: String) async throws -> KefuAPI {
        let (status, headers, _) = try await send(port: port, "POST", "/api/v1/login", cookie: nil,
                                                  body: ["username": username, "password": password, "tenant": TestTenant.code])
        guard status == 200, let setCookie = headers["Set-Cookie"].first, let cookie = setCookie.split(separator: ";").first else {
            throw EndToEndError(description: "login of \(username) answered \(status)")
        }
        return KefuAPI(port: port, cookie: String(cookie))
    }

    func get(_ path: String) async throws -> Reply {
        let (status, _, json) = try await Self.send(port: port, "GET", path, cookie: cookie, body: nil)
        return Reply(status: status, json: json)
    }

    func post(_ path: String, _ body: [String: Any] = [:]) async throws -> Reply {
        let (status, _, json) = try await Self.send(port: port, "POST", path, cookie: cookie, body: body)
        return Reply(status: status, json: json)
    }

    /// The id of the first live call this user sees in `phase`, waiting up to `timeout`.
    func liveCall(phase: String = "talking", timeout: Duration = .seconds(20)) async throws -> String? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let items = try await get("/api/v1/calls").json["items"] as? [[String: Any]] ?? []
            if let call = items.first(where: { $0["phase"] as? String == phase }), let id = call["call_id"] as? String { return id }
            try await Task.sleep(for: .milliseconds(200))
        }
        return nil
    }

    private static func send(
        port: Int, _ method: String, _ path: String, cookie: String?, body: [String: Any]?
    ) async throws -> (Int, HTTPHeaders, [String: Any]) {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = HTTPMethod(rawValue: method)
        if let cookie { request.headers.add(name: "Cookie", value: cookie) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(15))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        let json = (try? JSONSerialization.jsonObject(with: Data(bytes.readableBytesView))) as? [String: Any] ?? [:]
        return (Int(response.status.code), response.headers, json)
    }
}
