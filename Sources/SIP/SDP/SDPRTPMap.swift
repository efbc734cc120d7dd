// The `a=rtpmap` attribute: which codec an RTP payload type number stands for.

/// `a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]`
/// (RFC 8866 §6.6), e.g. `101 telephone-event/8000` or `111 opus/48000/2`.
public struct SDPRTPMap: Hashable, Sendable {
    /// The RTP payload type, 0-127.
    public var payloadType: UInt8
    /// The encoding name as written (`PCMU`, `telephone-event`); compare it ignoring case.
    public var encodingName: String
    /// The RTP clock rate in Hz.
    public var clockRate: Int
    /// For audio, the number of channels (`2` in `opus/48000/2`); nil means one.
    public var encodingParameters: String?

    /// Creates an rtpmap value.
    public init(payloadType: UInt8, encodingName: String, clockRate: Int, encodingParameters: String? = nil) {
        self.payloadType = payloadType
        self.encodingName = encodingName
        self.clockRate = clockRate
        self.encodingParameters = encodingParameters
    }
}

extension SDPRTPMap: SIPSerializable {
    /// Appends `0 PCMU/8000` (without `a=rtpmap:`).
    public func serialize(into buffer: inout [UInt8]) {
        buffer.appendDecimal(Int(payloadType))
        buffer.append(ASCII.space)
        buffer.appendUTF8(encodingName)
        buffer.append(ASCII.slash)
        buffer.appendDecimal(clockRate)
        if let encodingParameters {
            buffer.append(ASCII.slash)
            buffer.appendUTF8(encodingParameters)
        }
    }
}

/// `a=fmtp:<format> <format specific parameters>` (RFC 8866 §6.15), e.g. `101 0-16`.
public struct SDPFormatParameters: Hashable, Sendable {
    /// The format (payload type for RTP) the parameters apply to.
    public var format: String
    /// The parameters, kept as written (`0-16`, `annexb=no`, `profile-level-id=42e01f;...`).
    public var parameters: String

    /// Creates an fmtp value.
    public init(format: String, parameters: String) {
        self.format = format
        self.parameters = parameters
    }
}

extension SDPFormatParameters: SIPSerializable {
    /// Appends `101 0-16` (without `a=fmtp:`).
    public func serialize(into buffer: inout [UInt8]) {
        buffer.appendUTF8(format)
        if !parameters.isEmpty {
            buffer.append(ASCII.space)
            buffer.appendUTF8(parameters)
        }
    }
}

/// `a=rtcp:<port> [<nettype> <addrtype> <address>]` (RFC 3605): where the peer receives RTCP
/// when that is not the RTP port plus one.
public struct SDPRTCPAttribute: Hashable, Sendable {
    /// The RTCP port.
    public var port: UInt16
    /// The RTCP address, when it differs from the connection address.
    public var address: SDPAddress?

    /// Creates an rtcp value.
    public init(port: UInt16, address: SDPAddress? = nil) {
        self.port = port
        self.address = address
    }
}

extension SDPRTCPAttribute: SIPSerializable {
    /// Appends `53021 IN IP4 192.0.2.1` (without `a=rtcp:`).
    public func serialize(into buffer: inout [UInt8]) {
        buffer.appendDecimal(Int(port))
        if let address {
            buffer.append(ASCII.space)
            address.serialize(into: &buffer)
        }
    }
}
