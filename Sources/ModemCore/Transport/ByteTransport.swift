/// A bidirectional byte pipe to a modem: a serial port, a pseudo-terminal, a TCP socket,
/// an in-memory pair, a replay or a recording wrapper around any of these.
///
/// The AT engine owns exactly one transport and runs one read loop over it; writes come from
/// the engine's single command queue, so implementations need not order concurrent writers.
///
///     let transport: any ByteTransport = try SerialTransport(path: "/dev/ttyUSB2", baud: 115_200)
///     try await transport.write(Array("AT\r".utf8))
///     let bytes = try await transport.read()        // "\r\nOK\r\n" (in any chunking)
public protocol ByteTransport: AnyObject, Sendable {
    /// Waits until at least one byte is available and returns what is available (never empty).
    ///
    /// Throws ``TransportError/closed`` once the far side has gone away or ``close()`` was
    /// called; a read blocked in this call must return promptly when ``close()`` is called.
    func read() async throws(TransportError) -> [UInt8]

    /// Writes every byte, in order, before returning.
    func write(_ bytes: [UInt8]) async throws(TransportError)

    /// Closes the pipe. Idempotent. Pending and later reads and writes throw ``TransportError/closed``.
    func close() async

    /// A short human-readable description for logs and trace headers: `"/dev/ttyUSB2@115200"`.
    var descriptionForLog: String { get }

    /// The thread that waits for this transport's bytes, as a `TaskExecutor`, when it has one
    /// (serial ports, pseudo-terminals, TCP sockets); `nil` otherwise (the default).
    ///
    /// A task that prefers it is resumed by the thread the kernel woke, without a hand-off:
    ///
    ///     await withTaskExecutorPreference(transport.taskExecutor) {
    ///         try await transport.write(Array("AT\r".utf8))   // → AT
    ///         _ = try await transport.read()                   // ← OK, on the same thread
    ///     }
    ///
    /// Code running there must not block: the transport's input waits while it runs.
    var taskExecutor: (any TaskExecutor)? { get }
}

extension ByteTransport {
    public var taskExecutor: (any TaskExecutor)? { nil }
}

/// What a transport reports when it cannot move bytes.
public enum TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The pipe is closed: end of stream from the far side, or ``ByteTransport/close()``.
    case closed
    /// An operating-system call failed.
    case system(operation: String, errno: Int32, message: String)
    /// The device or address could not be found or opened.
    case notFound(String)
    /// The requested configuration is not valid for this transport.
    case invalidConfiguration(String)

    public var description: String {
        switch self {
        case .closed: "transport closed"
        case .system(let operation, let errno, let message): "\(operation) failed: \(message) (errno \(errno))"
        case .notFound(let what): "not found: \(what)"
        case .invalidConfiguration(let what): "invalid configuration: \(what)"
        }
    }
}
