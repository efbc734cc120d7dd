// Free loopback ports for tests with real peers (SIPp, baresip): ask the kernel, never guess.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Picks ports on 127.0.0.1 that are free for both UDP and TCP at the time of asking.
public enum LoopbackPort {
    /// A port the kernel just handed out for UDP and that TCP can bind too.
    public static func free() -> Int {
        for _ in 0..<50 {
            let port = bindEphemeral(udp: true)
            if port > 0, canBind(port, udp: false) { return port }
        }
        return 0
    }

    /// `count` distinct free ports.
    public static func free(_ count: Int) -> [Int] {
        var ports: [Int] = []
        while ports.count < count {
            let port = free()
            if !ports.contains(port) { ports.append(port) }
        }
        return ports
    }

    /// Whether `port` on 127.0.0.1 can be bound for UDP right now (RTP ranges).
    public static func isFree(_ port: Int) -> Bool {
        canBind(port, udp: true)
    }

    /// Whether `port` on 127.0.0.1 can be bound for both UDP and TCP right now (a phone's
    /// second SIP port, which baresip opens for TLS).
    public static func isFreeForUDPAndTCP(_ port: Int) -> Bool {
        canBind(port, udp: true) && canBind(port, udp: false)
    }

    private static func socketType(udp: Bool) -> Int32 {
        #if canImport(Glibc)
        return Int32(udp ? SOCK_DGRAM.rawValue : SOCK_STREAM.rawValue)
        #else
        return udp ? SOCK_DGRAM : SOCK_STREAM
        #endif
    }

    private static func bindEphemeral(udp: Bool) -> Int {
        let fd = socket(AF_INET, socketType(udp: udp), 0)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { return 0 }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func canBind(_ port: Int, udp: Bool) -> Bool {
        let fd = socket(AF_INET, socketType(udp: udp), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }
}
