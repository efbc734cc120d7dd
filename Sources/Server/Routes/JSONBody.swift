// Small helpers the routes share: JSON responses with snake_case keys, reading a JSON
// body, path parameters and the caller's tenant.

import Foundation
import Hummingbird
import NIOCore
import NIOFoundationCompat
import Store

/// A JSON response body with snake_case keys and ISO 8601 dates.
struct JSONResponse<Body: Encodable & Sendable>: ResponseGenerator, Sendable {
    var status: HTTPResponse.Status = .ok
    var body: Body
    var headers: HTTPFields = [:]

    init(_ body: Body, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) {
        self.body = body
        self.status = status
        self.headers = headers
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = try APIJSON.encoder.encode(body)
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// The API's JSON coders.
enum APIJSON {
    /// snake_case keys, ISO 8601 dates with milliseconds (event latency is measured from
    /// them), sorted keys (stable output).
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(Self.timestamp))
        }
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    /// `2026-11-21T08:00:00.123Z`.
    static let timestamp = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// snake_case keys, ISO 8601 dates.
    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

extension Request {
    /// The body decoded as `T`; 400 naming the field when it does not fit, 413 when too large,
    /// 415 when it is not JSON.
    func decodeJSON<T: Decodable>(as type: T.Type, context: KefuRequestContext) async throws -> T {
        if let contentType = headers[.contentType], !contentType.lowercased().hasPrefix("application/json") {
            throw APIError(.unsupportedMediaType, code: "unsupported_media_type", message: "send the body as application/json", field: "Content-Type")
        }
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { throw APIError.invalid("body", "a JSON body is required") }
        return try APIJSON.decoder.decode(T.self, from: Data(buffer: buffer))
    }
}

extension KefuRequestContext {
    /// The path parameter `name`.
    func pathParameter(_ name: String) throws -> String {
        guard let value = parameters.get(name), !value.isEmpty else { throw APIError.invalid(name, "is required in the path") }
        return value
    }
}

extension Principal {
    /// The caller's tenant; 403 for platform users on a tenant's route.
    func requireTenant() throws -> TenantID {
        guard let tenant = tenantID else {
            throw APIError.forbidden("this route acts on one tenant's data; log in as a user of that tenant")
        }
        return tenant
    }
}
