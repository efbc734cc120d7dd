// A plain blocking socket for tests that must send bytes no well-behaved peer would send.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SIP

/// A UDP or TCP socket on 127.0.0.1 that sends raw bytes and reads SIP messages back, with a
/// receive timeout so a test never hangs. For garbage, truncated and oversized input.
public final class RawSIPSocket {
    /// UDP or TCP.
    public enum Kind: Sendable { case udp, tcp }

    private let fd: Int32
    private let kind: Kind
    private let port: Int
    private var framer = SIPStreamFramer(configuration: SIPMessageParser.Configuration(maxMessageSize: 1 << 20, maxHeaderCount: 20_000, maxHeaderLineLength: 1 << 20))
    /// The local port the socket is bound to.
    public private(set) var localPort: Int = 0

    /// Opens a socket from `localHost` (any 127.0.0.0/8 address) to 127.0.0.1:`port`
    /// (connecting for TCP) with a receive timeout.
    public init(_ kind: Kind, port: Int, localHost: String = "127.0.0.1", receiveTimeout: Duration = .seconds(2)) throws {
        self.kind = kind
        self.port = port
        #if canImport(Glibc)
        let type = Int32(kind == .udp ? SOCK_DGRAM.rawValue : SOCK_STREAM.rawValue)
        #else
        let type = kind == .udp ? SOCK_DGRAM : SOCK_STREAM
        #endif
        fd = socket(AF_INET, type, 0)
        guard fd >= 0 else { throw RawSocketError.failed("socket") }
        var timeout = timeval(tv_sec: Int(receiveTimeout.components.seconds), tv_usec: Int(receiveTimeout.components.attoseconds / 1_000_000_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var local = Self.address(port: 0, host: localHost)
        _ = withUnsafePointer(to: &local) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &local) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        localPort = Int(UInt16(bigEndian: local.sin_port))
        if kind == .tcp {
            var remote = Self.address(port: port)
            let result = withUnsafePointer(to: &remote) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
            guard result == 0 else {
                close(fd)
                throw RawSocketError.failed("connect")
            }
        }
    }

    deinit { close(fd) }

    /// Sends `bytes` (one datagram over UDP; written to the stream over TCP).
    @discardableResult
    public func send(_ bytes: [UInt8]) -> Bool {
        switch kind {
        case .udp:
            var remote = Self.address(port: port)
            let sent = bytes.withUnsafeBytes { buffer in
                withUnsafePointer(to: &remote) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        sendto(fd, buffer.baseAddress, buffer.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                    }
                }
            }
            return sent == bytes.count
        case .tcp:
            var offset = 0
            while offset < bytes.count {
                let sent = bytes[offset...].withUnsafeBytes { Self.streamSend(fd, $0) }
                if sent <= 0 { return false }
                offset += sent
            }
            return true
        }
    }

    /// Sends the UTF-8 of `text`.
    @discardableResult
    public func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    /// The next SIP message received, or nil on timeout or a closed connection.
    public func receive() -> SIPMessage? {
        var buffer = [UInt8](repeating: 0, count: 70_000)
        while true {
            if kind == .tcp, let frame = try? framer.next(), case .message(let message) = frame { return message }
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return nil }
            switch kind {
            case .udp:
                return try? SIPMessage.parse(Array(buffer[0..<count]), configuration: .init(maxMessageSize: 1 << 20))
            case .tcp:
                framer.append(buffer[0..<count])
            }
        }
    }

    /// The next response received, skipping requests, or nil on timeout.
    public func receiveResponse() -> SIPResponse? {
        while let message = receive() {
            if case .response(let response) = message { return response }
        }
        return nil
    }

    /// Whether the peer closed a TCP connection (reads end of stream within the timeout).
    public func isClosedByPeer() -> Bool {
        var byte: UInt8 = 0
        while true {
            let count = recv(fd, &byte, 1, 0)
            if count == 0 { return true }
            if count < 0 { return false }
        }
    }

    private static func streamSend(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> Int {
        #if canImport(Glibc)
        return Glibc.send(fd, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL))
        #else
        return Darwin.send(fd, buffer.baseAddress, buffer.count, 0)
        #endif
    }

    private static func address(port: Int, host: String = "127.0.0.1") -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr(host)
        return address
    }
}

/// A socket call failed.
public enum RawSocketError: Error, Sendable {
    case failed(String)
}
