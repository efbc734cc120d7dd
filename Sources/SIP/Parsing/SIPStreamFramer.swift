// Cutting a TCP byte stream into SIP messages by Content-Length (RFC 3261 §18.3), without I/O.

/// Splits a stream of bytes (TCP, later TLS) into SIP messages.
///
/// Feed whatever the connection delivers with ``append(_:)``, then call ``next()`` until it
/// returns nil ("need more bytes"):
/// ```swift
/// framer.append(bytesFromSocket)
/// while let frame = try framer.next() {
///     switch frame {
///     case .message(let message): handle(message)
///     case .keepAlivePing: send([13, 10])                  // RFC 5626 §3.5.1 pong
///     case .malformedMessage(let error): answer400(error)  // framing intact, stream continues
///     }
/// }
/// ```
/// Line ends between messages are skipped; a double CRLF is reported as a keep-alive ping.
/// Every message must carry Content-Length. ``next()`` throws when the stream cannot be framed
/// any more (missing or bad Content-Length, a limit exceeded, a bare CR); the connection must
/// then be closed, and the framer keeps throwing that error.
///
/// Memory stays bounded: the framer never buffers more than
/// ``SIPMessageParser/Configuration/maxMessageSize`` of one message plus what was appended
/// since the last call to ``next()``.
public struct SIPStreamFramer: Sendable {
    /// What ``next()`` found.
    public enum Frame: Hashable, Sendable {
        /// A complete message.
        case message(SIPMessage)
        /// A CRLFCRLF keep-alive ping; answer with a single CRLF (RFC 5626 §3.5.1).
        case keepAlivePing
        /// A message whose length was known but whose content is malformed; it has been
        /// skipped and the stream goes on. The error carries the headers to answer `400`.
        case malformedMessage(SIPParseError)
    }

    /// The limits in force.
    public let configuration: SIPMessageParser.Configuration
    private var buffer: [UInt8] = []
    private var readIndex = 0
    /// Where the search for the end of the current header section resumes.
    private var scanIndex = 0
    /// The head of a message whose body is still arriving.
    private var pending: (head: SIPMessageParser.Head, end: Int)?
    private var failure: SIPParseError?

    /// A framer with the given limits.
    public init(configuration: SIPMessageParser.Configuration = .default) {
        self.configuration = configuration
    }

    /// The bytes received but not yet returned as frames.
    public var bufferedByteCount: Int { buffer.count - readIndex }

    /// Appends bytes received from the stream.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// Appends bytes received from the stream.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: bytes)
    }

    /// The next frame, or nil when more bytes are needed. Throws when the stream can no longer
    /// be framed; the connection should then be closed.
    public mutating func next() throws(SIPParseError) -> Frame? {
        if let failure { throw failure }
        if pending == nil {
            if let ping = skipLineEnds() { return ping }
            guard readIndex < buffer.count else {
                compact()
                return nil
            }
            guard let headerEnd = findHeaderSectionEnd() else {
                if buffer.count - readIndex > configuration.maxMessageSize {
                    throw fail(.messageTooLarge(limit: configuration.maxMessageSize), at: configuration.maxMessageSize)
                }
                return nil
            }
            guard headerEnd - readIndex <= configuration.maxMessageSize else {
                throw fail(.messageTooLarge(limit: configuration.maxMessageSize), at: configuration.maxMessageSize)
            }
            let start = readIndex
            let configuration = configuration
            let head: SIPMessageParser.Head
            do {
                head = try buffer.withUnsafeBufferPointer { (bytes) throws(SIPParseError) -> SIPMessageParser.Head in
                    try SIPMessageParser.parseHead(bytes, start: start, end: headerEnd, configuration: configuration)
                }
            } catch {
                failure = error
                throw error
            }
            if let error = head.contentLengthError { throw fail(error) }
            guard let contentLength = head.contentLength else {
                throw fail(.missingContentLength, at: head.bodyStart)
            }
            let end = headerEnd + contentLength
            guard end - start <= configuration.maxMessageSize else {
                throw fail(.messageTooLarge(limit: configuration.maxMessageSize), at: configuration.maxMessageSize)
            }
            pending = (head, end)
        }

        guard let (head, end) = pending, end <= buffer.count else { return nil }
        let storage = Array(buffer[readIndex..<end])
        pending = nil
        readIndex = end
        scanIndex = end
        compact()
        let headers = SIPHeaders(storage: storage, fields: head.fields)
        let body = SIPMessageParser.bytes(storage, head.bodyStart..<storage.count)
        do {
            return .message(try SIPMessageParser.message(head, headers: headers, body: body))
        } catch {
            return .malformedMessage(error)
        }
    }

    // MARK: internals

    /// Skips CR/LF between messages; returns a ping for a CRLFCRLF among them.
    ///
    /// The outcome must not depend on how TCP cut the stream: the run of line ends is consumed
    /// through its first CRLFCRLF (a ping), or, when it has none, up to the tail that could
    /// still begin one once more bytes arrive (`CR`, `CRLF`, `CRLFCR`), which is kept.
    private mutating func skipLineEnds() -> Frame? {
        let count = buffer.count
        var index = readIndex
        while index < count, buffer[index] == ASCII.cr || buffer[index] == ASCII.lf {
            if index - readIndex >= 3, buffer[index] == ASCII.lf, buffer[index - 1] == ASCII.cr,
               buffer[index - 2] == ASCII.lf, buffer[index - 3] == ASCII.cr {
                readIndex = index + 1
                scanIndex = Swift.max(scanIndex, readIndex)
                return .keepAlivePing
            }
            index += 1
        }
        if index == count {
            // The run reaches the end of what arrived: keep its longest tail that is a prefix of
            // CRLFCRLF, it may become a ping.
            var kept = Swift.min(3, index - readIndex)
            while kept > 0, !(0..<kept).allSatisfy({ buffer[index - kept + $0] == ($0 % 2 == 0 ? ASCII.cr : ASCII.lf) }) {
                kept -= 1
            }
            index -= kept
        }
        // Stray line ends (or a CRLF pong): skip them.
        readIndex = index
        scanIndex = Swift.max(scanIndex, readIndex)
        return nil
    }

    /// The index just past the empty line that ends the header section, if it has arrived.
    private mutating func findHeaderSectionEnd() -> Int? {
        let count = buffer.count
        var index = Swift.max(scanIndex, readIndex)
        while index < count {
            if buffer[index] == ASCII.lf {
                if index + 1 < count, buffer[index + 1] == ASCII.lf { return index + 2 }
                if index + 2 < count, buffer[index + 1] == ASCII.cr, buffer[index + 2] == ASCII.lf { return index + 3 }
                if index + 2 >= count { break }
            }
            index += 1
        }
        scanIndex = Swift.max(readIndex, Swift.min(index, count))
        return nil
    }

    /// Drops consumed bytes once they dominate the buffer.
    private mutating func compact() {
        guard pending == nil else { return }
        if readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 65_536)
            readIndex = 0
            scanIndex = 0
        } else if readIndex > 4096, readIndex * 2 > buffer.count {
            buffer.removeSubrange(0..<readIndex)
            scanIndex -= readIndex
            readIndex = 0
        }
    }

    private mutating func fail(_ kind: SIPParseError.Kind, at offset: Int) -> SIPParseError {
        fail(SIPParseError(kind, offset: offset))
    }

    private mutating func fail(_ error: SIPParseError) -> SIPParseError {
        failure = error
        return error
    }
}
