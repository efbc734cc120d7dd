// The leg's UDP sockets at the system-call level: Kefu binds them itself (so a taken port is
// skipped before NIO is involved) and sends RTP with one sendto() from a buffer the leg owns,
// while NIO's event loop does the receiving. The packet path then allocates nothing and skips
// the channel pipeline, which is where most of a relay's user-space time went.

import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a socket could not be made.
struct DatagramSocketError: Error, CustomStringConvertible {
    let operation: String
    let code: Int32

    var description: String { "\(operation) failed: errno \(code) (\(String(cString: strerror(code))))" }
}

enum DatagramSocket {
    /// A non-blocking UDP socket bound to `address`. The caller hands it to NIO, which closes it.
    static func bind(_ address: SocketAddress) throws -> CInt {
        let family: CInt
        switch address {
        case .v6: family = AF_INET6
        default: family = AF_INET
        }
        #if canImport(Glibc)
        let fd = socket(family, CInt(SOCK_DGRAM.rawValue) | CInt(SOCK_NONBLOCK.rawValue) | CInt(SOCK_CLOEXEC.rawValue), 0)
        #else
        let fd = socket(family, SOCK_DGRAM, 0)
        #endif
        guard fd >= 0 else { throw DatagramSocketError(operation: "socket", code: errno) }
        let result = address.withSockAddr { pointer, length in Glibc.bind(fd, pointer, socklen_t(length)) }
        guard result == 0 else {
            let code = errno
            close(fd)
            throw DatagramSocketError(operation: "bind \(address)", code: code)
        }
        return fd
    }

    /// Sends one datagram without blocking; false if the kernel refused it (full buffer,
    /// unreachable), in which case the packet is dropped as the network would drop it.
    @inline(__always)
    static func send(_ fd: CInt, _ bytes: UnsafeRawBufferPointer, to address: SocketAddress) -> Bool {
        address.withSockAddr { pointer, length in
            sendto(fd, bytes.baseAddress, bytes.count, CInt(MSG_DONTWAIT), pointer, socklen_t(length)) == bytes.count
        }
    }
}

extension RTPHeader {
    /// Writes the 12-byte fixed header at the start of `bytes` (version 2, no CSRCs).
    @inlinable
    func write(to bytes: UnsafeMutableRawBufferPointer) {
        bytes[0] = 0x80
        bytes[1] = payloadType & 0x7F | (marker ? 0x80 : 0)
        bytes[2] = UInt8(truncatingIfNeeded: sequenceNumber >> 8)
        bytes[3] = UInt8(truncatingIfNeeded: sequenceNumber)
        bytes[4] = UInt8(truncatingIfNeeded: timestamp >> 24)
        bytes[5] = UInt8(truncatingIfNeeded: timestamp >> 16)
        bytes[6] = UInt8(truncatingIfNeeded: timestamp >> 8)
        bytes[7] = UInt8(truncatingIfNeeded: timestamp)
        bytes[8] = UInt8(truncatingIfNeeded: ssrc >> 24)
        bytes[9] = UInt8(truncatingIfNeeded: ssrc >> 16)
        bytes[10] = UInt8(truncatingIfNeeded: ssrc >> 8)
        bytes[11] = UInt8(truncatingIfNeeded: ssrc)
    }
}
