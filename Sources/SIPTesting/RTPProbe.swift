// The media end of a SIPp party in end-to-end tests: sends a test tone and RFC 4733 digits,
// and counts what arrives, so a test can assert who heard whom.

import Foundation
import Synchronization

/// A UDP RTP endpoint on 127.0.0.1 that a SIPp caller's or agent's SDP points at.
///
/// SIPp does the signalling; the probe does the media. It answers symmetric RTP: it sends to
/// the address the latest packet came from (kefu sends prompts or bridged audio first; a
/// phone's second call comes from a new kefu port, and the probe follows it), every
/// 20 ms a PCMU frame of its own tone (a multiple of 50 Hz, so the other side can tell who it
/// hears), and RFC 4733 events (payload type 101: eight updates 20 ms apart, then three end
/// packets, like SIPp's shipped `dtmf_2833_*.pcap`) for each queued digit. Everything received
/// is decoded (PCMU or PCMA) and counted per 20 ms packet: loud packets and the probe
/// frequencies they carry.
public final class RTPProbe: @unchecked Sendable {
    /// What the probe has seen so far.
    public struct Statistics: Sendable, CustomStringConvertible {
        /// RTP packets received.
        public var packetsReceived = 0
        /// Audio packets received, by loudness and tone.
        public var audio = ToneAnalysis.BlockCounts()
        /// RTP packets sent (audio and events).
        public var packetsSent = 0
        /// Digits sent completely.
        public var digitsSent = ""
        /// Where the probe sends (the latest packet's source), once known.
        public var peer: String?

        public var description: String {
            "received \(packetsReceived) RTP (\(audio)), sent \(packetsSent), digits sent '\(digitsSent)', peer \(peer ?? "none")"
        }
    }

    private struct State {
        var statistics = Statistics()
        var peer: sockaddr_in?
        var pendingDigits: [Character] = []
        var stopped = false
    }

    /// The local RTP port (put it in the SDP).
    public let port: Int
    /// The tone this probe sends, in Hz (0 for silence).
    public let toneFrequency: Int
    /// The frequencies counted in received audio.
    public let listensFor: [Int]
    private let fd: Int32
    private let state = Mutex(State())
    private let finished = DispatchSemaphore(value: 0)

    /// Opens the socket on a free port and starts sending and receiving.
    public init(toneFrequency: Int, listensFor: [Int]) throws {
        self.toneFrequency = toneFrequency
        self.listensFor = listensFor
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_DGRAM, 0)
        #endif
        guard descriptor >= 0 else { throw RawSocketError.failed("socket") }
        var port = 0
        for _ in 0..<20 where port == 0 {
            let candidate = RTPPortRange.free(count: 2).lowerBound
            var address = Self.loopback(port: candidate)
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            if result == 0 { port = candidate }
        }
        guard port > 0 else {
            close(descriptor)
            throw RawSocketError.failed("bind")
        }
        fd = descriptor
        self.port = port
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        let thread = Thread { [self] in run() }
        thread.name = "RTPProbe \(port)"
        thread.start()
    }

    deinit {
        close(fd)
    }

    /// Stops sending and receiving (idempotent) and closes nothing: `deinit` does.
    public func stop() {
        let wasRunning = state.withLock { state in
            defer { state.stopped = true }
            return !state.stopped
        }
        if wasRunning { finished.wait() }
    }

    /// Queues `digits` (0-9, *, #, A-D) to send as RFC 4733 events, one after the other.
    public func send(digits: String) {
        state.withLock { $0.pendingDigits += Array(digits) }
    }

    /// A snapshot of what has been seen.
    public var statistics: Statistics { state.withLock { $0.statistics } }

    /// Waits until `condition` holds for the statistics, or `timeout` passes; returns
    /// whether it held.
    public func wait(timeout: Duration, until condition: (Statistics) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition(statistics) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return condition(statistics)
    }

    // MARK: the media thread

    private func run() {
        var sender = Sender(toneFrequency: toneFrequency)
        var nextSend = ContinuousClock.now
        var buffer = [UInt8](repeating: 0, count: 2048)
        while !state.withLock({ $0.stopped }) {
            receiveAll(into: &buffer)
            let now = ContinuousClock.now
            if now >= nextSend {
                nextSend = max(nextSend + .milliseconds(20), now - .milliseconds(100))
                sendOne(&sender)
            }
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let milliseconds = (nextSend - ContinuousClock.now) / .milliseconds(1)
            _ = poll(&descriptor, 1, Int32(min(max(milliseconds, 1), 20)))
        }
        finished.signal()
    }

    private func receiveAll(into buffer: inout [UInt8]) {
        while true {
            var source = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let count = buffer.withUnsafeMutableBytes { bytes in
                withUnsafeMutablePointer(to: &source) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(fd, bytes.baseAddress, bytes.count, 0, $0, &length) }
                }
            }
            guard count > 0 else { return }
            record(Array(buffer[0..<count]), from: source)
        }
    }

    private func record(_ packet: [UInt8], from source: sockaddr_in) {
        guard packet.count >= 12, packet[0] >> 6 == 2 else { return }
        let csrcCount = Int(packet[0] & 0x0F)
        var offset = 12 + 4 * csrcCount
        if packet[0] & 0x10 != 0, packet.count >= offset + 4 {
            offset += 4 + 4 * (Int(packet[offset + 2]) << 8 | Int(packet[offset + 3]))
        }
        let payloadType = packet[1] & 0x7F
        var samples: [Int16] = []
        if offset < packet.count, payloadType == 0 || payloadType == 8 {
            samples = packet[offset...].map { payloadType == 0 ? ToneAnalysis.linear(mulaw: $0) : ToneAnalysis.linear(alaw: $0) }
        }
        state.withLock { state in
            state.statistics.packetsReceived += 1
            if state.peer?.sin_port != source.sin_port || state.peer?.sin_addr.s_addr != source.sin_addr.s_addr {
                state.peer = source
                state.statistics.peer = "127.0.0.1:\(UInt16(bigEndian: source.sin_port))"
            }
            if !samples.isEmpty {
                ToneAnalysis.add(samples[...], frequencies: listensFor, to: &state.statistics.audio)
            }
        }
    }

    private func sendOne(_ sender: inout Sender) {
        let (peer, digit) = state.withLock { state -> (sockaddr_in?, Character?) in
            if sender.idle, !state.pendingDigits.isEmpty { return (state.peer, state.pendingDigits.removeFirst()) }
            return (state.peer, nil)
        }
        if let digit { sender.start(digit) }
        guard var peer else { return }
        let (packet, finishedDigit) = sender.next()
        let sent = packet.withUnsafeBytes { bytes in
            withUnsafePointer(to: &peer) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, bytes.baseAddress, bytes.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
        state.withLock { state in
            if sent > 0 { state.statistics.packetsSent += 1 }
            if let finishedDigit { state.statistics.digitsSent.append(finishedDigit) }
        }
    }

    static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}

