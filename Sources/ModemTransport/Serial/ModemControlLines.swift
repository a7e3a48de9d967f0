#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ModemCore

/// DTR, RTS and break on a tty descriptor, through `ioctl`.
enum ModemControlLines {
    enum Line { case dtr, rts }

    #if canImport(Darwin)
    // _IOW('t', 108, int), _IOW('t', 107, int), _IO('t', 123), _IO('t', 122): the macros do not import.
    private static let setBits: UInt = 0x8004_746C
    private static let clearBits: UInt = 0x8004_746B
    private static let startBreak: UInt = 0x2000_747B
    private static let stopBreak: UInt = 0x2000_747A
    #else
    private static let setBits = UInt(TIOCMBIS)
    private static let clearBits = UInt(TIOCMBIC)
    private static let startBreak = UInt(TIOCSBRK)
    private static let stopBreak = UInt(TIOCCBRK)
    #endif

    /// Raises or drops a line.
    static func set(_ line: Line, _ on: Bool, fd: Int32) throws(TransportError) {
        var bits = line == .dtr ? Int32(TIOCM_DTR) : Int32(TIOCM_RTS)
        guard ioctl(fd, on ? setBits : clearBits, &bits) == 0 else {
            throw POSIX.error(line == .dtr ? "ioctl(DTR)" : "ioctl(RTS)")
        }
    }

    /// Starts or stops sending a break condition.
    static func setBreak(_ on: Bool, fd: Int32) throws(TransportError) {
        guard ioctl(fd, on ? startBreak : stopBreak) == 0 else {
            throw POSIX.error(on ? "ioctl(TIOCSBRK)" : "ioctl(TIOCCBRK)")
        }
    }

    /// Applies the initial DTR/RTS levels, ignoring devices that have no such lines
    /// (pseudo-terminals answer `ENOTTY` or `EINVAL`).
    static func applyInitialLevels(_ configuration: SerialConfiguration, fd: Int32) throws(TransportError) {
        do {
            try set(.dtr, configuration.dtr, fd: fd)
            if configuration.flowControl != .rtsCts {
                try set(.rts, configuration.rts, fd: fd)
            }
        } catch {
            if case .system(_, let code, _) = error, code == ENOTTY || code == EINVAL { return }
            throw error
        }
    }

    /// Holds a break for `duration`, then clears it (also when the task is cancelled).
    static func sendBreak(on channel: FileDescriptorChannel, duration: Duration) async throws(TransportError) {
        try channel.withDescriptor { fd throws(TransportError) in try setBreak(true, fd: fd) }
        var cancelled = false
        do { try await Task.sleep(for: duration) } catch { cancelled = true }
        do {
            try channel.withDescriptor { fd throws(TransportError) in try setBreak(false, fd: fd) }
        } catch .closed {
            // Closing the port ends the break anyway.
        }
        if cancelled { throw POSIX.cancelled("sendBreak") }
    }
}
