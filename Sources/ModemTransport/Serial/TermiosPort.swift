#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ModemCore
import Synchronization

/// A terminal device opened and configured with plain termios: any tty, including
/// pseudo-terminal slaves (`/dev/pts/5`) and symlinks to them, which libserialport cannot
/// look up. ``SerialTransport`` falls back to this type automatically; use it directly when
/// you want to be sure libserialport is not involved.
///
/// The port is put in raw mode (`cfmakeraw`, `CLOCAL | CREAD`, `VMIN = 1`, `VTIME = 0`), with
/// the framing and flow control of the ``SerialConfiguration``; the speed must be one termios
/// has a `Bxxxx` constant for (otherwise ``TransportError/invalidConfiguration(_:)``).
/// Input that was waiting before the port was opened is discarded.
///
/// ```swift
/// let pty = try PseudoTerminalPair()
/// let port = try TermiosPort(path: pty.slavePath, configuration: SerialConfiguration(baud: 115_200))
/// try await port.write(Array("AT\r".utf8))
/// let echoed = try await pty.read()           // "AT\r"
/// await port.close()
/// ```
public final class TermiosPort: BaudRateAdjustable {
    /// The path as given.
    public let path: String
    /// The settings applied when opening.
    public let configuration: SerialConfiguration
    private let channel: FileDescriptorChannel
    private let speed: Mutex<Int>

    /// Opens and configures the terminal at `path`.
    ///
    /// - Throws: ``TransportError/notFound(_:)`` with the path when it does not exist,
    ///   ``TransportError/invalidConfiguration(_:)`` for a bad setting or a path that is not a
    ///   terminal, ``TransportError/system(operation:errno:message:)`` otherwise.
    public init(path: String, configuration: SerialConfiguration = SerialConfiguration()) throws(TransportError) {
        self.channel = try Self.openChannel(path: path, configuration: configuration)
        self.path = path
        self.configuration = configuration
        self.speed = Mutex(configuration.baud)
    }

    /// Opens, configures and wraps the terminal; shared with ``SerialTransport``.
    static func openChannel(path: String, configuration: SerialConfiguration) throws(TransportError) -> FileDescriptorChannel {
        try configuration.validate()
        _ = try Termios.speedConstant(for: configuration.baud)
        let fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR || code == ENXIO || code == ENODEV { throw .notFound(path) }
            throw POSIX.error("open \(path)", errno: code)
        }
        do throws(TransportError) {
            guard isatty(fd) == 1 else { throw .invalidConfiguration("\(path) is not a terminal") }
            try Termios.configure(fd, configuration)
            try ModemControlLines.applyInitialLevels(configuration, fd: fd)
            _ = tcflush(fd, TCIFLUSH)  // stale input from before we opened
            return try FileDescriptorChannel(fd: fd, kind: .stream)
        } catch {
            POSIX.closeDescriptor(fd)
            throw error
        }
    }

    /// The speeds this type can set: those with a `Bxxxx` constant on this platform
    /// (50 … 4,000,000 on Linux, 50 … 230,400 on Darwin).
    public static var supportedBaudRates: [Int] { Termios.supportedBaudRates }

    deinit {
        channel.requestClose()
    }

    /// `"/dev/pts/5@115200"`.
    public var descriptionForLog: String { "\(path)@\(baudRate)" }

    public func read() async throws(TransportError) -> [UInt8] {
        try await channel.read()
    }

    public func write(_ bytes: [UInt8]) async throws(TransportError) {
        try await channel.write(bytes)
    }

    public func close() async {
        await channel.close()
    }

    /// The line speed now: ``SerialConfiguration/baud`` until ``setBaudRate(_:)`` changes it.
    public var baudRate: Int { speed.withLock { $0 } }

    /// Switches the line speed of the open port (through termios on the port's descriptor,
    /// whichever backend opened it) and discards input received at the old speed.
    ///
    ///     try await port.setBaudRate(9600)   // then → AT  ← OK, from a modem at 9600
    ///
    /// Throws ``TransportError/invalidConfiguration(_:)`` for a speed without a `Bxxxx`
    /// constant; the port keeps its old speed.
    public func setBaudRate(_ baud: Int) async throws(TransportError) {
        try channel.withDescriptor { fd throws(TransportError) in try Termios.setSpeed(fd, baud: baud) }
        speed.withLock { $0 = baud }
    }

    /// Raises (`true`) or drops the DTR line. Throws `ENOTTY`/`EINVAL` for devices without
    /// modem-control lines, such as pseudo-terminals.
    public func setDTR(_ on: Bool) throws(TransportError) {
        try channel.withDescriptor { fd throws(TransportError) in try ModemControlLines.set(.dtr, on, fd: fd) }
    }

    /// Raises (`true`) or drops the RTS line (meaningless with `.rtsCts` flow control).
    public func setRTS(_ on: Bool) throws(TransportError) {
        try channel.withDescriptor { fd throws(TransportError) in try ModemControlLines.set(.rts, on, fd: fd) }
    }

    /// Sends a break condition for `duration` (250 ms by default).
    public func sendBreak(duration: Duration = .milliseconds(250)) async throws(TransportError) {
        try await ModemControlLines.sendBreak(on: channel, duration: duration)
    }
}
