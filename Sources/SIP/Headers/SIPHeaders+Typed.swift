// Typed header accessors, parsed on demand from the recorded value ranges.

extension SIPHeaders {
    // MARK: mandatory headers (throw `missingHeader` when absent)

    /// Every Via value, top first, across all Via fields and comma lists.
    public var via: [Via] {
        get throws(SIPParseError) { try parseEach(.via, Via.parseList) }
    }

    /// The topmost Via value; throws `missingHeader` when there is none.
    public var topVia: Via {
        get throws(SIPParseError) {
            guard let index = firstIndex(of: .via) else { throw missing(.via) }
            return try parse(at: index, .via) { (scanner: inout SIPScanner) throws(SIPParseError) in
                let via = try Via.parse(&scanner)
                scanner.skipLWS()
                if !scanner.isAtEnd, !scanner.consume(ASCII.comma) {
                    throw scanner.error(.invalidValue("unexpected text after value"))
                }
                scanner.index = scanner.end
                return via
            }
        }
    }

    /// The From address; throws `missingHeader` when absent.
    public var from: NameAddress {
        get throws(SIPParseError) { try required(.from, NameAddress.parse) }
    }

    /// The To address; throws `missingHeader` when absent.
    public var to: NameAddress {
        get throws(SIPParseError) { try required(.to, NameAddress.parse) }
    }

    /// The Call-ID; throws `missingHeader` when absent.
    public var callID: SIPCallID {
        get throws(SIPParseError) { try required(.callID, SIPCallID.parse) }
    }

    /// The CSeq; throws `missingHeader` when absent.
    public var cseq: CSeq {
        get throws(SIPParseError) { try required(.cseq, CSeq.parse) }
    }

    // MARK: optional single-valued headers (nil when absent)

    /// Max-Forwards (0...255).
    public var maxForwards: Int? {
        get throws(SIPParseError) {
            try optional(.maxForwards) { (scanner: inout SIPScanner) throws(SIPParseError) in
                scanner.skipLWS()
                return Int(try scanner.readNumber(maximum: 255, "not a number from 0 to 255"))
            }
        }
    }

    /// Expires in seconds (RFC 3261 §20.19: a malformed value may be treated as 3600 by the caller).
    public var expires: UInt32? {
        get throws(SIPParseError) { try deltaSeconds(.expires) }
    }

    /// Min-Expires in seconds.
    public var minExpires: UInt32? {
        get throws(SIPParseError) { try deltaSeconds(.minExpires) }
    }

    /// Min-SE in seconds (RFC 4028); parameters are ignored.
    public var minSE: UInt32? {
        get throws(SIPParseError) {
            try optional(.minSE) { (scanner: inout SIPScanner) throws(SIPParseError) in
                scanner.skipLWS()
                let seconds = try scanner.readNumber(maximum: UInt64(UInt32.max), "bad delta-seconds")
                _ = try scanner.readHeaderParameters()
                return UInt32(seconds)
            }
        }
    }

    /// RSeq (RFC 3262).
    public var rseq: UInt32? {
        get throws(SIPParseError) { try deltaSeconds(.rseq) }
    }

    /// RAck (RFC 3262).
    public var rack: RAck? {
        get throws(SIPParseError) { try optional(.rack, RAck.parse) }
    }

    /// Content-Type.
    public var contentType: SIPMediaType? {
        get throws(SIPParseError) { try optional(.contentType, SIPMediaType.parse) }
    }

    /// Content-Length as written (the parser has already checked it).
    public var contentLength: Int? {
        get throws(SIPParseError) {
            try optional(.contentLength) { (scanner: inout SIPScanner) throws(SIPParseError) in
                scanner.skipLWS()
                return Int(try scanner.readNumber(maximum: 999_999_999, "not a number"))
            }
        }
    }

    /// Refer-To (RFC 3515).
    public var referTo: NameAddress? {
        get throws(SIPParseError) { try optional(.referTo, NameAddress.parse) }
    }

    /// Referred-By (RFC 3892).
    public var referredBy: NameAddress? {
        get throws(SIPParseError) { try optional(.referredBy, NameAddress.parse) }
    }

    /// Replaces (RFC 3891).
    public var replaces: Replaces? {
        get throws(SIPParseError) { try optional(.replaces, Replaces.parse) }
    }

