/// Whether a connection carries a byte stream or datagrams.
public enum TelemetryTransport: String, Sendable, Hashable {
    case tcp, udp
}

/// A connection the senders (MQTT, HTTP, TCP, UDP) write to: a socket of the modem
/// (``ModemSocketConnector``) or of the host (``HostSocketConnector``).
///
///     let connection = try await connector.connect(host: "127.0.0.1", port: 1883, transport: .tcp)
///     try await connection.send(connectPacket)
///     for await bytes in connection.received { ... }   // ends when either side closes
///     await connection.close()
public protocol TelemetryConnection: Sendable {
    /// Sends `bytes` and returns once they are handed over (to the modem, or to the kernel). On a
    /// UDP connection each call is one datagram.
    func send(_ bytes: [UInt8]) async throws(TelemetryConnectionError)
    /// What arrives, in order; finishes when the connection closes.
    var received: AsyncStream<[UInt8]> { get }
    /// Closes it; ``received`` finishes.
    func close() async
}

/// Opens ``TelemetryConnection``s.
public protocol TelemetryConnector: Sendable {
    func connect(host: String, port: Int, transport: TelemetryTransport) async throws(TelemetryConnectionError) -> any TelemetryConnection
}

/// Why a connection could not be opened or used.
public enum TelemetryConnectionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The connection could not be made; the text says why (the modem's error, errno...).
    case connectFailed(String)
    /// The connection is closed.
    case closed
    /// Sending failed; the text says why.
    case sendFailed(String)
    /// The transport cannot do this (UDP on a dialect without it, a datagram too large...).
    case unsupported(String)

    public var description: String {
        switch self {
        case .connectFailed(let why): "connect failed: \(why)"
        case .closed: "connection closed"
        case .sendFailed(let why): "send failed: \(why)"
        case .unsupported(let why): "not supported: \(why)"
        }
    }
}
