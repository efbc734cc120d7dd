// Requests with arbitrary JSON bodies (nested objects, arrays, numbers), for the
// configuration routes.

import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore

extension TestClientProtocol {
    /// A request whose body is `body` serialized with JSONSerialization (nil: no body).
    func send(_ method: HTTPRequest.Method, _ uri: String, cookie: String?, body: Any? = nil) async throws -> (HTTPResponse.Status, JSONObject) {
        var headers: HTTPFields = [:]
        if let cookie { headers[.cookie] = cookie }
        var buffer: ByteBuffer?
        if let body {
            headers[.contentType] = "application/json"
            buffer = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body, options: [.fragmentsAllowed]))
        }
        return try await execute(uri: uri, method: method, headers: headers, body: buffer) { response in
            (response.status, JSONObject(response.body))
        }
    }
}
