// Either kind of SIP message, as a transport receives them.

/// A SIP request or response, as it arrives from a transport.
public enum SIPMessage: Hashable, Sendable {
    /// A request.
    case request(SIPRequest)
    /// A response.
    case response(SIPResponse)

    /// Parses one message from a UDP datagram (see ``SIPMessageParser/parse(datagram:)-([UInt8])``).
    public static func parse(
        _ bytes: [UInt8],
        configuration: SIPMessageParser.Configuration = .default
    ) throws(SIPParseError) -> SIPMessage {
        try SIPMessageParser(configuration: configuration).parse(datagram: bytes)
    }

    /// The request, if this is one.
    public var request: SIPRequest? {
        if case .request(let request) = self { return request }
        return nil
    }

    /// The response, if this is one.
    public var response: SIPResponse? {
        if case .response(let response) = self { return response }
        return nil
    }

    /// The header fields of either kind.
    public var headers: SIPHeaders {
        get {
            switch self {
            case .request(let request): return request.headers
            case .response(let response): return response.headers
            }
        }
        set {
            switch self {
            case .request(var request):
                request.headers = newValue
                self = .request(request)
            case .response(var response):
                response.headers = newValue
                self = .response(response)
            }
        }
    }

    /// The body of either kind.
    public var body: [UInt8] {
        switch self {
        case .request(let request): return request.body
        case .response(let response): return response.body
        }
    }
}

extension SIPMessage: SIPSerializable {
    /// Appends the message as sent on the wire.
    public func serialize(into buffer: inout [UInt8]) {
        switch self {
        case .request(let request): request.serialize(into: &buffer)
        case .response(let response): response.serialize(into: &buffer)
        }
    }
}

extension SIPMessage: CustomStringConvertible {
    /// The message as it would be sent, for logs and test failures.
    public var description: String { serializedString }
}

extension SIPRequest {
    /// Parses a request from a UDP datagram; throws ``SIPParseError`` for a malformed message
    /// or a response.
    public static func parse(
        _ bytes: [UInt8],
        configuration: SIPMessageParser.Configuration = .default
    ) throws(SIPParseError) -> SIPRequest {
        switch try SIPMessage.parse(bytes, configuration: configuration) {
        case .request(let request): return request
        case .response: throw SIPParseError(.malformedRequestLine("expected a request"), offset: 0)
        }
    }

    /// Parses a request from the UTF-8 bytes of `text` (handy in tests).
    public static func parse(_ text: String) throws(SIPParseError) -> SIPRequest {
        try parse(Array(text.utf8))
    }
}

extension SIPResponse {
    /// Parses a response from a UDP datagram; throws ``SIPParseError`` for a malformed message
    /// or a request.
    public static func parse(
        _ bytes: [UInt8],
        configuration: SIPMessageParser.Configuration = .default
    ) throws(SIPParseError) -> SIPResponse {
        switch try SIPMessage.parse(bytes, configuration: configuration) {
        case .response(let response): return response
        case .request: throw SIPParseError(.malformedStatusLine("expected a response"), offset: 0)
        }
    }

    /// Parses a response from the UTF-8 bytes of `text` (handy in tests).
    public static func parse(_ text: String) throws(SIPParseError) -> SIPResponse {
        try parse(Array(text.utf8))
    }
}
