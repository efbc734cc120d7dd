// Splitting an SDP body into lines and assembling the session and media sections.

extension SessionDescription {
    /// Parses a session description from the bytes of a SIP body.
    ///
    /// Accepts CRLF or LF line ends, blank lines, a last line without a line end, and the
    /// session-level lines in any order after `v=`. Throws ``SDPParseError`` naming the line
    /// and the field for anything else that does not follow RFC 8866.
    public static func parse(_ bytes: [UInt8]) throws(SDPParseError) -> SessionDescription {
        var parser = SDPParser(bytes: bytes)
        return try parser.parse()
    }

    /// Parses a session description from text (handy in tests and logs).
    public static func parse(_ text: String) throws(SDPParseError) -> SessionDescription {
        try parse(Array(text.utf8))
    }
}

/// The state of one parse: the lines read so far, split into the session section and the
/// media section being filled.
struct SDPParser {
    let bytes: [UInt8]
    private var lineNumber = 0

    private var sawVersion = false
    private var origin: SDPOrigin?
    private var sessionName: String?
    private var session = SessionDescription(origin: SDPOrigin(sessionID: "0", sessionVersion: 0, address: SDPAddress("0.0.0.0")), timings: [])
    /// Letters of single-occurrence lines seen in the current section.
    private var seenInSection: Set<UInt8> = []
    private var currentMedia: MediaDescription?

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func parse() throws(SDPParseError) -> SessionDescription {
        var index = 0
        let count = bytes.count
        while index < count {
            lineNumber += 1
            let lineStart = index
            var end = index
            while end < count, bytes[end] != ASCII.lf, bytes[end] != ASCII.cr {
                if bytes[end] == 0 { throw SDPParseError(line: lineNumber, .nulByte) }
                end += 1
            }
            let valueEnd = end
            if end + 1 < count, bytes[end] == ASCII.cr {
                guard bytes[end + 1] == ASCII.lf else { throw SDPParseError(line: lineNumber, .bareCarriageReturn) }
                end += 1
            }
            index = end + 1
            if valueEnd > lineStart { try parseLine(lineStart..<valueEnd) }
        }
        return try finish()
    }

    private mutating func parseLine(_ range: Range<Int>) throws(SDPParseError) {
        let type = bytes[range.lowerBound]
        guard range.count >= 2, bytes[range.lowerBound + 1] == ASCII.equals, type >= 0x61, type <= 0x7A else {
            throw SDPParseError(line: lineNumber, .malformedLine)
        }
        let letter = String(UnicodeScalar(type))
        let value = (range.lowerBound + 2)..<range.upperBound
        guard sawVersion else {
            guard type == UInt8(ascii: "v") else { throw SDPParseError(line: lineNumber, .versionNotFirst) }
            var fields = reader(value, "v")
            guard try fields.next("version", "0") == "0" else { throw SDPParseError(line: lineNumber, .unsupportedVersion) }
            try fields.expectEnd("version")
            sawVersion = true
            return
        }
        if currentMedia != nil {
            try parseMediaLine(type, letter, value)
        } else {
            try parseSessionLine(type, letter, value)
        }
    }

