#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ModemKitTestSupport
import ModemCore
import ModemTransport

/// A TCP listener on a loopback address and an ephemeral port, for tests.
final class LoopbackListener {
    let fd: Int32
    let port: UInt16
    let host: String

    /// Binds `127.0.0.1` or `::1` on port 0; `nil` if the address family is unavailable.
    init?(ipv6: Bool) {
        #if canImport(Darwin)
        let stream = SOCK_STREAM
        #else
        let stream = Int32(SOCK_STREAM.rawValue)
        #endif
        let fd = socket(ipv6 ? AF_INET6 : AF_INET, stream, 0)
        guard fd >= 0 else { return nil }
        var on: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        var bound: Int32
        if ipv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_addr = in6addr_loopback
            bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
            bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        guard bound == 0, listen(fd, 8) == 0 else {
            close(fd)
            return nil
        }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        let port = withUnsafePointer(to: &storage) { pointer in
            ipv6
                ? pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
                : pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
        }
        self.fd = fd
        self.port = port
        self.host = ipv6 ? "::1" : "127.0.0.1"
    }

    /// Accepts one connection that has already been made (the kernel completed the handshake,
    /// so this does not wait), waiting at most a second in `poll` as a safeguard.
    func accept() throws -> TCPTransport {
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 1000) == 1 else { throw TimedOut(limit: .seconds(1)) }
        let client = acceptConnection(fd)
        guard client >= 0 else { throw TransportError.system(operation: "accept", errno: errno, message: "") }
        return try TCPTransport(adoptingSocket: client, descriptionForLog: "tcp:accepted")
    }

    deinit {
        close(fd)
    }
}

/// The libc `accept`, named apart from ``LoopbackListener/accept()``.
private func acceptConnection(_ fd: Int32) -> Int32 {
    accept(fd, nil, nil)
}
