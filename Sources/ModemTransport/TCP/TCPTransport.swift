#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ModemCore

/// Raw bytes over a TCP connection: a modem behind a serial-to-network server (ser2net,
/// RFC 2217 servers in raw mode, cellular routers' "TCP server" ports) or a virtual modem.
///
/// ```swift
/// let modem = try await TCPTransport(host: "10.0.0.5", port: 4001, connectTimeout: .seconds(5))
/// try await modem.write(Array("AT\r".utf8))
/// let reply = try await modem.read()
/// await modem.close()
/// ```
///
/// Plain POSIX sockets: IPv4 and IPv6 (each address from `getaddrinfo` is tried in turn
/// within the timeout), `TCP_NODELAY` on, no `SIGPIPE` on a dead peer. Name resolution and
/// the connect run on a dedicated thread, never on the cooperative pool. The peer closing the
/// connection ends ``read()`` with ``TransportError/closed`` after the bytes it sent.
public final class TCPTransport: ByteTransport {
    /// The host as given (name or address).
    public let host: String
    /// The port connected to (0 for an adopted socket).
    public let port: UInt16
    public let descriptionForLog: String
    private let channel: FileDescriptorChannel

    /// Connects to `host:port`.
    ///
    /// - Throws: ``TransportError/notFound(_:)`` when the name does not resolve;
    ///   ``TransportError/system(operation:errno:message:)`` with `ECONNREFUSED`, `ETIMEDOUT`
    ///   (after `connectTimeout`) and the like when no address accepts the connection.
    public init(host: String, port: UInt16, connectTimeout: Duration = .seconds(10)) async throws(TransportError) {
        let fd = try await DedicatedThread.run {
            TCPConnector.connect(host: host, port: port, timeout: connectTimeout)
        }
        do {
            self.channel = try FileDescriptorChannel(fd: fd, kind: .socket)
        } catch {
            POSIX.closeDescriptor(fd)
            throw error
        }
        self.host = host
        self.port = port
        self.descriptionForLog = host.contains(":") ? "tcp:[\(host)]:\(port)" : "tcp:\(host):\(port)"
    }

    /// Wraps a connected stream socket, e.g. one returned by `accept`, taking ownership of it.
    ///
    ///     let client = accept(listener, nil, nil)
    ///     let transport = try TCPTransport(adoptingSocket: client, descriptionForLog: "tcp:client")
    public init(adoptingSocket fd: Int32, descriptionForLog: String) throws(TransportError) {
        try? TCPConnector.configure(fd)  // not every stream socket is TCP
        self.channel = try FileDescriptorChannel(fd: fd, kind: .socket)
        self.host = ""
        self.port = 0
        self.descriptionForLog = descriptionForLog
    }

    deinit {
        channel.requestClose()
    }

    /// The socket's poll thread: a task preferring it handles answers where they are read.
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
}
