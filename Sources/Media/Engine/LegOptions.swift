// What the call path tells the engine about a leg, taken from SDP offer/answer: where the
// peer's media goes, which payload types carry what, the packet time, and policies.

import Logging
import NIOCore

/// The audio codec of a leg and its payload type.
public struct AudioPayload: Sendable, Hashable {
    /// The payload type number from SDP (0 and 8 are the static PCMU and PCMA).
    public var payloadType: UInt8
    /// The G.711 law carried.
    public var law: G711Law

    /// Creates an audio payload mapping.
    public init(payloadType: UInt8, law: G711Law) {
        self.payloadType = payloadType
        self.law = law
    }

    /// PCMU on its static payload type 0.
    public static let pcmu = AudioPayload(payloadType: 0, law: .muLaw)
    /// PCMA on its static payload type 8.
    public static let pcma = AudioPayload(payloadType: 8, law: .aLaw)
}

/// The payload types negotiated for a leg.
public struct RTPPayloadMap: Sendable, Hashable {
    /// The audio codec used in both directions.
    public var audio: AudioPayload
    /// The telephone-event payload type (RFC 4733), if the peer accepts it.
    public var telephoneEvent: UInt8?
    /// The comfort-noise payload type (RFC 3389), ignored on receipt.
    public var comfortNoise: UInt8?

    /// Creates a payload map.
    public init(audio: AudioPayload, telephoneEvent: UInt8? = 101, comfortNoise: UInt8? = 13) {
        self.audio = audio
        self.telephoneEvent = telephoneEvent
        self.comfortNoise = comfortNoise
    }

    /// Checks that the numbers are RTP payload types and do not collide.
    public func validate() throws(MediaError) {
        let all = [audio.payloadType] + [telephoneEvent, comfortNoise].compactMap { $0 }
        guard all.allSatisfy({ $0 < 128 }) else { throw .invalidPayloadMap("payload types must be 0-127, got \(all)") }
        guard Set(all).count == all.count else { throw .invalidPayloadMap("payload types \(all) collide") }
        guard !(64...95).contains(audio.payloadType) else {
            throw .invalidPayloadMap("payload type \(audio.payloadType) clashes with RTCP packet types (RFC 5761)")
        }
    }
}

/// Where the peer said its media goes (SDP c= and m= lines).
public struct RemoteMedia: Sendable, Hashable {
    /// The peer's IP address.
    public var host: String
    /// The peer's RTP port (its RTCP port is this + 1 unless `rtcpPort` says otherwise).
    public var port: Int
    /// The peer's RTCP port from `a=rtcp`, if given.
    public var rtcpPort: Int?

    /// Creates a remote address.
    public init(host: String, port: Int, rtcpPort: Int? = nil) {
        self.host = host
        self.port = port
        self.rtcpPort = rtcpPort
    }

    func socketAddresses() throws(MediaError) -> (rtp: SocketAddress, rtcp: SocketAddress) {
        guard (1...65535).contains(port) else { throw .invalidRemoteAddress(host: host, port: port, reason: "port out of range") }
        do {
            let rtp = try SocketAddress(ipAddress: host, port: port)
            let rtcp = try SocketAddress(ipAddress: host, port: rtcpPort ?? min(port + 1, 65535))
            return (rtp, rtcp)
        } catch {
            throw .invalidRemoteAddress(host: host, port: port, reason: "not an IP address literal (\(error))")
        }
    }
}

/// Where replies go.
public enum LatchingMode: Sendable, Hashable {
    /// Symmetric RTP: send to the address the peer's packets come from (for agents behind
    /// NAT), falling back to the SDP address until the first packet arrives. Packets from other
    /// addresses are dropped unless the latched address has been silent for a second.
    case symmetric
    /// Always send to the SDP address; accept packets from anywhere.
    case signalled
}

/// Everything needed to open a leg.
public struct LegOptions: Sendable {
    /// The peer's media address, if known yet (an offer we send has none until the answer).
    public var remote: RemoteMedia?
    /// Payload types.
    public var payloads: RTPPayloadMap
    /// Milliseconds of audio per packet Kefu sends (10, 20, 30 or 40).
    public var packetTimeMilliseconds: Int
    /// Report `.rtpTimeout` after this long without RTP (nil: never). The clock starts once the
    /// remote address is known or media arrives.
    public var rtpTimeoutMilliseconds: Int?
    /// Look for DTMF tones in the received audio (costs CPU; for peers without RFC 4733 — a
    /// peer that sends both would have each digit reported twice).
    public var detectsInBandDTMF: Bool
    /// Symmetric latching or not.
    public var latching: LatchingMode
    /// Metadata for every log line of this leg (call id, tenant).
    public var logMetadata: Logger.Metadata

    /// Creates options; the defaults suit an agent softphone on PCMA with RFC 4733.
    public init(
        remote: RemoteMedia? = nil,
        payloads: RTPPayloadMap = RTPPayloadMap(audio: .pcma),
        packetTimeMilliseconds: Int = 20,
        rtpTimeoutMilliseconds: Int? = 30_000,
        detectsInBandDTMF: Bool = false,
        latching: LatchingMode = .symmetric,
        logMetadata: Logger.Metadata = [:]
    ) {
        self.remote = remote
        self.payloads = payloads
        self.packetTimeMilliseconds = packetTimeMilliseconds
        self.rtpTimeoutMilliseconds = rtpTimeoutMilliseconds
        self.detectsInBandDTMF = detectsInBandDTMF
        self.latching = latching
        self.logMetadata = logMetadata
    }

    func validate() throws(MediaError) {
        try payloads.validate()
        guard [10, 20, 30, 40].contains(packetTimeMilliseconds) else {
            throw .invalidPayloadMap("ptime \(packetTimeMilliseconds) ms is not supported: use 10, 20, 30 or 40")
        }
    }
}
