// Requests the call path starts outside a dialog: new INVITEs and OPTIONS pings.

import Logging
import NIOCore
import SIP

extension UserAgentCore {
    /// Builds and sends the INVITE for `options`; the call's events follow it.
    func placeCall(_ options: SIPCallOptions) throws -> SIPCall {
        let preferred = options.transport ?? options.requestURI.transport.flatMap { SIPTransportProtocol(name: $0) }
        guard let destination = options.destination ?? resolve(.sip(options.requestURI), preferred: preferred) else {
            throw SIPCallError.unresolvableDestination(options.requestURI.host)
        }
        var from = options.from
        from.tag = layer.makeTag()
        let callID = options.callID ?? layer.makeCallID()
        var headers = SIPHeaders()
        headers.set(.allow, commaSeparated: allowedMethods)
        headers.set(.supported, commaSeparated: layer.configuration.supportedExtensions)
        headers.add(.userAgent, layer.configuration.productName)
        headers.append(contentsOf: options.headers)
        let contact = NameAddress(uri: contactURI(user: options.from.uri.user, transport: destination.transport))
        let invite = SIPRequest(
            method: .invite,
            uri: .sip(options.requestURI),
            via: Via(transport: destination.transport.rawValue, host: "0.0.0.0"),
            from: from,
            to: options.to ?? NameAddress(uri: options.requestURI),
            callID: SIPCallID(rawValue: callID),
            cseq: 1,
            contact: contact,
            extraHeaders: headers,
            body: options.sdp ?? [],
            contentType: options.sdp == nil ? nil : .sdp
        )
        let session = InviteSession(direction: .outgoing, core: self, destination: destination, logger: logger)
        session.logger[metadataKey: "call-id"] = "\(callID)"
        session.credentials = options.credentials
        session.destinationIsSticky = options.destination != nil
        let (events, continuation) = AsyncStream<SIPCallEvent>.makeStream(bufferingPolicy: .unbounded)
        session.continuation = continuation
        var sendable = invite
        sendable.headers.remove(.via)
        session.sendInvite(sendable)
        return SIPCall(session: session, events: events, request: session.inviteRequest ?? sendable, source: destination, direction: .outgoing)
    }

    /// Sends OPTIONS to `uri` and reports the final response.
    func sendOptions(_ uri: SIPURI, destination: SIPDestination?, completion: @escaping (Result<SIPResponse, SIPCallError>) -> Void) {
        guard let target = destination ?? resolve(.sip(uri), preferred: nil) else {
            completion(.failure(.unresolvableDestination(uri.host)))
            return
        }
        let from = NameAddress(uri: contactURI(user: "kefu", transport: target.transport), parameters: [SIPParameter(name: "tag", value: layer.makeTag())])
        var headers = SIPHeaders()
        headers.add(.accept, SIPMediaType.sdp)
        headers.add(.userAgent, layer.configuration.productName)
        var request = SIPRequest(
            method: .options, uri: .sip(uri), via: Via(transport: target.transport.rawValue, host: "0.0.0.0"),
            from: from, to: NameAddress(uri: uri), callID: SIPCallID(rawValue: layer.makeCallID()), cseq: 1,
            extraHeaders: headers
        )
        request.headers.remove(.via)
        layer.sendRequest(request, to: target) { event in
            switch event {
            case .response(let response):
                if response.status.isFinal { completion(.success(response)) }
            case .timeout: completion(.failure(.timeout))
            case .transportError: completion(.failure(.transportError))
            }
        }
    }
}
