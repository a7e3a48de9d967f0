import ModemKit

/// A modem socket used as a ``TelemetryConnection``.
struct ModemSocketConnection: TelemetryConnection {
    let socket: ModemSocket

    var received: AsyncStream<[UInt8]> { socket.received }

    func send(_ bytes: [UInt8]) async throws(TelemetryConnectionError) {
        do {
            try await socket.send(bytes)
        } catch .closed {
            throw .closed
        } catch {
            throw .sendFailed(error.description)
        }
    }

    func close() async {
        await socket.close()
    }
}
