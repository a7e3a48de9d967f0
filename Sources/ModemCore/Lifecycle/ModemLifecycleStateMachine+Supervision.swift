import ATCodec

extension ModemLifecycleStateMachine {
    /// Registration, packet-domain, vendor PDP and boot URCs.
    ///
    ///     +CEREG: 5,"1A2B","01A2D001",7   registration (home/roaming/denied/searching)
    ///     +CGEV: NW PDN DEACT 1           the network took the context down (also NW DETACH)
    ///     +QIURC: "pdpdeact",1            Quectel
    ///     +PDP: DEACT                     SIMCom SIM800
    ///     +UUPSDD: 0                      u-blox
    ///     RDY, +CFUN: 1                   the modem restarted
    mutating func urcReceived(_ line: String, into actions: inout [Action]) {
        // A sleeping modem prints nothing: any line means it is awake again.
        wake(into: &actions)
        if Registration.Domain.allCases.contains(where: { line.hasPrefix($0.prefix) }) {
            guard let registration = try? Registration.parse(line, form: .unsolicited) else { return }
            return registrationUpdated(registration, into: &actions)
        }
        if isBootLine(line) {
            switch state {
            case .idle, .probing, .detectingBaud, .stopped: return
            default: return recover(.rebooted, into: &actions)
            }
        }
        guard case .connected = state, isDataLoss(line) else { return }
        recover(.pdpDeactivated, into: &actions)
    }

    /// `RDY` and `+CFUN: 1` are printed only as a modem starts.
    func isBootLine(_ line: String) -> Bool {
        guard let boot = try? BootURC.parse(line) else { return false }
        return boot == .moduleReady || boot == .functionality(.full)
    }

    func isDataLoss(_ line: String) -> Bool {
        let cid = configuration.dataSession.cid
        if line.hasPrefix("+CGEV:") {
            switch try? CGEV.Unsolicited.parse(line) {
            case .pdnDeactivated(let lost, let by): return lost == cid && by != .modem
            case .contextDeactivated(.network, _, _, let lost): return lost == nil || lost == cid
            case .detached(.network): return true
            default: return false
            }
        }
        if line.hasPrefix("+QIURC:") {
            let fields = ATFields(String(line.dropFirst("+QIURC:".count)))
            return fields.text(0) == "pdpdeact" && (fields.text(1).flatMap { Int($0.filter { $0 != " " }) } ?? cid) == cid
        }
        return line.hasPrefix("+PDP: DEACT") || line.hasPrefix("+UUPSDD:")
    }

    /// A registration read: `<n>` back to 0 means the modem lost its settings (a silent reboot,
    /// as u-blox modems, which print no boot line, do).
    mutating func registrationRead(_ registration: Registration, into actions: inout [Action]) {
        if let level = registration.reportingLevel, level == 0, configuration.registrationReporting != .disabled {
            return recover(.rebooted, into: &actions)
        }
        registrationUpdated(registration, into: &actions)
    }

    mutating func registrationUpdated(_ registration: Registration, into actions: inout [Action]) {
        registrations[registration.domain] = registration
        actions.append(.publish(.registrationChanged(registration)))
        notePowerSaving(registration, into: &actions)
        switch state {
        case .awaitingRegistration:
            let usable = registrations.values.contains {
                supportedDomains.contains($0.domain) && $0.status.isRegistered && (configuration.allowRoaming || !$0.status.isRoaming)
            }
            if usable { return enter(afterRegistration, into: &actions) }
            if registration.status == .denied, !isRegistered {
                recover(.registrationDenied(rejectCause: registration.rejectCause), into: &actions)
            }
        case .attaching, .activating, .connected, .registered:
            if !isRegistered { recover(.registrationLost, into: &actions) }
        default:
            break
        }
    }

    mutating func timerFired(_ timer: TimerID, into actions: inout [Action]) {
        guard armedTimers.contains(timer) else { return }   // cancelled, or lost a race with a transition
        armedTimers.removeAll { $0 == timer }
        switch (timer, state) {
        case (.simRetry, .checkingSIM):
            send(.readSIM, into: &actions)
        case (.registrationPoll, .awaitingRegistration):
            if pending == nil { send(.readRegistration(primaryDomain), into: &actions) }
            startTimer(.registrationPoll, configuration.registrationPollInterval, into: &actions)
        case (.registrationTimeout, .awaitingRegistration):
            recover(.registrationTimedOut, into: &actions)
        case (.supervision, .connected), (.supervision, .registered):
            send(.readRegistration(primaryDomain), into: &actions)
        case (.wakeProbe, .sleeping):
            if pending == nil { send(.probe, into: &actions) }
            startTimer(.wakeProbe, configuration.sleepProbeInterval, into: &actions)
        case (.wakeDeadline, .sleeping):
            recover(.unresponsive, into: &actions)
        case (.backoff, .recovering(_, let reason)):
            switch reason {
            case .rebooted, .unresponsive, .registrationTimedOut:
                resetSession()
                enter(.probing(attempt: 1), into: &actions)
            case .registrationLost, .registrationDenied:
                enter(.awaitingRegistration, into: &actions)
            case .operatorRejected:
                enter(afterSIMReady, into: &actions)
            case .pdpDeactivated, .commandFailed:
                enter(isRegistered ? afterRegistration : .awaitingRegistration, into: &actions)
            }
        default:
            break   // a timer that lost the race with a transition
        }
    }
}
