#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ModemCore

/// Small wrappers over POSIX calls shared by the transports.
enum POSIX {
    /// The current `errno` as a ``TransportError/system(operation:errno:message:)``.
    static func error(_ operation: String, errno code: Int32 = errno) -> TransportError {
        .system(operation: operation, errno: code, message: message(for: code))
    }

    /// `strerror` text for an errno value.
    static func message(for code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text)
    }

    /// Adds `O_NONBLOCK` and `FD_CLOEXEC` to a descriptor.
    static func makeNonBlocking(_ fd: Int32) throws(TransportError) {
        let flags = fcntl(fd, F_GETFL)
        guard flags >= 0, fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0 else {
            throw error("fcntl(O_NONBLOCK)")
        }
        let descriptorFlags = fcntl(fd, F_GETFD)
        guard descriptorFlags >= 0, fcntl(fd, F_SETFD, descriptorFlags | FD_CLOEXEC) == 0 else {
            throw error("fcntl(FD_CLOEXEC)")
        }
    }

    /// `close`, ignoring `EINTR` (on Linux the descriptor is released either way).
    static func closeDescriptor(_ fd: Int32) {
        _ = close(fd)
    }

    /// Whether `path` exists, following symlinks (a dangling symlink does not exist).
    static func fileExists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// Monotonic nanoseconds (`CLOCK_MONOTONIC`), for deadlines inside blocking helpers.
    static func monotonicNanoseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    /// `ECANCELED`, reported when the task waiting in `read` or `write` is cancelled.
    static func cancelled(_ operation: String) -> TransportError {
        error(operation, errno: ECANCELED)
    }
}

extension POSIX {
    /// `send` flags that turn `SIGPIPE` into `EPIPE` (Darwin uses `SO_NOSIGPIPE` instead).
    #if canImport(Darwin)
    static let noSignal: Int32 = 0
    #else
    static let noSignal = Int32(MSG_NOSIGNAL)
    #endif
}

/// The libc `read`, named apart from the transports' own `read()` methods.
@inline(__always)
func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}

/// The libc `write`, named apart from the transports' own `write(_:)` methods.
@inline(__always)
func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(fd, buffer, count)
}

extension POSIX {
    /// `ECANCELED`, as in ``cancelled(_:)``.
    static let canceledCode: Int32 = ECANCELED
}
