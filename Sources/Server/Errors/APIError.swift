// The API's errors: each one a status, a stable code, a message a person can act on and,
// for bad input, the field it is about; written as `{"error": {code, message, field}}`.

import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Store

/// An error the API answers with; the body is `{"error": {"code", "message", "field"}}`.
public struct APIError: Error, Sendable, Equatable, HTTPResponseError, CustomStringConvertible {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// A stable, machine-readable code (`invalid_field`, `not_found`, `forbidden`).
    public var code: String
    /// What went wrong, for a person.
    public var message: String
    /// The request field at fault, when there is one (`state`, `limit`, `body`).
    public var field: String?
    /// Extra response headers (`Retry-After`, `WWW-Authenticate`).
    public var headers: HTTPFields = [:]

    /// An error from its parts.
    public init(_ status: HTTPResponse.Status, code: String, message: String, field: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
    }

    public var description: String { "\(status.code) \(code): \(message)" + (field.map { " (\($0))" } ?? "") }

    /// 400: a field of the request is missing or wrong.
    public static func invalid(_ field: String, _ message: String) -> APIError {
        APIError(.badRequest, code: "invalid_field", message: message, field: field)
    }

    /// 401: no valid session cookie or API key.
    public static let unauthenticated = APIError(
        .unauthorized, code: "unauthenticated", message: "log in first, or send an API key as 'Authorization: Bearer kefu_…'")

    /// 403: the caller is known but may not do this.
    public static func forbidden(_ permission: Permission) -> APIError {
        APIError(.forbidden, code: "forbidden", message: "your role does not allow '\(permission.rawValue)'")
    }

    /// 403 with a specific reason.
    public static func forbidden(_ message: String) -> APIError {
        APIError(.forbidden, code: "forbidden", message: message)
    }

    /// 404: nothing of that kind with that id in the caller's tenant.
    public static func notFound(_ kind: String, _ id: String) -> APIError {
        APIError(.notFound, code: "not_found", message: "no \(kind) '\(id)' in your tenant")
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var body: [String: String] = ["code": code, "message": message]
        if let field { body["field"] = field }
        let data = try JSONEncoder().encode(["error": body])
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension APIError {
    /// The API's answer to any error a route let through: ours unchanged, Hummingbird's and
    /// the store's translated, anything else a 500 that reveals nothing inside.
    public static func from(_ error: any Error) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as StoreError:
            return from(store: error)
        case let error as DecodingError:
            return from(decoding: error)
        case let error as HTTPError:
            return from(http: error)
        case let error as any HTTPResponseError:
            return APIError(error.status, code: code(for: error.status), message: error.status.reasonPhrase)
        default:
            return APIError(.internalServerError, code: "internal", message: "the server failed; the error is in its log")
        }
    }

    private static func from(store error: StoreError) -> APIError {
        switch error {
        case .invalidInput(let issues):
            let first = issues.first
            let message = issues.map { issue in issue.field + ": " + issue.reason }.joined(separator: "; ")
            return APIError(.badRequest, code: "invalid_field", message: message, field: first?.field)
        case .notFound(let kind, let key):
            return .notFound(kind, key)
        case .invalidTransition(_, _, _, let reason):
            return APIError(.conflict, code: "conflict", message: reason)
        case .schemaTooNew, .invalidConfiguration, .database:
            return APIError(.serviceUnavailable, code: "store_unavailable", message: "the database is unavailable; try again")
        }
    }

    private static func from(decoding error: DecodingError) -> APIError {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context)
            return .invalid(parent.isEmpty ? key.stringValue : parent + "." + key.stringValue, "is required")
        case .typeMismatch(let type, let context):
            return .invalid(path(context), "must be of type \(type)")
        case .valueNotFound(let type, let context):
            return .invalid(path(context), "must be a \(type), not null")
        case .dataCorrupted(let context):
            let field = path(context)
            return .invalid(field.isEmpty ? "body" : field, field.isEmpty ? "the body is not valid JSON" : context.debugDescription)
        @unknown default:
            return .invalid("body", "the body could not be read")
        }
    }

    private static func from(http error: HTTPError) -> APIError {
        switch error.status {
        case .contentTooLarge:
            return APIError(.contentTooLarge, code: "body_too_large",
                            message: "the body is larger than \(KefuRequestContext.bodyLimit) bytes", field: "body")
        default:
            return APIError(error.status, code: code(for: error.status), message: error.body ?? error.status.reasonPhrase)
        }
    }

    private static func code(for status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "not_found"
        case .methodNotAllowed: "method_not_allowed"
        case .contentTooLarge: "body_too_large"
        case .unsupportedMediaType: "unsupported_media_type"
        case .badRequest: "bad_request"
        case .rangeNotSatisfiable: "range_not_satisfiable"
        default: status.code >= 500 ? "internal" : "error"
        }
    }
}
