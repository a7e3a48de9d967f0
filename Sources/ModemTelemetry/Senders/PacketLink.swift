import Telemetry

/// A connection that only sends: opened on first use, its incoming bytes drained (raw TCP and UDP
/// destinations answer nothing we read), forgotten when it ends so the next send opens it again.
/// ``LineSender`` and ``DatagramSender`` send their packets through one.
actor PacketLink {
    let endpoint: TelemetryEndpoint
    let transport: TelemetryTransport
    let connector: any TelemetryConnector
    private var connection: (any TelemetryConnection)?
    private var generation = 0

    init(endpoint: TelemetryEndpoint, transport: TelemetryTransport, connector: any TelemetryConnector) {
        self.endpoint = endpoint
        self.transport = transport
        self.connector = connector
    }

    /// Sends `packets` in order until one fails; the readings of each packet handed over are
    /// delivered. A failure closes the connection (the next call opens a new one).
    func send(_ packets: [LinePacking.Packet]) async -> (delivered: [String], failure: String?) {
        var delivered: [String] = []
        for packet in packets {
            do throws(TelemetryConnectionError) {
                try await open().send(packet.bytes)
                delivered += packet.ids
            } catch {
                await close()
                return (delivered, "\(transport.rawValue)://\(endpoint): \(error)")
            }
        }
        return (delivered, nil)
    }

    func close() async {
        guard let connection else { return }
        self.connection = nil
        generation += 1
        await connection.close()
    }

    private func open() async throws(TelemetryConnectionError) -> any TelemetryConnection {
        if let connection { return connection }
        let opened = try await connector.connect(host: endpoint.host.connectHost, port: endpoint.port, transport: transport)
        generation += 1
        let current = generation
        connection = opened
        Task {
            for await _ in opened.received {}
            self.ended(current)
        }
        return opened
    }

    private func ended(_ ended: Int) {
        if ended == generation { connection = nil }
    }
}
