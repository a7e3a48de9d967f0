import ATCodec

extension ModemLifecycleStateMachine {
    /// The awaited request finished: move the bring-up on, retry, or recover.
    mutating func completed(_ request: Request, _ result: Result<Reply, RequestFailure>, into actions: inout [Action]) {
        if case .sleeping = state { return completedAsleep(result, into: &actions) }
        let pastProbing = state != .idle && !isProbing
        switch result {
        case .success:
            consecutiveTimeouts = 0
        case .failure(.timedOut):
            if isSupervising, fellAsleep(into: &actions) { return }
            consecutiveTimeouts += 1
            if pastProbing, consecutiveTimeouts >= configuration.consecutiveTimeoutLimit {
                return recover(.unresponsive, into: &actions)
            }
        case .failure(.modemRebooted):
            if pastProbing { return recover(.rebooted, into: &actions) }
        case .failure:
            break
        }
        switch state {
        case .probing(let attempt):
            if case .success = result { return enter(.configuring(step: 0), into: &actions) }
            if attempt < configuration.probeAttempts { return enter(.probing(attempt: attempt + 1), into: &actions) }
            probingFailed(into: &actions)
        case .detectingBaud(let rate, let attempt):
            detectionProbed(rate: rate, attempt: attempt, result, into: &actions)
        case .selectingOperator(let selection):
            operatorSelected(selection, request, result, into: &actions)
        case .configuring(let step):
            configured(step, request, result, into: &actions)
        case .identifying:
            switch result {
            case .success(.identity(let identity)):
                actions.append(.publish(.identified(identity)))
                actions.append(.selectDialect(identity))
                pinEnteredThisCheck = false
                enter(.checkingSIM(attempt: 1), into: &actions)
            case .failure(.timedOut):
                enter(.identifying, into: &actions)
            default:
                recover(failureReason(request, result), into: &actions)
            }
        case .checkingSIM(let attempt):
            simChecked(attempt, result, into: &actions)
        case .enteringPIN:
            pinEntered(result, into: &actions)
        case .enteringPUK:
            pukEntered(request, result, into: &actions)
        case .simLocked(let problem):
            // Only the retries read is sent while locked; a failed read publishes them unknown,
            // so a watcher waiting for the count is not left waiting.
            guard case .success(.simRetries(let retries)) = result else {
                return actions.append(.publish(.simRetriesChanged(SIMRetries())))
            }
            switch problem {
            case .pinRequired, .pinRejected:
                // The last wrong PIN spent the last attempt: the SIM now wants its PUK.
                if retries.pin == 0 { enter(.simLocked(.pukRequired), into: &actions) }
            default:
                break
            }
            actions.append(.publish(.simRetriesChanged(retries)))
        case .awaitingRegistration:
            switch (request, result) {
            case (_, .success(.registration(let registration))):
                registrationRead(registration, into: &actions)
            case (.readRegistration(let domain), .failure(.rejected)) where supportedDomains.count > 1:
                // The modem refuses to report this domain (SIM800 answers ERROR to AT+CEREG?),
                // although setting its reporting looked accepted: read the next domain at once,
                // rather than ask again at every poll and never see the registration.
                supportedDomains.remove(domain)
                send(.readRegistration(primaryDomain), into: &actions)
            default:
                break   // other failures wait for the next poll or URC
            }
        case .attaching:
            guard case .success = result else { return recover(failureReason(request, result), into: &actions) }
            enter(.activating(.defining), into: &actions)
        case .activating(let step):
            dataStepCompleted(step, request, result, into: &actions)
        case .connected, .registered:
            supervisionCompleted(request, result, into: &actions)
        case .idle, .recovering, .stopped, .sleeping:
            break
        }
    }

    var isProbing: Bool {
        switch state {
        case .probing, .detectingBaud: true
        default: false
        }
    }

    private mutating func configured(_ step: Int, _ request: Request, _ result: Result<Reply, RequestFailure>, into actions: inout [Action]) {
        switch (request, result) {
        case (_, .failure(.timedOut)):
            return enter(.configuring(step: step), into: &actions)
        case (.registrationReporting(let domain, _), .failure):
            supportedDomains.remove(domain)   // SIM800: +CEREG is not supported
        case (.fixBaudRate, .failure):
            break                              // the modem keeps autobauding; detection finds it again
        case (.packetEventReporting, .failure):
            break                              // optional: vendor URCs still report PDP loss
        case (.requestPSM, .failure(let failure)), (.requestEDRX, .failure(let failure)):
            // A modem without PSM/eDRX still works, awake; the refusal is reported.
            actions.append(.publish(.powerSavingRefused(request: request.description, failure)))
        case (_, .failure):
            return recover(failureReason(request, result), into: &actions)
        case (_, .success):
            break
        }
        let next = step + 1
        enter(next < configurationRequests.count ? .configuring(step: next) : .identifying, into: &actions)
    }

