#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ModemCore

/// Resolves and connects a TCP socket. Blocking (name resolution has no nonblocking POSIX
/// form), so ``TCPTransport`` runs it on a dedicated thread.
enum TCPConnector {
    #if canImport(Darwin)
    private static let streamType = SOCK_STREAM
    #else
    private static let streamType = Int32(SOCK_STREAM.rawValue)
    #endif

    /// Tries each address of `host` in turn until one connects or `timeout` has passed in
    /// total; returns a connected, nonblocking socket with `TCP_NODELAY` set.
    static func connect(host: String, port: UInt16, timeout: Duration) -> Result<Int32, TransportError> {
        let (seconds, attoseconds) = timeout.components
        let timeoutNanoseconds = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        let deadline = POSIX.monotonicNanoseconds() + max(timeoutNanoseconds, 0)
        let target = "\(host):\(port)"

        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = streamType
        hints.ai_protocol = Int32(IPPROTO_TCP)
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let list else {
            let reason = status == EAI_SYSTEM ? POSIX.message(for: errno) : String(cString: gai_strerror(status))
            return .failure(.notFound("\(target): \(reason)"))
        }
        defer { freeaddrinfo(list) }

        var lastError = TransportError.notFound("\(target): no addresses")
        var entry: UnsafeMutablePointer<addrinfo>? = list
        while let info = entry {
            entry = info.pointee.ai_next
            let remaining = deadline - POSIX.monotonicNanoseconds()
            guard remaining > 0 else {
                return .failure(POSIX.error("connect \(target)", errno: ETIMEDOUT))
            }
            switch attempt(info.pointee, target: target, remainingNanoseconds: remaining) {
            case .success(let fd): return .success(fd)
            case .failure(let error): lastError = error
            }
        }
        return .failure(lastError)
    }

    private static func attempt(_ info: addrinfo, target: String, remainingNanoseconds: Int64) -> Result<Int32, TransportError> {
        let fd = socket(info.ai_family, info.ai_socktype, info.ai_protocol)
        guard fd >= 0 else { return .failure(POSIX.error("socket")) }
        do throws(TransportError) {
            try POSIX.makeNonBlocking(fd)
            if systemConnect(fd, info.ai_addr, info.ai_addrlen) != 0 {
                guard errno == EINPROGRESS || errno == EINTR else { throw POSIX.error("connect \(target)") }
                try waitUntilConnected(fd, target: target, remainingNanoseconds: remainingNanoseconds)
            }
            try configure(fd)
            return .success(fd)
        } catch {
            POSIX.closeDescriptor(fd)
            return .failure(error)
        }
    }

    private static func waitUntilConnected(_ fd: Int32, target: String, remainingNanoseconds: Int64) throws(TransportError) {
        let deadline = POSIX.monotonicNanoseconds() + remainingNanoseconds
        while true {
            let left = deadline - POSIX.monotonicNanoseconds()
            guard left > 0 else { throw POSIX.error("connect \(target)", errno: ETIMEDOUT) }
            var descriptor = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            let milliseconds = Int32(clamping: (left + 999_999) / 1_000_000)
            let count = poll(&descriptor, 1, milliseconds)
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw POSIX.error("poll") }
            if count == 0 { continue }  // loop re-checks the deadline
            var code: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length) == 0 else { throw POSIX.error("getsockopt") }
            guard code == 0 else { throw POSIX.error("connect \(target)", errno: code) }
            return
        }
    }

    /// `TCP_NODELAY` (AT traffic is small and interactive) and, on Darwin, `SO_NOSIGPIPE`.
    static func configure(_ fd: Int32) throws(TransportError) {
        var on: Int32 = 1
        let size = socklen_t(MemoryLayout<Int32>.size)
        guard setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, size) == 0 else {
            throw POSIX.error("setsockopt(TCP_NODELAY)")
        }
        #if canImport(Darwin)
        guard setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &on, size) == 0 else {
            throw POSIX.error("setsockopt(SO_NOSIGPIPE)")
        }
        #endif
    }
}

/// The libc `connect`, named apart from ``TCPConnector/connect(host:port:timeout:)``.
@inline(__always)
private func systemConnect(_ fd: Int32, _ address: UnsafeMutablePointer<sockaddr>!, _ length: socklen_t) -> Int32 {
    connect(fd, address, length)
}
