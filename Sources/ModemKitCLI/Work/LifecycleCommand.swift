import ModemCore
import Synchronization
import ModemKit

/// What `connect` and `status` share: open the connection, run a ``Modem``, print its events,
/// and end on the first outcome (`once`), a locked SIM, or Ctrl-C.
///
/// With `puk`, a SIM locked behind its PUK gets the PUK and the new PIN once (never again, even
/// when refused); the run then goes on as the lifecycle resumes.
enum LifecycleCommand {
    /// The PUK and the new PIN to set with it.
    struct PUK: Sendable {
        var puk: String
        var newPIN: String
    }

    static func run(
        connection options: ConnectionOptions, lifecycle: ModemLifecycleStateMachine.Configuration, json: Bool,
        logging: LoggingOptions, once: Duration?, puk: PUK? = nil,
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
        let pukSent = Mutex(false)
        let watcher = Task {
            await run.follow(status) { state in
                if case .simLocked(.pukRequired) = state, let puk, pukSent.withLock({ sent in defer { sent = true }; return !sent }) {
                    Task { await modem.enterPUK(puk.puk, newPIN: puk.newPIN) }
                    return nil
                }
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
        case .noAnswer(let reason):
            throw CLIError(reason, exitCode: CLIExit.noAnswer)
        case .connected, .registered:
            return
        case nil:
            if once != nil { throw CLIError("no result within \(describeSeconds(once ?? .zero))", exitCode: CLIExit.noAnswer) }
        }
    }
}
