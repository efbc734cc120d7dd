// The grammar of each SDP line type (RFC 8866 §5), field by field.

extension SDPParser {
    /// `o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>`.
    func parseOrigin(_ value: Range<Int>) throws(SDPParseError) -> SDPOrigin {
        var fields = reader(value, "o")
        let username = try fields.next("username", "a user name or -")
        let sessionID = try fields.next("sess-id", "a numeric session id")
        let version = try fields.nextNumber("sess-version", "a decimal version number below 2^64")
        let address = try parseAddress(&fields, allowMulticast: false).address
        try fields.expectEnd("unicast-address")
        return SDPOrigin(username: username, sessionID: sessionID, sessionVersion: version, address: address)
    }

    /// `c=<nettype> <addrtype> <connection-address>`.
    func parseConnection(_ value: Range<Int>) throws(SDPParseError) -> SDPConnection {
        var fields = reader(value, "c")
        let connection = try parseAddress(&fields, allowMulticast: true)
        try fields.expectEnd("connection-address")
        return connection
    }

    /// `<nettype> <addrtype> <address>[/<ttl>][/<count>]`, checking IPv4 and IPv6 literals.
    func parseAddress(_ fields: inout SDPFieldReader, allowMulticast: Bool) throws(SDPParseError) -> SDPConnection {
        let networkType = try fields.next("nettype", "a network type such as IN")
        let addressType = SDPAddressType(try fields.next("addrtype", "IP4 or IP6"))
        let range = try fields.nextRange("address", "an address")
        if case .other = addressType {
            return SDPConnection(SDPAddress(fields.string(range), type: addressType, networkType: networkType))
        }
        let parts = fields.bytes[range].split(separator: ASCII.slash, omittingEmptySubsequences: false)
        let host = Array(parts[0])
        let isIPv6 = addressType == .ip6
        let expected = isIPv6 ? "an IPv6 address or a host name" : "an IPv4 address or a host name"
        if isIPv6, host.contains(ASCII.colon) {
            guard IPAddressSyntax.isIPv6(host) else { throw fields.error("address", expected) }
        } else if host.allSatisfy({ $0 == ASCII.dot || $0 &- ASCII.zero < 10 }) {
            guard !isIPv6, IPAddressSyntax.isIPv4(host) else { throw fields.error("address", expected) }
        } else {
            guard IPAddressSyntax.isHostName(host) else { throw fields.error("address", expected) }
        }
        let address = SDPAddress(String(decoding: host, as: UTF8.self), type: addressType, networkType: networkType)
        guard parts.count > 1 else { return SDPConnection(address) }
        guard allowMulticast, parts.count <= (isIPv6 ? 2 : 3) else {
            throw fields.error("address", allowMulticast ? "at most \(isIPv6 ? "one /<count>" : "/<ttl>/<count>") after the address" : "a unicast address")
        }
        var numbers: [Int] = []
        for part in parts.dropFirst() {
            guard let number = fields.number(part.startIndex..<part.endIndex), number <= 1_000_000 else {
                throw fields.error("address", "a decimal TTL or address count after /")
            }
            numbers.append(Int(number))
        }
        if isIPv6 { return SDPConnection(address, numberOfAddresses: numbers[0]) }
        guard numbers[0] <= 255 else { throw fields.error("address", "a TTL from 0 to 255 after /") }
        return SDPConnection(address, ttl: numbers[0], numberOfAddresses: numbers.count > 1 ? numbers[1] : nil)
    }

    /// `b=<bwtype>:<bandwidth>`.
    func parseBandwidth(_ value: Range<Int>) throws(SDPParseError) -> SDPBandwidth {
        let fields = reader(value, "b")
        guard let colon = bytes[value].firstIndex(of: ASCII.colon), colon > value.lowerBound,
              let bandwidth = fields.number((colon + 1)..<value.upperBound) else {
            throw fields.error("bandwidth", "<type>:<decimal kilobits per second>")
        }
        return SDPBandwidth(type: fields.string(value.lowerBound..<colon), value: bandwidth)
    }

    /// `t=<start-time> <stop-time>`.
    func parseTiming(_ value: Range<Int>) throws(SDPParseError) -> SDPTiming {
        var fields = reader(value, "t")
        let start = try fields.nextNumber("start-time", "a decimal NTP time")
        let stop = try fields.nextNumber("stop-time", "a decimal NTP time")
        try fields.expectEnd("stop-time")
        return SDPTiming(start: start, stop: stop)
    }

    /// `r=<repeat interval> <active duration> <offsets from start-time>`.
    func parseRepeat(_ value: Range<Int>) throws(SDPParseError) -> SDPRepeatTimes {
        var fields = reader(value, "r")
        var times: [String] = []
        while !fields.isAtEnd() {
            let range = try fields.nextRange("typed-time", "a typed time")
            guard fields.isTypedTime(range, signed: false) else { throw fields.error("typed-time", "a number with an optional unit d, h, m or s") }
            times.append(fields.string(range))
        }
        guard times.count >= 3 else { throw fields.error("offsets", "an interval, a duration and at least one offset") }
        return SDPRepeatTimes(interval: times[0], activeDuration: times[1], offsets: Array(times.dropFirst(2)))
    }

    /// `z=<adjustment time> <offset> <adjustment time> <offset> ...`.
    func parseTimeZones(_ value: Range<Int>) throws(SDPParseError) -> [SDPTimeZoneAdjustment] {
        var fields = reader(value, "z")
        var adjustments: [SDPTimeZoneAdjustment] = []
        repeat {
            let time = try fields.nextNumber("adjustment time", "a decimal NTP time")
            let range = try fields.nextRange("offset", "a typed time offset")
            guard fields.isTypedTime(range, signed: true) else { throw fields.error("offset", "a typed time such as -1h") }
            adjustments.append(SDPTimeZoneAdjustment(time: time, offset: fields.string(range)))
        } while !fields.isAtEnd()
        return adjustments
    }

    /// `m=<media> <port>[/<number of ports>] <proto> <fmt> ...`.
    func parseMedia(_ value: Range<Int>) throws(SDPParseError) -> MediaDescription {
        var fields = reader(value, "m")
        let media = try fields.next("media", "a media type such as audio")
        let portRange = try fields.nextRange("port", "a port from 0 to 65535")
        let portParts = bytes[portRange].split(separator: ASCII.slash, maxSplits: 1, omittingEmptySubsequences: false)
        guard let port = fields.number(portParts[0].startIndex..<portParts[0].endIndex), port <= 65535 else {
            throw fields.error("port", "a port from 0 to 65535")
        }
        var numberOfPorts: Int?
        if portParts.count > 1 {
            guard let number = fields.number(portParts[1].startIndex..<portParts[1].endIndex), number >= 1, number <= 65535 else {
                throw fields.error("port", "a number of ports from 1 to 65535 after /")
            }
            numberOfPorts = Int(number)
        }
        let proto = try fields.next("proto", "a transport protocol such as RTP/AVP")
        var formats: [String] = []
        while !fields.isAtEnd() { formats.append(try fields.next("fmt", "a format")) }
        return MediaDescription(media: SDPMediaType(rawValue: media), port: UInt16(port), numberOfPorts: numberOfPorts, proto: proto, formats: formats)
    }
}
