import ModemTelemetry
import Synchronization
import Telemetry

/// Host sockets with a tap: records the packets the client sends on each connection, can hold
/// back what the broker sends (so PUBACKs go missing) and cut the connection, while a real
/// broker sits on the far side.
final class MQTTTappedConnector: TelemetryConnector {
    private struct State {
        var sent: [[MQTTPacket]] = []
        var muted = false
        var current: (any TelemetryConnection)?
    }

    private let inner = HostSocketConnector()
    private let state = Mutex(State())

    /// Drop what the broker sends from now on.
    func mute(_ muted: Bool) { state.withLock { $0.muted = muted } }
    var isMuted: Bool { state.withLock { $0.muted } }

    /// The packets sent on the `index`th connection (0 = the first).
    func sent(onConnection index: Int) -> [MQTTPacket] {
        state.withLock { $0.sent.indices.contains(index) ? $0.sent[index] : [] }
    }

    /// Closes the current connection as a network failure would.
    func cut() async {
        await state.withLock { $0.current }?.close()
    }

    func connect(host: String, port: Int, transport: TelemetryTransport) async throws(TelemetryConnectionError) -> any TelemetryConnection {
        let connection = try await inner.connect(host: host, port: port, transport: transport)
        let index = state.withLock { state in
            state.sent.append([])
            state.current = connection
            return state.sent.count - 1
        }
        return Tapped(inner: connection, tap: self, index: index)
    }

    fileprivate func record(_ packets: [MQTTPacket], on index: Int) {
        state.withLock { $0.sent[index] += packets }
    }

    private final class Tapped: TelemetryConnection {
        let inner: any TelemetryConnection
        let tap: MQTTTappedConnector
        let index: Int
        let received: AsyncStream<[UInt8]>
        private let decoder = Mutex(MQTTPacketDecoder())

        init(inner: any TelemetryConnection, tap: MQTTTappedConnector, index: Int) {
            self.inner = inner
            self.tap = tap
            self.index = index
            let (stream, continuation) = AsyncStream.makeStream(of: [UInt8].self)
            received = stream
            Task {
                for await chunk in inner.received where !tap.isMuted { continuation.yield(chunk) }
                continuation.finish()
            }
        }

        func send(_ bytes: [UInt8]) async throws(TelemetryConnectionError) {
            let packets = decoder.withLock { decoder in
                decoder.append(bytes)
                var packets: [MQTTPacket] = []
                while let packet = try? decoder.next() { packets.append(packet) }
                return packets
            }
            tap.record(packets, on: index)
            try await inner.send(bytes)
        }

        func close() async { await inner.close() }
    }
}
