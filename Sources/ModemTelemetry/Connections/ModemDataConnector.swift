import ModemCore
import ModemKit

/// Connections through a ``Modem``'s data session: waits (bounded) for the modem to have data,
/// then opens a socket with the service of the dialect it identified. When the modem leaves the
/// connected state (reboot, registration lost, PDP deactivated), every connection it opened is
/// closed (its ``TelemetryConnection/received`` ends, so MQTT and HTTP notice at once instead of
/// at their next keep-alive) and the socket service is dropped; the next connect makes a new one,
/// so nothing of the old session is reused.
///
///     let connector = ModemDataConnector(modem: modem, session: settings.dataSession)
///     let connection = try await connector.connect(host: "broker.example", port: 1883, transport: .tcp)
///     // (waits for +QIACT / +CGACT …) → AT+QIOPEN=1,0,"TCP","broker.example",1883,0,1 …
public actor ModemDataConnector: TelemetryConnector {
    let modem: Modem
    let session: DataSessionSettings
    let waitForData: Duration
    let clock: any Clock<Duration>
    private var provider: (any ModemSocketProvider)?
    private var opened: [any TelemetryConnection] = []
    private var dataUp = false
    private var watcher: Task<Void, Never>?

    /// - Parameter waitForData: how long a connect waits for the modem's data session before it
    ///   fails (the agent then backs off and tries again).
    public init(modem: Modem, session: DataSessionSettings = DataSessionSettings(), waitForData: Duration = .seconds(60), clock: any Clock<Duration> = ContinuousClock()) {
        self.modem = modem
        self.session = session
        self.waitForData = waitForData
        self.clock = clock
    }

    public func connect(host: String, port: Int, transport: TelemetryTransport) async throws(TelemetryConnectionError) -> any TelemetryConnection {
        startWatching()
        if case .connected = await modem.state { dataUp = true }
        var waited = Duration.zero
        while !dataUp {
            guard waited < waitForData else {
                throw .connectFailed("the modem has no data session (\(await modem.state))")
            }
            do {
                try await clock.sleep(for: .milliseconds(50))
            } catch {
                throw .connectFailed("cancelled")
            }
            waited += .milliseconds(50)
            if case .connected = await modem.state { dataUp = true }
        }
        let provider: any ModemSocketProvider
        if let current = self.provider {
            provider = current
        } else {
            do {
                provider = try await ModemSockets.service(for: modem, session: session)
            } catch {
                throw .unsupported(error.description)
            }
            self.provider = provider
        }
        let connection = try await ModemSocketConnector(provider).connect(host: host, port: port, transport: transport)
        // Each sender holds one connection at a time; older entries are long closed.
        if opened.count >= 32 { opened.removeFirst(opened.count - 31) }
        opened.append(connection)
        return connection
    }

    /// Follows the modem's state: leaving `connected` drops the socket service.
    private func startWatching() {
        guard watcher == nil else { return }
        let status = modem.status()
        watcher = Task { [weak self] in
            for await event in status {
                guard case .stateChanged(let state) = event else { continue }
                await self?.modemStateChanged(state)
            }
        }
    }

    private func modemStateChanged(_ state: ModemLifecycleStateMachine.State) {
        if case .connected = state {
            dataUp = true
        } else if dataUp || provider != nil || !opened.isEmpty {
            dataUp = false
            provider = nil
            let lost = opened
            opened = []
            Task {
                for connection in lost { await connection.close() }
            }
        }
    }

    deinit {
        watcher?.cancel()
    }
}