    private mutating func simChecked(_ attempt: Int, _ result: Result<Reply, RequestFailure>, into actions: inout [Action]) {
        func retry(_ actions: inout [Action], _ why: String) {
            guard attempt < configuration.simAttempts else { return enter(.simLocked(.failure(why)), into: &actions) }
            state = .checkingSIM(attempt: attempt + 1)
            actions.append(.publish(.stateChanged(state)))
            startTimer(.simRetry, configuration.simRetryInterval, into: &actions)
        }
        switch result {
        case .success(.sim(let sim)):
            switch sim {
            case .ready:
                enter(afterSIMReady, into: &actions)
            case .simPIN:
                if pinEnteredThisCheck {
                    // The SIM still wants a PIN after one was entered: refused. Never again.
                    markPINRejected()
                    enter(.simLocked(.pinRejected(nil)), into: &actions)
                } else {
                    enter(.enteringPIN, into: &actions)
                }
            case .simPUK:
                markPINRejected()
                enter(.simLocked(.pukRequired), into: &actions)
            case .notInserted:
                enter(.simLocked(.notInserted), into: &actions)
            case .notReady, .other:
                retry(&actions, "the SIM stayed \(sim)")
            default:
                enter(.simLocked(.codeRequired(sim)), into: &actions)
            }
        case .failure(.rejected(.cmeError(let error))):
            switch error {
            case .simNotInserted: enter(.simLocked(.notInserted), into: &actions)
            case .simPUKRequired: enter(.simLocked(.pukRequired), into: &actions)
            case .simFailure, .simWrong: enter(.simLocked(.failure(error.text)), into: &actions)
            default: retry(&actions, error.text)   // SIM busy (14) while it starts
            }
        case .failure(let failure):
            retry(&actions, "\(failure)")
        case .success:
            retry(&actions, "unexpected answer")
        }
    }

    private mutating func pinEntered(_ result: Result<Reply, RequestFailure>, into actions: inout [Action]) {
        pinEnteredThisCheck = true
        switch result {
        case .success, .failure(.timedOut):
            // Unknown outcome on a timeout: read the SIM state rather than enter the PIN again.
            enter(.checkingSIM(attempt: 1), into: &actions)
        case .failure(.rejected(.cmeError(.simPUKRequired))):
            markPINRejected()
            enter(.simLocked(.pukRequired), into: &actions)
        case .failure(.rejected(let final)):
            markPINRejected()
            enter(.simLocked(.pinRejected(final)), into: &actions)
        case .failure:
            markPINRejected()
            enter(.simLocked(.pinRejected(nil)), into: &actions)
        }
    }

    /// The PUK was sent once: on success the SIM is read again (and the new PIN is the one to
    /// enter should it ask); a refusal waits for the user; a timeout reads the SIM rather than
    /// send the PUK again.
    private mutating func pukEntered(_ request: Request, _ result: Result<Reply, RequestFailure>, into actions: inout [Action]) {
        switch result {
        case .success, .failure(.timedOut):
            if case .enterPUK(_, let newPIN) = request {
                userPIN = newPIN
                configuredPINRejected = true
            }
            pinEnteredThisCheck = false
            enter(.checkingSIM(attempt: 1), into: &actions)
        case .failure(.rejected(let final)):
            enter(.simLocked(.pukRejected(final)), into: &actions)
        case .failure:
            enter(.simLocked(.pukRejected(nil)), into: &actions)
        }
    }

    private mutating func markPINRejected() {
        if userPIN != nil { userPIN = nil } else { configuredPINRejected = true }
    }

    private mutating func dataStepCompleted(_ step: DataStep, _ request: Request, _ result: Result<Reply, RequestFailure>, into actions: inout [Action]) {
        switch (step, result) {
        case (.defining, .failure(.rejected(.cmeError(.operationNotAllowed)))) where !staleContextDeactivated:
            // LTE brought the default bearer up on this cid at attach: redefine it.
            staleContextDeactivated = true
            enter(.activating(.deactivatingStale), into: &actions)
        case (.deactivatingStale, .success):
            enter(.activating(.defining), into: &actions)
        case (.defining, .success):
            let next: DataStep = configuration.dataSession.credentials == nil ? .activating : .authenticating
            enter(.activating(next), into: &actions)
        case (.authenticating, .success):
            enter(.activating(.activating), into: &actions)
        case (.activating, .success):
            enter(.activating(.readingAddress), into: &actions)
        case (.readingAddress, .success(.addresses(let addresses))):
            let usable = addresses.filter { !$0.isUnspecified }
            if usable.isEmpty { return recover(.pdpDeactivated, into: &actions) }
            enter(.connected(usable), into: &actions)
        default:
            recover(failureReason(request, result), into: &actions)
        }
    }

    private mutating func supervisionCompleted(_ request: Request, _ result: Result<Reply, RequestFailure>, into actions: inout [Action]) {
        switch (request, result) {
        case (.readOperator, _):
            if case .success(.networkOperator(let name, let technology)) = result {
                actions.append(.publish(.operatorChanged(name: name, technology: technology)))
            }
            send(.readSignal, into: &actions)
        case (.readRegistration, _):
            if case .success(.registration(let registration)) = result {
                registrationRead(registration, into: &actions)
                guard isSupervising else { return }
            }
            send(.readSignal, into: &actions)
        default:
            if case .success(.signal(let dBm)) = result { actions.append(.publish(.signalChanged(rssiDBm: dBm))) }
            startTimer(.supervision, configuration.supervisionInterval, into: &actions)
        }
    }

    func failureReason(_ request: Request, _ result: Result<Reply, RequestFailure>) -> RecoveryReason {
        if case .failure(.rejected(let final)) = result { return .commandFailed(request.description, final) }
        return .unresponsive
    }
}
