// The grammar of `a=` lines: typed attributes are checked, every other one kept as written.

extension SDPParser {
    /// `a=<name>` or `a=<name>:<value>`.
    func parseAttribute(_ value: Range<Int>) throws(SDPParseError) -> SDPAttribute {
        let colon = bytes[value].firstIndex(of: ASCII.colon)
        var nameEnd = colon ?? value.upperBound
        if colon == nil {
            while nameEnd > value.lowerBound, bytes[nameEnd - 1] == ASCII.space || bytes[nameEnd - 1] == ASCII.tab { nameEnd -= 1 }
        }
        let nameRange = value.lowerBound..<nameEnd
        let fields = reader(value, "a")
        guard !nameRange.isEmpty, !bytes[nameRange].contains(where: { $0 == ASCII.space || $0 == ASCII.tab }) else {
            throw fields.error("attribute", "a name without spaces, then an optional :value")
        }
        let name = fields.string(nameRange)
        let valueRange = colon.map { ($0 + 1)..<value.upperBound }
        switch name {
        case "rtpmap":
            return .rtpmap(try parseRTPMap(valueRange))
        case "fmtp":
            return .fmtp(try parseFormatParameters(valueRange))
        case "ptime", "maxptime":
            let milliseconds = try parseMilliseconds(valueRange, name)
            return name == "ptime" ? .ptime(milliseconds) : .maxptime(milliseconds)
        case "rtcp":
            return .rtcp(try parseRTCP(valueRange))
        default:
            if let direction = SDPDirection(rawValue: name) { return .direction(direction) }
            return .other(name: name, value: valueRange.map { fields.string($0) })
        }
    }

    /// `<payload type> <encoding name>/<clock rate>[/<encoding parameters>]`.
    private func parseRTPMap(_ value: Range<Int>?) throws(SDPParseError) -> SDPRTPMap {
        var fields = reader(value ?? 0..<0, "a=rtpmap")
        let payloadType = try fields.nextNumber("payload type", "a payload type from 0 to 127", maximum: 127)
        let expected = "<encoding name>/<clock rate>[/<channels>]"
        let encoding = try fields.nextRange("encoding", expected)
        try fields.expectEnd("encoding")
        let parts = bytes[encoding].split(separator: ASCII.slash, maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, !parts[0].isEmpty,
              let clockRate = fields.number(parts[1].startIndex..<parts[1].endIndex), clockRate > 0, clockRate <= UInt32.max else {
            throw fields.error("encoding", expected)
        }
        var encodingParameters: String?
        if parts.count == 3 {
            guard !parts[2].isEmpty else { throw fields.error("encoding", expected) }
            encodingParameters = fields.string(parts[2].startIndex..<parts[2].endIndex)
        }
        return SDPRTPMap(
            payloadType: UInt8(payloadType),
            encodingName: fields.string(parts[0].startIndex..<parts[0].endIndex),
            clockRate: Int(clockRate),
            encodingParameters: encodingParameters
        )
    }

    /// `<format> <format specific parameters>`; the parameters are kept as written.
    private func parseFormatParameters(_ value: Range<Int>?) throws(SDPParseError) -> SDPFormatParameters {
        var fields = reader(value ?? 0..<0, "a=fmtp")
        let format = try fields.next("format", "a format, then its parameters")
        return SDPFormatParameters(format: format, parameters: fields.rest())
    }

    /// A whole number of milliseconds, 1 to 100000; a decimal fraction (`20.0`) is dropped.
    private func parseMilliseconds(_ value: Range<Int>?, _ name: String) throws(SDPParseError) -> Int {
        var fields = reader(value ?? 0..<0, "a=\(name)")
        let expected = "milliseconds from 1 to 100000"
        let range = try fields.nextRange("packet time", expected)
        try fields.expectEnd("packet time")
        let dot = bytes[range].firstIndex(of: ASCII.dot) ?? range.upperBound
        if dot < range.upperBound, fields.number((dot + 1)..<range.upperBound) == nil { throw fields.error("packet time", expected) }
        guard let milliseconds = fields.number(range.lowerBound..<dot), milliseconds >= 1, milliseconds <= 100_000 else {
            throw fields.error("packet time", expected)
        }
        return Int(milliseconds)
    }

    /// `<port> [<nettype> <addrtype> <connection-address>]` (RFC 3605).
    private func parseRTCP(_ value: Range<Int>?) throws(SDPParseError) -> SDPRTCPAttribute {
        var fields = reader(value ?? 0..<0, "a=rtcp")
        let port = try fields.nextNumber("port", "a port from 0 to 65535", maximum: 65535)
        guard !fields.isAtEnd() else { return SDPRTCPAttribute(port: UInt16(port)) }
        let address = try parseAddress(&fields, allowMulticast: false).address
        try fields.expectEnd("connection-address")
        return SDPRTCPAttribute(port: UInt16(port), address: address)
    }
}
