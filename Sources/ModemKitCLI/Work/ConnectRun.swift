import ATCodec
import Foundation
import ModemCore
import ModemKit

/// The work of `modemkit connect` and `modemkit status`: runs a ``Modem`` and prints its
/// status events until it is stopped, or until the first result with `once`.
struct ConnectRun {
    /// The outcome that ends a `--once` run.
    enum Outcome: Equatable {
        case connected
        case registered
        case simLocked(String)
        /// The modem never answered `AT` before the run ended (with `--once`): the reason, naming
        /// the rates tried.
        case noAnswer(String)
    }

    let modem: Modem
    let json: Bool

    /// Prints events as they come; returns when the stream ends or `until` accepts a state. A
    /// locked SIM ends the run once the attempts left are printed (the lifecycle reads them as
    /// it locks, and publishes them, unknown if the modem would not say).
    ///
    /// A failed probe does not end the run: the lifecycle backs off and probes again (a modem
    /// still booting, or a loaded host, answers later). When the stream ends with the modem
    /// never having answered, the outcome is ``Outcome/noAnswer(_:)`` with the probe's reason.
    func follow(
        _ status: AsyncStream<ModemStatusEvent>, until: @Sendable (ModemLifecycleStateMachine.State) -> Outcome?) async -> Outcome? {
        var last: String?
        var locked: Outcome?
        var noAnswer: String?
        for await event in status {
            // Steps of one state (configuring 0, 1, 2...) print once.
            if let line = Self.line(for: event), line != last {
                last = line
                if json { Console.out(Self.jsonLine(event, line)) } else { Console.out(line) }
            }
            switch event {
            case .stateChanged(let state):
                locked = nil
                if !Self.isProbing(state) { noAnswer = nil }   // it answered after all
                guard let outcome = until(state) else { break }
                guard case .simLocked = outcome else { return outcome }
                locked = outcome
            case .simRetriesChanged:
                if let locked { return locked }
            case .probeFailed(let failure):
                noAnswer = failure.description
            default:
                break
            }
        }
        return locked ?? noAnswer.map(Outcome.noAnswer)
    }

    /// Nothing the modem answered: probing, detecting the line speed, backing off between probe
    /// rounds, or stopping (the `--timeout` stop ends every run).
    static func isProbing(_ state: ModemLifecycleStateMachine.State) -> Bool {
        switch state {
        case .idle, .probing, .detectingBaud, .recovering(_, .unresponsive), .stopped: true
        default: false
        }
    }

    /// One human line per event worth showing.
    ///
    ///     state: awaiting registration
    ///     registration: roaming (E-UTRAN), cell 01A2D001
    ///     address: 10.64.1.2
    static func line(for event: ModemStatusEvent) -> String? {
        switch event {
        case .stateChanged(let state): "state: \(describe(state))"
        case .identified(let identity): "modem: \(identity.manufacturer) \(identity.model)" + (identity.firmware.map { " (\($0))" } ?? "")
        case .dialectSelected(let name): "dialect: \(name)"
        case .registrationChanged(let registration):
            "registration (\(registration.domain.name)): \(registration.status)"
                + (registration.accessTechnology.map { " (\($0))" } ?? "")
                + (registration.rejectCause.map { ", reject cause \($0)" } ?? "")
        case .operatorChanged(let name, let technology): "operator: \(name ?? "unknown")" + (technology.map { " (\($0))" } ?? "")
        case .signalChanged(let dBm): "signal: " + (dBm.map { "\($0) dBm" } ?? "unknown")
        case .addressesAssigned(let addresses): "address: " + addresses.map(\.description).joined(separator: ", ")
        case .simRetriesChanged(let retries): "sim retries: " + (retries.description.isEmpty ? "unknown" : retries.description)
        case .powerSavingGranted(let grant): "psm granted: " + describe(grant)
        case .powerSavingRefused(let request, let failure): "psm refused: \(request): \(failure)"
        case .baudRateDetected(let rate): "baud: detected \(rate) bit/s"
        case .probeFailed(let failure): "no answer: \(failure)"
        case .operatorSelectionFailed(let failure): "operator refused: \(failure)"
        }
    }

    static func describe(_ state: ModemLifecycleStateMachine.State) -> String {
        switch state {
        case .idle: "idle"
        case .probing(let attempt): "probing (attempt \(attempt))"
        case .detectingBaud(let rate, let attempt): "detecting baud: \(rate) bit/s (attempt \(attempt))"
        case .selectingOperator(let selection): "selecting operator: \(ModemLifecycleStateMachine.Request.selectOperator(selection))"
        case .configuring: "configuring"
        case .identifying: "identifying"
        case .checkingSIM: "checking SIM"
        case .enteringPIN: "entering PIN"
        case .enteringPUK: "entering PUK"
        case .simLocked(let problem): "SIM locked: \(describe(problem))"
        case .awaitingRegistration: "awaiting registration"
        case .registered: "registered"
        case .attaching: "attaching"
        case .activating(let step): "activating (\(step))"
        case .connected(let addresses): "connected " + addresses.map(\.description).joined(separator: ", ")
        case .sleeping: "sleeping (PSM)"
        case .recovering(let attempt, let reason): "recovering (attempt \(attempt)): \(reason)"
        case .stopped: "stopped"
        }
    }

    static func describe(_ problem: ModemLifecycleStateMachine.SIMProblem) -> String {
        switch problem {
        case .pinRequired: "PIN required (give --pin)"
        case .pinRejected(let final): "PIN rejected" + (final.map { ": \($0)" } ?? "") + "; not retried"
        case .pukRequired: "PUK required (give --puk and --pin)"
        case .pukRejected(let final): "PUK rejected" + (final.map { ": \($0)" } ?? "") + "; not retried"
        case .notInserted: "no SIM"
        case .codeRequired(let state): "\(state) required"
        case .failure(let reason): reason
        }
    }

    /// `periodic TAU 1 h (00000110), active time 10 s (00000101)`
    static func describe(_ grant: PowerSavingGrant) -> String {
        [grant.periodicUpdate.map { "periodic TAU " + describe($0) }, grant.activeTime.map { "active time " + describe($0) }]
            .compactMap { $0 }.joined(separator: ", ")
    }

    /// `1 h (00000110)`, `off (11100000)`.
    static func describe(_ timer: GPRSTimer) -> String {
        guard let duration = timer.duration else { return "off (\(timer.bits))" }
        return "\(describeDuration(duration)) (\(timer.bits))"
    }

    /// `1 h`, `1 h 30 min`, `10 s`, `0 s`.
    static func describeDuration(_ duration: Duration) -> String {
        var seconds = duration.components.seconds
        var parts: [String] = []
        for (size, unit) in [(Int64(3600), "h"), (60, "min"), (1, "s")] where seconds >= size {
            parts.append("\(seconds / size) \(unit)")
            seconds %= size
        }
        return parts.isEmpty ? "0 s" : parts.joined(separator: " ")
    }

    /// `{"event":"address","text":"address: 10.64.1.2"}`
    static func jsonLine(_ event: ModemStatusEvent, _ text: String) -> String {
        let kind = text.prefix { $0 != ":" && $0 != " " }
        let object = ["event": String(kind), "text": text]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
