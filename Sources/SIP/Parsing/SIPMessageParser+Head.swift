// The single pass over a message head: start line, header lines, folding, Content-Length.

extension SIPMessageParser {
    /// A parsed start line.
    enum StartLine {
        case request(SIPMethod, AnyURI, SIPVersion)
        case response(SIPVersion, SIPStatus, String)
    }

    /// What one pass over the head found. Offsets are relative to the message start.
    struct Head {
        var startLine: StartLine?
        var fields: [SIPHeaders.Field]
        /// Where the body starts (just after the empty line).
        var bodyStart: Int
        /// The value of the one valid Content-Length header, if there is one.
        var contentLength: Int?
        /// Why Content-Length is unusable (repeated, negative, not a number), if it is.
        var contentLengthError: SIPParseError?
        /// The first defect that still let the header section be split; the caller attaches
        /// the header fields to it and throws it.
        var deferredError: SIPParseError?
        /// The method, when the start line read as a request at least that far.
        var requestMethod: SIPMethod?
    }

    /// Reads the head of the message starting at `start`; `end` is where the available bytes end.
    ///
    /// Throws at once for limit violations, a bare CR and a missing end of the header section,
    /// where nothing useful can be salvaged. (With `acceptsMissingEmptyLine`, as for a
    /// datagram, the end of the bytes right after a complete line ends the head.) Records other
    /// defects in ``Head/deferredError`` and goes on, skipping the broken line, so the caller
    /// can still answer `400`.
    static func parseHead(
        _ buffer: UnsafeBufferPointer<UInt8>,
        start: Int,
        end: Int,
        configuration: Configuration,
        acceptsMissingEmptyLine: Bool = false
    ) throws(SIPParseError) -> Head {
        let maxLine = configuration.maxHeaderLineLength
        var position = start

        // Start line.
        let startLineFeed = try findLineFeed(buffer, from: position, to: end, start: start)
        let startLineEnd = lineContentEnd(buffer, from: position, lineFeed: startLineFeed)
        guard startLineEnd - position <= maxLine else {
            throw SIPParseError(.lineTooLong(limit: maxLine), offset: position - start)
        }
        let startLineRange = position..<startLineEnd
        position = startLineFeed + 1

        var fields: [SIPHeaders.Field] = []
        fields.reserveCapacity(16)
        var deferredError: SIPParseError?
        var lastFieldIsLive = false
        let base = UInt32(truncatingIfNeeded: start)

        // Header lines up to the empty line.
        while true {
            if position == end, acceptsMissingEmptyLine {
                // A datagram that ends right after a header line: its end ends the head too.
                break
            }
            let lineFeed = try findLineFeed(buffer, from: position, to: end, start: start)
            let lineEnd = lineContentEnd(buffer, from: position, lineFeed: lineFeed)
            if lineEnd == position {
                position = lineFeed + 1
                break
            }
            guard lineEnd - position <= maxLine else {
                throw SIPParseError(.lineTooLong(limit: maxLine), offset: position - start)
            }
            let first = buffer[position]
            if first == ASCII.space || first == ASCII.tab {
                // A continuation line: LWS folding (RFC 3261 §7.3.1).
                if lastFieldIsLive {
                    var contentStart = position
                    while contentStart < lineEnd, ASCII.isWhitespace(buffer[contentStart]) { contentStart += 1 }
                    var contentEnd = lineEnd
                    while contentEnd > contentStart, ASCII.isWhitespace(buffer[contentEnd - 1]) { contentEnd -= 1 }
                    if contentStart < contentEnd {
                        let index = fields.count - 1
                        if fields[index].valueStart == fields[index].valueEnd {
                            fields[index].valueStart = UInt32(truncatingIfNeeded: contentStart) &- base
                        } else {
                            fields[index].isFolded = true
                        }
                        fields[index].valueEnd = UInt32(truncatingIfNeeded: contentEnd) &- base
                        guard contentEnd - (Int(fields[index].nameStart) + start) <= maxLine else {
                            throw SIPParseError(.lineTooLong(limit: maxLine), offset: position - start,
                                                headerName: fields[index].knownID == 0 ? nil : SIPHeaderName(knownID: fields[index].knownID))
                        }
                    }
                } else if deferredError == nil, fields.isEmpty {
                    deferredError = SIPParseError(.foldedLineWithoutHeader, offset: position - start)
                }
                position = lineFeed + 1
                continue
            }

            // name HCOLON value
            var cursor = position
            while cursor < lineEnd, SIPCharacterClass.byte(buffer[cursor], isIn: .token) { cursor += 1 }
            let nameEnd = cursor
            while cursor < lineEnd, ASCII.isWhitespace(buffer[cursor]) { cursor += 1 }
            guard nameEnd > position, cursor < lineEnd, buffer[cursor] == ASCII.colon else {
                if deferredError == nil {
                    let kind: SIPParseError.Kind =
                        lineContains(buffer, position..<lineEnd, ASCII.colon) ? .invalidHeaderName : .missingColon
                    deferredError = SIPParseError(kind, offset: cursor - start)
                }
                lastFieldIsLive = false
                position = lineFeed + 1
                continue
            }
            cursor += 1
            while cursor < lineEnd, ASCII.isWhitespace(buffer[cursor]) { cursor += 1 }
            var valueEnd = lineEnd
            while valueEnd > cursor, ASCII.isWhitespace(buffer[valueEnd - 1]) { valueEnd -= 1 }

            guard fields.count < configuration.maxHeaderCount else {
                throw SIPParseError(.tooManyHeaders(limit: configuration.maxHeaderCount), offset: position - start)
            }
            let knownID = KnownHeaders.id(of: UnsafeBufferPointer(rebasing: buffer[position..<nameEnd]))
            fields.append(SIPHeaders.Field(
                knownID: knownID,
                isFolded: false,
                nameStart: UInt32(truncatingIfNeeded: position) &- base,
                nameEnd: UInt32(truncatingIfNeeded: nameEnd) &- base,
                valueStart: UInt32(truncatingIfNeeded: cursor) &- base,
                valueEnd: UInt32(truncatingIfNeeded: valueEnd) &- base
            ))
            lastFieldIsLive = true
            position = lineFeed + 1
        }

        var head = Head(
            startLine: nil,
            fields: fields,
            bodyStart: position - start,
            contentLength: nil,
            contentLengthError: nil,
            deferredError: nil,
            requestMethod: nil
        )
        do {
            head.contentLength = try contentLength(buffer, fields, start: start)
        } catch {
            head.contentLengthError = error
        }
        // The start line is read after the header lines so that its errors carry them.
        do {
            head.startLine = try parseStartLine(buffer, startLineRange, start: start, requestMethod: &head.requestMethod)
        } catch {
            head.deferredError = error
            return head
        }
        head.deferredError = deferredError ?? head.contentLengthError
        return head
    }