    /// Session-Expires (RFC 4028).
    public var sessionExpires: SessionExpires? {
        get throws(SIPParseError) { try optional(.sessionExpires, SessionExpires.parse) }
    }

    /// Retry-After.
    public var retryAfter: RetryAfter? {
        get throws(SIPParseError) { try optional(.retryAfter, RetryAfter.parse) }
    }

    /// User-Agent text, as received.
    public var userAgent: String? { self[.userAgent] }

    /// Server text, as received.
    public var server: String? { self[.server] }

    /// Subject text, as received.
    public var subject: String? { self[.subject] }

    // MARK: list headers (empty when absent)

    /// Contact addresses; empty when absent or when the value is `*` (see ``isWildcardContact``).
    public var contact: [NameAddress] {
        get throws(SIPParseError) {
            guard !isWildcardContact else { return [] }
            return try parseEach(.contact, NameAddress.parseList)
        }
    }

    /// Whether a Contact field is `*` (un-register everything, RFC 3261 §10.2.2).
    public var isWildcardContact: Bool {
        values(for: .contact).contains { $0.trimmingLWS() == "*" }
    }

    /// Route addresses, top first.
    public var route: [NameAddress] {
        get throws(SIPParseError) { try parseEach(.route, NameAddress.parseList) }
    }

    /// Record-Route addresses, top first.
    public var recordRoute: [NameAddress] {
        get throws(SIPParseError) { try parseEach(.recordRoute, NameAddress.parseList) }
    }

    /// P-Asserted-Identity addresses (RFC 3325).
    public var pAssertedIdentity: [NameAddress] {
        get throws(SIPParseError) { try parseEach(.pAssertedIdentity, NameAddress.parseList) }
    }

    /// P-Preferred-Identity addresses (RFC 3325).
    public var pPreferredIdentity: [NameAddress] {
        get throws(SIPParseError) { try parseEach(.pPreferredIdentity, NameAddress.parseList) }
    }

    /// Diversion addresses (RFC 5806), most recent first; parameters such as `reason` and
    /// `counter` stay on each address.
    public var diversion: [NameAddress] {
        get throws(SIPParseError) { try parseEach(.diversion, NameAddress.parseList) }
    }

    /// History-Info entries (RFC 7044) with their `index` and other parameters.
    public var historyInfo: [NameAddress] {
        get throws(SIPParseError) { try parseEach(.historyInfo, NameAddress.parseList) }
    }

    /// Call-Info entries: `<uri>;purpose=...` or `<uri>;answer-after=0`.
    public var callInfo: [NameAddress] {
        get throws(SIPParseError) { try parseEach(.callInfo, NameAddress.parseList) }
    }

    /// Alert-Info entries: `<uri>;info=alert-autoanswer`.
    public var alertInfo: [NameAddress] {
        get throws(SIPParseError) { try parseEach(.alertInfo, NameAddress.parseList) }
    }

    /// Allow: the methods the sender supports.
    public var allow: [SIPMethod] {
        get throws(SIPParseError) { try tokens(.allow).map { SIPMethod(rawValue: $0) } }
    }

    /// Supported option tags.
    public var supported: [String] {
        get throws(SIPParseError) { try tokens(.supported) }
    }

    /// Require option tags.
    public var require: [String] {
        get throws(SIPParseError) { try tokens(.require) }
    }

    /// Proxy-Require option tags.
    public var proxyRequire: [String] {
        get throws(SIPParseError) { try tokens(.proxyRequire) }
    }

    /// Unsupported option tags.
    public var unsupported: [String] {
        get throws(SIPParseError) { try tokens(.unsupported) }
    }

    /// Accept media ranges.
    public var accept: [SIPMediaType] {
        get throws(SIPParseError) {
            try parseEach(.accept) { (scanner: inout SIPScanner) throws(SIPParseError) in
                try Self.list(&scanner, allowEmpty: true, SIPMediaType.parse)
            }
        }
    }

    /// Reason values (RFC 3326).
    public var reason: [SIPReason] {
        get throws(SIPParseError) { try parseEach(.reason, SIPReason.parseList) }
    }

