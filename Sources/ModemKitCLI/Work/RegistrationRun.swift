import ModemCore
import ModemKit

/// Runs a ``Modem`` until it is registered, the SIM locks, or time runs out.
enum RegistrationRun {
    enum Outcome: Sendable {
        case registered
        case simLocked(String)
        case refused(String)
        case timedOut
    }

    static func untilRegistered(_ modem: Modem, timeout: Duration) async -> Outcome {
        let status = modem.status()
        await modem.start()
        let watcher = Task {
            for await event in status {
                if case .powerSavingRefused(let request, let failure) = event { return Outcome.refused("\(request): \(failure)") }
                guard case .stateChanged(let state) = event else { continue }
                if case .registered = state { return Outcome.registered }
                if case .simLocked(let problem) = state { return .simLocked(ConnectRun.describe(problem)) }
            }
            return .timedOut
        }
        let timer = Task {
            try? await ContinuousClock().sleep(for: timeout)
            if !Task.isCancelled { await modem.stop() }
        }
        let outcome = await watcher.value
        timer.cancel()
        return outcome
    }

    static func check(_ outcome: Outcome, timeout: Double) throws(CLIError) {
        switch outcome {
        case .registered: return
        case .simLocked(let reason): throw CLIError("SIM locked: \(reason)", exitCode: CLIExit.modemError)
        case .refused(let reason): throw CLIError("the modem refused \(reason)", exitCode: CLIExit.modemError)
        case .timedOut: throw CLIError("not registered within \(describeSeconds(.seconds(timeout)))", exitCode: CLIExit.noAnswer)
        }
    }
}

extension RegistrationRun {
    /// A failed command as the CLI reports it.
    static func failure(_ error: ATClientError, _ command: String) -> CLIError {
        switch error {
        case .timedOut, .deferredResultTimedOut: CLIError("\(command): no answer", exitCode: CLIExit.noAnswer)
        case .transportClosed, .cancelled, .modemRebooted: CLIError("\(command): the connection closed", exitCode: CLIExit.transport)
        default: CLIError("\(command): \(error)", exitCode: CLIExit.modemError)
        }
    }
}