    private mutating func parseSessionLine(_ type: UInt8, _ letter: String, _ value: Range<Int>) throws(SDPParseError) {
        switch type {
        case UInt8(ascii: "v"):
            throw SDPParseError(line: lineNumber, .duplicateLine("v"))
        case UInt8(ascii: "o"):
            try once(type)
            origin = try parseOrigin(value)
        case UInt8(ascii: "s"):
            try once(type)
            sessionName = reader(value, letter).string(value)
        case UInt8(ascii: "i"):
            try once(type)
            session.information = reader(value, letter).string(value)
        case UInt8(ascii: "u"):
            try once(type)
            session.uri = reader(value, letter).string(value)
        case UInt8(ascii: "e"):
            session.emails.append(reader(value, letter).string(value))
        case UInt8(ascii: "p"):
            session.phones.append(reader(value, letter).string(value))
        case UInt8(ascii: "c"):
            try once(type)
            session.connection = try parseConnection(value)
        case UInt8(ascii: "b"):
            session.bandwidths.append(try parseBandwidth(value))
        case UInt8(ascii: "t"):
            session.timings.append(try parseTiming(value))
        case UInt8(ascii: "r"):
            guard !session.timings.isEmpty else {
                throw SDPParseError(line: lineNumber, .misplacedLine("r", "must follow a t= line"))
            }
            session.timings[session.timings.count - 1].repeats.append(try parseRepeat(value))
        case UInt8(ascii: "z"):
            try once(type)
            session.timeZoneAdjustments = try parseTimeZones(value)
        case UInt8(ascii: "k"):
            try once(type)
            session.encryptionKey = reader(value, letter).string(value)
        case UInt8(ascii: "a"):
            session.attributes.append(try parseAttribute(value))
        case UInt8(ascii: "m"):
            try requireSessionLines()
            seenInSection = []
            currentMedia = try parseMedia(value)
        default:
            throw SDPParseError(line: lineNumber, .unknownLineType(letter))
        }
    }

    private mutating func parseMediaLine(_ type: UInt8, _ letter: String, _ value: Range<Int>) throws(SDPParseError) {
        switch type {
        case UInt8(ascii: "m"):
            if let currentMedia { session.media.append(currentMedia) }
            seenInSection = []
            currentMedia = try parseMedia(value)
        case UInt8(ascii: "i"):
            try once(type)
            let information = reader(value, letter).string(value)
            currentMedia?.information = information
        case UInt8(ascii: "c"):
            let connection = try parseConnection(value)
            currentMedia?.connections.append(connection)
        case UInt8(ascii: "b"):
            let bandwidth = try parseBandwidth(value)
            currentMedia?.bandwidths.append(bandwidth)
        case UInt8(ascii: "k"):
            try once(type)
            let key = reader(value, letter).string(value)
            currentMedia?.encryptionKey = key
        case UInt8(ascii: "a"):
            let attribute = try parseAttribute(value)
            currentMedia?.attributes.append(attribute)
        case UInt8(ascii: "v"), UInt8(ascii: "o"), UInt8(ascii: "s"), UInt8(ascii: "u"), UInt8(ascii: "e"),
             UInt8(ascii: "p"), UInt8(ascii: "t"), UInt8(ascii: "r"), UInt8(ascii: "z"):
            throw SDPParseError(line: lineNumber, .misplacedLine(letter, "belongs before the first m= line"))
        default:
            throw SDPParseError(line: lineNumber, .unknownLineType(letter))
        }
    }

    private mutating func finish() throws(SDPParseError) -> SessionDescription {
        guard sawVersion else { throw SDPParseError(line: max(lineNumber, 1), .emptyDescription) }
        try requireSessionLines()
        if let currentMedia { session.media.append(currentMedia) }
        return session
    }

    /// Throws when `o=` or `s=` has not been read; fills them into the session otherwise.
    private mutating func requireSessionLines() throws(SDPParseError) {
        guard let origin else { throw SDPParseError(line: lineNumber, .missingLine("o")) }
        guard let sessionName else { throw SDPParseError(line: lineNumber, .missingLine("s")) }
        session.origin = origin
        session.sessionName = sessionName
    }

    /// Records a line that may appear once per section; throws on the second.
    private mutating func once(_ type: UInt8) throws(SDPParseError) {
        guard seenInSection.insert(type).inserted else {
            throw SDPParseError(line: lineNumber, .duplicateLine(String(UnicodeScalar(type))))
        }
    }

    func reader(_ range: Range<Int>, _ type: String) -> SDPFieldReader {
        SDPFieldReader(bytes: bytes, range: range, line: lineNumber, type: type)
    }
}
