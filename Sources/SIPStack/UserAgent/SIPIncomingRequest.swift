// A request inside a call that the call path answers (re-INVITE, UPDATE, REFER, ...).

import NIOCore
import SIP

/// A request received inside a dialog, with the means to answer it.
///
/// Answer re-INVITE, UPDATE and REFER exactly once; INFO, NOTIFY and OPTIONS arrive already
/// answered (``isAnswered``). Sendable: answer from any task.
public final class SIPIncomingRequest: Sendable {
    /// The request.
    public let request: SIPRequest
    /// Whether the stack has already answered it (`200`).
    public let isAnswered: Bool
    private let transaction: NIOLoopBound<ServerTransaction>
    private let onAnswer: NIOLoopBound<(SIPResponse) -> Void>
    private let eventLoop: any EventLoop

    init(request: SIPRequest, transaction: ServerTransaction, isAnswered: Bool, eventLoop: any EventLoop, onAnswer: @escaping (SIPResponse) -> Void) {
        self.request = request
        self.isAnswered = isAnswered
        self.transaction = NIOLoopBound(transaction, eventLoop: eventLoop)
        self.onAnswer = NIOLoopBound(onAnswer, eventLoop: eventLoop)
        self.eventLoop = eventLoop
    }

    /// The method.
    public var method: SIPMethod { request.method }

    /// Answers with `status`, extra headers and an optional body (e.g. the SDP answer of a
    /// re-INVITE). The stack adds To tag, Contact (for 2xx to re-INVITE/UPDATE) and Server.
    public func respond(
        _ status: SIPStatus,
        reasonPhrase: String? = nil,
        headers: SIPHeaders = SIPHeaders(),
        body: [UInt8] = [],
        contentType: SIPMediaType = .sdp
    ) {
        let transaction = self.transaction
        let onAnswer = self.onAnswer
        eventLoop.execute {
            let transaction = transaction.value
            guard !transaction.hasFinalResponse else { return }
            var response = transaction.makeResponse(status, reasonPhrase: reasonPhrase)
            let lengthIndex = response.headers.firstIndex(of: .contentLength)
            if let lengthIndex { response.headers.remove(at: lengthIndex) }
            response.headers.append(contentsOf: headers)
            response.headers.add(.contentLength, 0)
            if !body.isEmpty { response.setBody(body, contentType: contentType) }
            onAnswer.value(response)
        }
    }
}
