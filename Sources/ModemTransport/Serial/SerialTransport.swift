import ModemCore
import Synchronization

/// A serial port: a USB modem's AT interface (`/dev/ttyUSB2`, `/dev/ttyACM0`), a native UART,
/// or a pseudo-terminal standing in for one.
///
/// Ports that libserialport can look up (ttys listed in sysfs on Linux) are opened and
/// configured through libserialport; anything else it cannot look up — pseudo-terminals
/// (`/dev/pts/5`), symlinks to them, devices missing from sysfs — is opened with plain termios
/// through ``TermiosPort`` with the same settings. ``backend`` tells which was used. Either
/// way the port is raw (8-bit clean), the initial DTR/RTS levels are applied where the device
/// has those lines, and input that was waiting before the port was opened is discarded.
///
/// ```swift
/// let port = try SerialTransport(path: "/dev/ttyUSB2", baud: 115_200)
/// try await port.write(Array("AT\r".utf8))
/// let reply = try await port.read()            // "\r\nOK\r\n", in any chunking
/// try port.setDTR(false)                        // hang up, on modems that honour DTR
/// await port.close()
/// ```
///
/// Reads and writes never block a thread of the cooperative pool: the descriptor is
/// nonblocking and a dedicated thread per port waits in `poll`. ``close()`` promptly ends a
/// pending ``read()`` with ``TransportError/closed``; so does unplugging the device.
public final class SerialTransport: BaudRateAdjustable {
    /// How the port was opened.
    public enum Backend: String, Sendable, Hashable {
        case libserialport
        case termios
    }

    /// The path as given.
    public let path: String
    /// The settings applied when opening.
    public let configuration: SerialConfiguration
    /// Which implementation opened the port.
    public let backend: Backend
    private let channel: FileDescriptorChannel
    private let speed: Mutex<Int>

    /// Opens and configures the port at `path`.
    ///
    /// - Throws: ``TransportError/notFound(_:)`` with the path when nothing exists there;
    ///   ``TransportError/invalidConfiguration(_:)`` for settings the port cannot take (on the
    ///   termios path, a speed without a `Bxxxx` constant);
    ///   ``TransportError/system(operation:errno:message:)`` when the OS refuses (busy, permission).
    public init(path: String, configuration: SerialConfiguration = SerialConfiguration()) throws(TransportError) {
        try configuration.validate()
        guard POSIX.fileExists(path) else { throw .notFound(path) }
        if let channel = try LibSerialPortDevice.open(path: path, configuration: configuration) {
            self.channel = channel
            self.backend = .libserialport
        } else {
            self.channel = try TermiosPort.openChannel(path: path, configuration: configuration)
            self.backend = .termios
        }
        self.path = path
        self.configuration = configuration
        self.speed = Mutex(configuration.baud)
    }

    /// Opens the port at `baud`, 8N1, no flow control, DTR and RTS on.
    public convenience init(path: String, baud: Int) throws(TransportError) {
        try self.init(path: path, configuration: SerialConfiguration(baud: baud))
    }

    deinit {
        channel.requestClose()
    }

    /// `"/dev/ttyUSB2@115200"`.
    public var descriptionForLog: String { "\(path)@\(baudRate)" }

    /// The port's poll thread: a task preferring it handles answers where they are read.
    public var taskExecutor: (any TaskExecutor)? { channel }

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

    /// Raises (`true`) or drops the DTR line. Throws for devices without modem-control
    /// lines, such as pseudo-terminals.
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
