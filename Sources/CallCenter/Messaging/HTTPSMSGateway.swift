// An SMSGateway for providers with an HTTP API: each message is one JSON POST; the
// provider's answer gives the message id; delivery reports are handed in by whoever receives
// the provider's callbacks.

import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Sends SMS as `POST <url>` with `{"to", "from", "text", "reference"}`; a 2xx answer with
/// `{"id": "..."}` means accepted, 4xx refused for good, 5xx or no answer try again later.
public struct HTTPSMSGateway: SMSGateway {
    /// Where messages are posted.
    public var url: String
    /// Extra headers, e.g. the provider's `Authorization`.
    public var headers: [(String, String)]
    /// How long one request may take.
    public var timeout: Duration
    /// Delivery reports handed in through ``report(_:)``.
    public let deliveryReports: AsyncStream<SMSDeliveryReport>
    private let reportSink: AsyncStream<SMSDeliveryReport>.Continuation

    /// A gateway posting to `url`.
    public init(url: String, headers: [(String, String)] = [], timeout: Duration = .seconds(10)) {
        self.url = url
        self.headers = headers
        self.timeout = timeout
        (deliveryReports, reportSink) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(10_000))
    }

    /// Always ready: each message is its own request.
    public var isReady: Bool { true }

    /// Posts `message`.
    public func submit(_ message: OutgoingSMS) async throws(SMSGatewayError) -> String {
        struct Body: Encodable { let to: String; let from: String?; let text: String; let reference: String }
        struct Answer: Decodable { let id: String? }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        do {
            let body = try JSONEncoder().encode(Body(to: message.to, from: message.from, text: message.text, reference: message.reference))
            request.body = .bytes(ByteBuffer(bytes: body))
            let response = try await HTTPClient.shared.execute(request, timeout: .nanoseconds(Int64(timeout.timeInterval * 1e9)))
            let bytes = try await response.body.collect(upTo: 64 * 1024)
            switch response.status.code {
            case 200..<300:
                let answer = try? JSONDecoder().decode(Answer.self, from: Data(bytes.readableBytesView))
                return answer?.id ?? message.reference
            case 400..<500 where response.status.code != 429 && response.status.code != 408:
                throw SMSGatewayError.rejected("the provider answered \(response.status.code)")
            default:
                throw SMSGatewayError.unavailable("the provider answered \(response.status.code)")
            }
        } catch let error as SMSGatewayError {
            throw error
        } catch {
            throw .unavailable("posting to the provider failed: \(error)")
        }
    }

    /// Hands in a delivery report the provider sent back.
    public func report(_ report: SMSDeliveryReport) {
        reportSink.yield(report)
    }

    /// Nothing to keep up between requests; returns when cancelled.
    public func run() async {
        while !Task.isCancelled { try? await Task.sleep(for: .seconds(3_600)) }
    }
}
