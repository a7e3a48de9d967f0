import ModemTelemetry
import Synchronization

/// A ``TelemetryConnector`` that counts the bytes its connections send: what the senders hand
/// to the socket (MQTT packets, HTTP requests, lines, datagrams), so `telemetry bench` can say
/// how many bytes of each reading reach the destination, apart from the AT traffic around them.
///
///     let counting = CountingConnector(HostSocketConnector())
///     // … senders over `counting` …
///     counting.bytesSent     // every byte handed over by a send that succeeded
struct CountingConnector: TelemetryConnector {
    let base: any TelemetryConnector
    private let counter = ByteCounter()

    init(_ base: any TelemetryConnector) {
        self.base = base
    }

    /// Bytes sent so far through every connection this connector opened.
    var bytesSent: Int { counter.total.withLock { $0 } }

    func connect(host: String, port: Int, transport: TelemetryTransport) async throws(TelemetryConnectionError) -> any TelemetryConnection {
        CountingConnection(base: try await base.connect(host: host, port: port, transport: transport), counter: counter)
    }
}

private final class ByteCounter: Sendable {
    let total = Mutex(0)
}

private struct CountingConnection: TelemetryConnection {
    let base: any TelemetryConnection
    let counter: ByteCounter

    var received: AsyncStream<[UInt8]> { base.received }

    func send(_ bytes: [UInt8]) async throws(TelemetryConnectionError) {
        try await base.send(bytes)
        counter.total.withLock { $0 += bytes.count }
    }

    func close() async {
        await base.close()
    }
}