    /// Privacy values (RFC 3323): `id`, `header`, `session`, `user`, `none`, `critical`.
    public var privacy: [String] {
        get throws(SIPParseError) {
            try parseEach(.privacy) { (scanner: inout SIPScanner) throws(SIPParseError) in
                var values: [String] = []
                repeat {
                    scanner.skipLWS()
                    values.append(scanner.string(try scanner.readToken("bad priv-value")))
                    scanner.skipLWS()
                } while scanner.consume(ASCII.semicolon)
                return values
            }
        }
    }

    // MARK: helpers

    func missing(_ name: SIPHeaderName) -> SIPParseError {
        SIPParseError(.missingHeader, offset: 0, headerName: name)
    }

    /// Runs `parse` over the value of the field at `index`; the value must be consumed entirely.
    func parse<T>(
        at index: Int,
        _ name: SIPHeaderName,
        _ parse: (inout SIPScanner) throws(SIPParseError) -> T
    ) throws(SIPParseError) -> T {
        let field = fields[index]
        let headerName = field.knownID == 0 ? self.name(at: index) : name
        return try storage.withUnsafeBufferPointer { (buffer) throws(SIPParseError) -> T in
            var scanner = SIPScanner(buffer, range: field.valueRange, headerName: headerName)
            let value = try parse(&scanner)
            try scanner.expectEnd("unexpected text after value")
            return value
        }
    }

    func required<T>(_ name: SIPHeaderName, _ parse: (inout SIPScanner) throws(SIPParseError) -> T) throws(SIPParseError) -> T {
        guard let index = firstIndex(of: name) else { throw missing(name) }
        return try self.parse(at: index, name, parse)
    }

    func optional<T>(_ name: SIPHeaderName, _ parse: (inout SIPScanner) throws(SIPParseError) -> T) throws(SIPParseError) -> T? {
        guard let index = firstIndex(of: name) else { return nil }
        return try self.parse(at: index, name, parse)
    }

    /// Concatenates the lists parsed from every field named `name`, in order.
    func parseEach<T>(_ name: SIPHeaderName, _ parseList: (inout SIPScanner) throws(SIPParseError) -> [T]) throws(SIPParseError) -> [T] {
        var values: [T] = []
        for index in fields.indices where matches(index, name) {
            values.append(contentsOf: try parse(at: index, name, parseList))
        }
        return values
    }

    private func deltaSeconds(_ name: SIPHeaderName) throws(SIPParseError) -> UInt32? {
        try optional(name) { (scanner: inout SIPScanner) throws(SIPParseError) in
            scanner.skipLWS()
            return UInt32(try scanner.readNumber(maximum: UInt64(UInt32.max), "not a number from 0 to 4294967295"))
        }
    }

    /// Comma-separated tokens from every field named `name`; an empty field is an empty list.
    private func tokens(_ name: SIPHeaderName) throws(SIPParseError) -> [String] {
        try parseEach(name) { (scanner: inout SIPScanner) throws(SIPParseError) in
            try Self.list(&scanner, allowEmpty: true) { (scanner: inout SIPScanner) throws(SIPParseError) in
                scanner.string(try scanner.readToken("bad token"))
            }
        }
    }

    /// A comma-separated list of elements read by `element`; an all-blank value is an empty
    /// list when `allowEmpty`, while empty elements between commas are always an error.
    static func list<T>(
        _ scanner: inout SIPScanner,
        allowEmpty: Bool,
        _ element: (inout SIPScanner) throws(SIPParseError) -> T
    ) throws(SIPParseError) -> [T] {
        scanner.skipLWS()
        if scanner.isAtEnd, allowEmpty { return [] }
        var values: [T] = []
        repeat {
            scanner.skipLWS()
            guard !scanner.isAtEnd, scanner.peek() != ASCII.comma else {
                throw scanner.error(.invalidValue("empty value"))
            }
            values.append(try element(&scanner))
            scanner.skipLWS()
            if scanner.isAtEnd { break }
            guard scanner.consume(ASCII.comma) else { throw scanner.error(.invalidValue("unexpected text after value")) }
        } while true
        return values
    }
}

extension String {
    /// The string without leading and trailing SP, HT, CR and LF.
    func trimmingLWS() -> Substring {
        let isLWS: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isLWS($0) }) else { return "" }
        let last = lastIndex(where: { !isLWS($0) })!
        return self[first...last]
    }
}
