// Writing requests and responses back to bytes.

extension SIPRequest {
    /// Appends the request as sent on the wire: Request-Line, the header fields in order,
    /// an empty line and the body.
    ///
    /// Header names keep the spelling they were received with (compact forms included);
    /// folded values are written on one line (RFC 3261 §7.3.1 makes that equivalent); the
    /// Content-Length value always states the body's size, and is added when missing.
    public func serialize(into buffer: inout [UInt8]) {
        buffer.reserveCapacity(buffer.count + headers.storage.count + body.count + 96)
        method.serialize(into: &buffer)
        buffer.append(ASCII.space)
        uri.serialize(into: &buffer)
        buffer.append(ASCII.space)
        version.serialize(into: &buffer)
        buffer.append(ascii: "\r\n")
        headers.serializeFields(into: &buffer, bodyCount: body.count)
        buffer.append(ascii: "\r\n")
        buffer.append(contentsOf: body)
    }
}

extension SIPResponse {
    /// Appends the response as sent on the wire: Status-Line, the header fields in order,
    /// an empty line and the body (see ``SIPRequest/serialize(into:)``).
    public func serialize(into buffer: inout [UInt8]) {
        buffer.reserveCapacity(buffer.count + headers.storage.count + body.count + 64)
        version.serialize(into: &buffer)
        buffer.append(ASCII.space)
        buffer.appendDecimal(status.code)
        buffer.append(ASCII.space)
        for byte in reasonPhrase.utf8 where byte != ASCII.cr && byte != ASCII.lf {
            buffer.append(byte)
        }
        buffer.append(ascii: "\r\n")
        headers.serializeFields(into: &buffer, bodyCount: body.count)
        buffer.append(ascii: "\r\n")
        buffer.append(contentsOf: body)
    }
}

extension SIPHeaders: SIPSerializable {
    /// Appends every field as a `Name: value` line ending in CRLF.
    public func serialize(into buffer: inout [UInt8]) {
        serializeFields(into: &buffer, bodyCount: nil)
    }

    /// Appends the header lines; with `bodyCount`, Content-Length states it (added if absent).
    func serializeFields(into buffer: inout [UInt8], bodyCount: Int?) {
        let contentLengthID = SIPHeaderName.contentLength.knownID
        var wroteContentLength = false
        storage.withUnsafeBufferPointer { bytes in
            for field in fields {
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[field.nameRange]))
                buffer.append(ASCII.colon)
                buffer.append(ASCII.space)
                if field.knownID == contentLengthID, let bodyCount {
                    buffer.appendDecimal(bodyCount)
                    wroteContentLength = true
                } else if field.isFolded {
                    Self.appendUnfolded(bytes, field.valueRange, to: &buffer)
                } else {
                    buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[field.valueRange]))
                }
                buffer.append(ASCII.cr)
                buffer.append(ASCII.lf)
            }
        }
        if let bodyCount, !wroteContentLength {
            buffer.append(ascii: "Content-Length: ")
            buffer.appendDecimal(bodyCount)
            buffer.append(ascii: "\r\n")
        }
    }
}
