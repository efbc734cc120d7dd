// Parsing whole SIP messages from datagrams (UDP); the stream framer reuses the same pass.

/// Parses SIP messages from bytes, within the limits of a ``Configuration``.
///
/// One pass over the bytes splits the start line and the header lines and records where each
/// name and value lies; typed header values are parsed later, when asked for. For UDP use
/// ``parse(datagram:)-([UInt8])``; for TCP use ``SIPStreamFramer``.
///
/// Datagram rules (RFC 3261 §18.3): Content-Length may be absent, then the body is the rest
/// of the datagram; a Content-Length larger than what the datagram holds is an error; a
/// smaller one truncates the body and the extra bytes are ignored. A datagram that ends right
/// after a header line, without the empty line, is taken as a message without body.
public struct SIPMessageParser: Sendable {
    /// The limits in force.
    public var configuration: Configuration

    /// A parser with the given limits.
    public init(configuration: Configuration = .default) {
        self.configuration = configuration
    }

    /// Parses the one message a UDP datagram carries.
    public func parse(datagram: [UInt8]) throws(SIPParseError) -> SIPMessage {
        let skipped = Self.leadingLineEndCount(datagram)
        guard skipped < datagram.count else { throw SIPParseError(.emptyMessage, offset: 0) }
        let storage = skipped == 0 ? datagram : Array(datagram[skipped...])
        guard storage.count <= configuration.maxMessageSize else {
            throw SIPParseError(.messageTooLarge(limit: configuration.maxMessageSize), offset: configuration.maxMessageSize)
        }
        let head = try storage.withUnsafeBufferPointer { (buffer) throws(SIPParseError) -> Head in
            try Self.parseHead(buffer, start: 0, end: buffer.count, configuration: configuration, acceptsMissingEmptyLine: true)
        }
        let headers = SIPHeaders(storage: storage, fields: head.fields)
        let bodyEnd: Int
        if let contentLength = head.contentLength, head.deferredError == nil {
            guard head.bodyStart + contentLength <= storage.count else {
                throw Self.attach(SIPParseError(.contentLengthExceedsMessage, offset: storage.count, headerName: .contentLength),
                                  headers, head)
            }
            bodyEnd = head.bodyStart + contentLength
        } else {
            bodyEnd = storage.count
        }
        return try Self.message(head, headers: headers, body: Self.bytes(storage, head.bodyStart..<bodyEnd))
    }

    /// Parses the one message a UDP datagram carries.
    public func parse(datagram: UnsafeRawBufferPointer) throws(SIPParseError) -> SIPMessage {
        try parse(datagram: Array(datagram))
    }

    /// Whether a datagram is only line ends: a keep-alive to ignore, not a malformed message.
    public static func isKeepAlive(_ datagram: [UInt8]) -> Bool {
        leadingLineEndCount(datagram) == datagram.count
    }

    // MARK: shared with the stream framer

    /// Assembles the message from a head without a deferred error, or throws that error with
    /// the header fields attached.
    static func message(_ head: Head, headers: SIPHeaders, body: [UInt8]) throws(SIPParseError) -> SIPMessage {
        if let error = head.deferredError { throw attach(error, headers, head) }
        switch head.startLine {
        case .request(let method, let uri, let version)?:
            return .request(SIPRequest(parsedMethod: method, uri: uri, version: version, headers: headers, body: body))
        case .response(let version, let status, let reason)?:
            return .response(SIPResponse(parsedStatus: status, reasonPhrase: reason, version: version, headers: headers, body: body))
        case nil:
            throw attach(SIPParseError(.malformedRequestLine("unreadable"), offset: 0), headers, head)
        }
    }

    /// The error with the header fields and the request method attached, for a `400` reply.
    static func attach(_ error: SIPParseError, _ headers: SIPHeaders, _ head: Head) -> SIPParseError {
        var error = error
        error.headers = headers
        error.requestMethod = head.requestMethod
        return error
    }

    static func bytes(_ storage: [UInt8], _ range: Range<Int>) -> [UInt8] {
        range.isEmpty ? [] : Array(storage[range])
    }

    /// The number of CR and LF bytes before the first other byte.
    static func leadingLineEndCount(_ bytes: [UInt8]) -> Int {
        var count = 0
        while count < bytes.count, bytes[count] == ASCII.cr || bytes[count] == ASCII.lf { count += 1 }
        return count
    }
}
