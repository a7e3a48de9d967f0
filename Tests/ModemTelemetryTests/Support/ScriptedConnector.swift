import ModemTelemetry
import Synchronization

/// Connections whose far side is a script: for every send, the script gets the connection's
/// number (1 for the first opened), the bytes and the connection, and answers through
/// ``ScriptedConnection/reply(_:)`` and ``ScriptedConnection/hangUp()``, or throws.
final class ScriptedConnector: TelemetryConnector {
    typealias Script = @Sendable (_ connection: Int, _ sent: [UInt8], _ peer: ScriptedConnection) throws(TelemetryConnectionError) -> Void
    let script: Script
    private let opened = Mutex(0)

    init(_ script: @escaping Script) {
        self.script = script
    }

    var connections: Int { opened.withLock { $0 } }

    func connect(host: String, port: Int, transport: TelemetryTransport) async throws(TelemetryConnectionError) -> any TelemetryConnection {
        let number = opened.withLock { count in
            count += 1
            return count
        }
        return ScriptedConnection(number: number, script: script)
    }
}

final class ScriptedConnection: TelemetryConnection {
    let number: Int
    let script: ScriptedConnector.Script
    let received: AsyncStream<[UInt8]>
    private let continuation: AsyncStream<[UInt8]>.Continuation

    init(number: Int, script: @escaping ScriptedConnector.Script) {
        self.number = number
        self.script = script
        (received, continuation) = AsyncStream.makeStream(of: [UInt8].self)
    }

    func send(_ bytes: [UInt8]) async throws(TelemetryConnectionError) {
        try script(number, bytes, self)
    }

    func reply(_ text: String) {
        continuation.yield(Array(text.utf8))
    }

    /// The far side ends the connection.
    func hangUp() {
        continuation.finish()
    }

    func close() async {
        continuation.finish()
    }
}
