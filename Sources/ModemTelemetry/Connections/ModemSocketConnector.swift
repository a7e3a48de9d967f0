import ModemKit

/// Connections through the modem: each ``connect(host:port:transport:)`` opens a socket of the
/// dialect's service (``ModemSockets``) and wraps it as a ``TelemetryConnection``.
///
///     let sockets = try await ModemSockets.service(for: modem)
///     let connector = ModemSocketConnector(sockets)
///     let connection = try await connector.connect(host: "127.0.0.1", port: 1883, transport: .tcp)
///         // SIM800: → AT+CIPSTART=0,"TCP","127.0.0.1","1883"  ← OK  ← 0, CONNECT OK
public struct ModemSocketConnector: TelemetryConnector {
    let provider: any ModemSocketProvider

    public init(_ provider: any ModemSocketProvider) {
        self.provider = provider
    }

    public func connect(host: String, port: Int, transport: TelemetryTransport) async throws(TelemetryConnectionError) -> any TelemetryConnection {
        do {
            let socket = switch transport {
            case .tcp: try await provider.connect(host: host, port: port)
            case .udp: try await provider.connectUDP(host: host, port: port)
            }
            return ModemSocketConnection(socket: socket)
        } catch .unsupported(let dialect) {
            throw .unsupported("\(transport.rawValue.uppercased()) sockets on the \(dialect) dialect")
        } catch {
            throw .connectFailed("\(host):\(port): \(error)")
        }
    }
}
