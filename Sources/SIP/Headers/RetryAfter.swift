// The Retry-After header (RFC 3261 §20.33), sent with 503 by admission control.

/// A Retry-After value: `120 (overloaded);duration=3600`.
public struct RetryAfter: Hashable, Sendable {
    /// Seconds after which the client may retry.
    public var seconds: UInt32
    /// The comment between parentheses, without them, if any.
    public var comment: String?
    /// The parameters in order (`duration` and extensions).
    public var parameters: SIPParameters

    /// Creates a value.
    public init(seconds: UInt32, comment: String? = nil, parameters: SIPParameters = []) {
        self.seconds = seconds
        self.comment = comment
        self.parameters = parameters
    }

    /// Parses `delta-seconds [ comment ] *( SEMI retry-param )`.
    public init(_ string: String) throws(SIPParseError) {
        self = try SIPScanner.withScanner(over: string, headerName: .retryAfter) { (scanner: inout SIPScanner) throws(SIPParseError) in
            try RetryAfter.parse(&scanner)
        }
    }

    /// The `duration` parameter, nil when absent or malformed.
    public var duration: UInt32? {
        get { parameters["duration"].flatMap { UInt32($0) } }
        set { parameters["duration"] = newValue.map { String($0) } }
    }

    static func parse(_ scanner: inout SIPScanner) throws(SIPParseError) -> RetryAfter {
        scanner.skipLWS()
        let seconds = try scanner.readNumber(maximum: UInt64(UInt32.max), "bad delta-seconds")
        scanner.skipLWS()
        var comment: String?
        if scanner.peek() == ASCII.leftParenthesis {
            let start = scanner.index + 1
            var depth = 0
            repeat {
                guard let byte = scanner.peek() else { throw scanner.error(.invalidValue("unterminated comment")) }
                if byte == ASCII.backslash {
                    scanner.advance()
                } else if byte == ASCII.leftParenthesis {
                    depth += 1
                } else if byte == ASCII.rightParenthesis {
                    depth -= 1
                }
                scanner.advance()
            } while depth > 0
            comment = scanner.string(start..<(scanner.index - 1))
        }
        let parameters = try scanner.readHeaderParameters()
        try scanner.expectEnd("unexpected text after value")
        return RetryAfter(seconds: UInt32(seconds), comment: comment, parameters: parameters)
    }
}

extension RetryAfter: SIPSerializable {
    /// Appends `seconds [(comment)];params`.
    public func serialize(into buffer: inout [UInt8]) {
        buffer.appendDecimal(Int(seconds))
        if let comment {
            buffer.append(ascii: " (")
            for byte in comment.utf8 where byte != ASCII.cr && byte != ASCII.lf {
                if byte == ASCII.leftParenthesis || byte == ASCII.rightParenthesis || byte == ASCII.backslash {
                    buffer.append(ASCII.backslash)
                }
                buffer.append(byte)
            }
            buffer.append(ASCII.rightParenthesis)
        }
        parameters.serialize(into: &buffer)
    }
}
