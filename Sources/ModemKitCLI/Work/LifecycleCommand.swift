import ModemCore
import ModemKit

/// What `connect` and `status` share: open the connection, run a ``Modem``, print its events,
/// and end on the first outcome (`once`), a locked SIM, or Ctrl-C.
enum LifecycleCommand {
    static func run(
        connection options: ConnectionOptions, lifecycle: ModemLifecycleStateMachine.Configuration, json: Bool,
        logging: LoggingOptions, once: Duration?,
        outcome: @escaping @Sendable (ModemLifecycleStateMachine.State) -> ConnectRun.Outcome?
    ) async throws(CLIError) {
        let connection = try await ModemConnection.open(options)
        Console.progress("Connected to \(connection.summary); bringing the modem up…")
        let client = ATClient(transport: connection.transport, logger: logging.logger(label: "modemkit.at"))
        let modem = Modem(client: client, configuration: .init(lifecycle: lifecycle), logger: logging.logger(label: "modemkit.modem"))
        let status = modem.status()
        let signals = SignalStop { await modem.stop() }
        await modem.start()
        let run = ConnectRun(modem: modem, json: json)
        let watcher = Task {
            await run.follow(status) { state in
                if case .simLocked(let problem) = state { return .simLocked(ConnectRun.describe(problem)) }
                return once == nil ? nil : outcome(state)
            }
        }
        var timer: Task<Void, Never>?
        if let once {
            timer = Task {
                try? await ContinuousClock().sleep(for: once)
                if !Task.isCancelled { await modem.stop() }
            }
        }
        let result = await watcher.value
        timer?.cancel()
        signals.cancel()
        await modem.stop()
        await client.close()
        await connection.close()
        switch result {
        case .simLocked(let reason):
            throw CLIError("SIM locked: \(reason)", exitCode: CLIExit.modemError)
        case .connected, .registered:
            return
        case nil:
            if once != nil { throw CLIError("no result within \(describeSeconds(once ?? .zero))", exitCode: CLIExit.noAnswer) }
        }
    }
}