    /// The index of the LF ending the line that starts at `from`; throws for a bare CR or when
    /// the bytes end first.
    @inline(__always)
    static func findLineFeed(
        _ buffer: UnsafeBufferPointer<UInt8>,
        from: Int,
        to end: Int,
        start: Int
    ) throws(SIPParseError) -> Int {
        var index = from
        let base = UnsafeRawPointer(buffer.baseAddress)
        while index < end {
            // Eight bytes at a time: skip words without CR or LF, else jump to the first one.
            if let base, index + 8 <= end {
                let mask = lineEndMask(UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index, as: UInt64.self)))
                if mask == 0 {
                    index += 8
                    continue
                }
                index += mask.trailingZeroBitCount >> 3
            }
            let byte = buffer[index]
            if byte == ASCII.lf { return index }
            if byte == ASCII.cr, index + 1 < end, buffer[index + 1] != ASCII.lf {
                throw SIPParseError(.bareCarriageReturn, offset: index - start)
            }
            index += 1
        }
        throw SIPParseError(.incompleteHeaderSection, offset: end - start)
    }

    /// A mask whose lowest set bit lies in the first byte of `word` (in memory order) that is
    /// CR or LF; zero when there is none. Bits above the lowest may be spurious (SWAR
    /// zero-byte test, little-endian loads).
    @inline(__always)
    static func lineEndMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let lineFeeds = word ^ (ones &* UInt64(ASCII.lf))
        let carriageReturns = word ^ (ones &* UInt64(ASCII.cr))
        return ((lineFeeds &- ones) & ~lineFeeds | (carriageReturns &- ones) & ~carriageReturns) & highs
    }

    /// The end of a line's content: the LF position, or the CR before it.
    @inline(__always)
    static func lineContentEnd(_ buffer: UnsafeBufferPointer<UInt8>, from: Int, lineFeed: Int) -> Int {
        lineFeed > from && buffer[lineFeed - 1] == ASCII.cr ? lineFeed - 1 : lineFeed
    }

    static func lineContains(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ byte: UInt8) -> Bool {
        range.contains { buffer[$0] == byte }
    }

    /// The value of the Content-Length header, nil when absent; throws when it is repeated,
    /// negative or not a number (RFC 4475 §3.1.2.3 and §3.3.9).
    static func contentLength(
        _ buffer: UnsafeBufferPointer<UInt8>,
        _ fields: [SIPHeaders.Field],
        start: Int
    ) throws(SIPParseError) -> Int? {
        let id = SIPHeaderName.contentLength.knownID
        var value: Int?
        for field in fields where field.knownID == id {
            guard value == nil else {
                throw SIPParseError(.multipleContentLength, offset: Int(field.nameStart), headerName: .contentLength)
            }
            let range = (Int(field.valueStart) + start)..<(Int(field.valueEnd) + start)
            guard !range.isEmpty, range.count <= 9, range.allSatisfy({ SIPCharacterClass.byte(buffer[$0], isIn: .digit) }) else {
                throw SIPParseError(.invalidContentLength, offset: Int(field.valueStart), headerName: .contentLength)
            }
            var number = 0
            for position in range { number = number * 10 + Int(buffer[position] - ASCII.zero) }
            value = number
        }
        return value
    }
}