/// The RTP packets one probe sends: PCMU tone frames, or an RFC 4733 event in progress.
struct RTPProbeSender {
    private let toneFrequency: Int
    private var sequence = UInt16.random(in: 0...UInt16.max)
    private var timestamp = UInt32.random(in: 0...UInt32.max / 2)
    private let ssrc = UInt32.random(in: 1...UInt32.max)
    private var phase = 0.0
    private var event: (digit: Character, code: UInt8, step: Int, timestamp: UInt32)?
    private var firstPacket = true

    init(toneFrequency: Int) {
        self.toneFrequency = toneFrequency
    }

    /// True when no event is being sent.
    var idle: Bool { event == nil }

    /// Starts sending `digit` as an event from the next packet on.
    mutating func start(_ digit: Character) {
        guard let code = Self.eventCode(digit) else { return }
        event = (digit, code, 0, timestamp)
    }

    /// The next packet, and the digit whose last end packet it is.
    mutating func next() -> ([UInt8], Character?) {
        defer { sequence &+= 1 }
        if var current = event {
            // Eight updates 20 ms apart, then the end flag three times with the final duration.
            let updates = 8
            let step = current.step
            let ending = step >= updates
            let duration = UInt16(min(step + 1, updates) * 160)
            let marker = step == 0
            var packet = header(payloadType: 101, marker: marker, timestamp: current.timestamp)
            packet += [current.code, (ending ? 0x80 : 0) | 10, UInt8(duration >> 8), UInt8(duration & 0xFF)]
            current.step += 1
            timestamp &+= ending ? 0 : 160
            if current.step >= updates + 3 {
                event = nil
                timestamp &+= 160
                return (packet, current.digit)
            }
            event = current
            return (packet, nil)
        }
        var packet = header(payloadType: 0, marker: firstPacket, timestamp: timestamp)
        firstPacket = false
        let step = 2 * Double.pi * Double(toneFrequency) / 8000
        for _ in 0..<160 {
            let sample = toneFrequency == 0 ? 0 : Int16(8000 * sin(phase))
            phase += step
            if phase > 2 * Double.pi { phase -= 2 * Double.pi }
            packet.append(ToneAnalysis.mulaw(sample))
        }
        timestamp &+= 160
        return (packet, nil)
    }

    private func header(payloadType: UInt8, marker: Bool, timestamp: UInt32) -> [UInt8] {
        [0x80, (marker ? 0x80 : 0) | payloadType, UInt8(sequence >> 8), UInt8(sequence & 0xFF),
         UInt8(timestamp >> 24), UInt8((timestamp >> 16) & 0xFF), UInt8((timestamp >> 8) & 0xFF), UInt8(timestamp & 0xFF),
         UInt8(ssrc >> 24), UInt8((ssrc >> 16) & 0xFF), UInt8((ssrc >> 8) & 0xFF), UInt8(ssrc & 0xFF)]
    }

    /// The RFC 4733 event code of a key.
    static func eventCode(_ digit: Character) -> UInt8? {
        switch digit {
        case "0"..."9": return UInt8(String(digit))
        case "*": return 10
        case "#": return 11
        case "A", "a": return 12
        case "B", "b": return 13
        case "C", "c": return 14
        case "D", "d": return 15
        default: return nil
        }
    }
}

extension RTPProbe {
    typealias Sender = RTPProbeSender
}
