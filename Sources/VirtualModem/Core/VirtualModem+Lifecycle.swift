/// Power, boot, SIM initialisation and registration: the modem's own progress over time.
extension VirtualModem {
    mutating func powerOn() {
        power = .booting
        schedule(after: profile.timing.bootTime, tag: .boot) { $0.bootCompleted() }
    }

    mutating func bootCompleted() {
        power = .on
        powerSaving.lastActivity = now
        for urc in profile.bootURCs { emitURC(urc) }
        guard sim.present else { return }
        sim.initialised = false
        sim.busyUntil = now + profile.timing.simBusyTime
        schedule(after: profile.timing.simBusyTime, tag: .sim) { $0.simInitialised() }
    }

    mutating func simInitialised() {
        sim.initialised = true
        switch sim.lock {
        case .ready, .pinRequired:
            if sim.pinEnabled {
                sim.lock = .pinRequired
                emitURC("+CPIN: SIM PIN")
            } else {
                sim.lock = .ready
                simBecameReady()
            }
        case .pukRequired:
            emitURC("+CPIN: SIM PUK")
        case .blocked:
            break
        }
    }

    mutating func simBecameReady() {
        for urc in profile.simReadyURCs { emitURC(urc) }
        if network.functionality == 1 && network.operatorMode != 2 { startRegistration() }
    }

    /// Reboots: everything volatile is lost, the profile's boot URCs come again.
    /// `AT+CFUN=1,1` answers `OK` first; a fault or an injected reboot does not.
    mutating func reboot() {
        statistics.reboots += 1
        dataCall = nil
        abandonLine()
        timers.cancelAll(except: [.scenario, .fault])
        closeAllSockets(notify: false)
        settings = Settings()
        network = NetworkState(configuration: configuration.network)
        network.signal = NetworkState.initialSignal(configuration.network.signal)
        packet = PacketState()
        powerSaving = PowerSavingState(psmMode: powerSaving.psmMode, requestedTAU: powerSaving.requestedTAU, requestedActiveTime: powerSaving.requestedActiveTime)
        sim.initialised = false
        sms.resetVolatile()
        sleepingURCs.removeAll()
        power = .booting
        if let bootURC = profile.powerDownURC { writeURC([bootURC]) }
        schedule(after: profile.timing.bootTime, tag: .boot) { $0.bootCompleted() }
    }

    // MARK: Registration

    mutating func startRegistration() {
        timers.cancel(.registration)
        let timing = profile.timing
        schedule(after: timing.searchDelay, tag: .registration) { modem in
            modem.setRegistration(2)
            modem.schedule(after: timing.registrationDelay, tag: .registration) { $0.registrationOutcome() }
        }
    }

    mutating func registrationOutcome() {
        switch network.outcome {
        case .home:
            network.rejectCause = nil
            setRegistration(1)
        case .roaming:
            network.rejectCause = nil
            setRegistration(5)
        case .denied(let cause):
            network.rejectCause = cause
            setRegistration(3)
        case .noCoverage:
            setRegistration(2)
        }
        if network.isRegistered {
            packetAttached()
            deliverHeldMessages()
        }
    }

    /// Sets every domain the model has to `stat`, printing URCs for those that changed.
    mutating func setRegistration(_ stat: Int) {
        for domain in NetworkState.Domain.allCases where hasDomain(domain) {
            let old = network.status[domain.rawValue]
            network.status[domain.rawValue] = stat
            if old != stat, network.reporting[domain.rawValue] > 0 {
                emitURC(registrationLine(domain, read: false))
            }
        }
        if !network.isRegistered && packet.attached { packetDetached(byNetwork: true) }
    }

    func hasDomain(_ domain: NetworkState.Domain) -> Bool {
        domain != .eps || profile.supportsEPS
    }

    /// `+CEREG: 1,"1A2B","01A2B3C4",7` (URC) or `+CEREG: 2,1,"1A2B","01A2B3C4",7` (read), with
    /// the fields the domain's reporting level asks for and trailing empty fields dropped.
    func registrationLine(_ domain: NetworkState.Domain, read: Bool) -> String {
        let n = network.reporting[domain.rawValue]
        let stat = network.status[domain.rawValue]
        var fields: [String] = []
        if read { fields.append(String(n)) }
        fields.append(String(stat))
        if n >= 2 {
            let located = [1, 5, 6, 7, 9, 10].contains(stat)
            if located {
                fields += ["\"\(network.areaCode)\"", "\"\(network.cellID)\"", String(profile.accessTechnology)]
            } else {
                fields += ["", "", ""]
            }
            if n == 3 || n == 5 {
                if let cause = network.rejectCause, stat == 3 { fields += ["0", String(cause)] } else { fields += ["", ""] }
            } else if n == 4 {
                fields += ["", ""]
            }
            if n >= 4, domain != .circuit {
                if powerSaving.psmMode == 1, let granted = grantedPSM {
                    fields += ["\"\(granted.activeTime)\"", "\"\(granted.periodicTAU)\""]
                }
            }
        }
        while let last = fields.last, last.isEmpty, fields.count > (read ? 2 : 1) { fields.removeLast() }
        return "\(domain.name): " + fields.joined(separator: ",")
    }

    /// The PSM timers the network grants, when PSM is requested.
    var grantedPSM: (activeTime: String, periodicTAU: String)? {
        guard powerSaving.psmMode == 1 else { return nil }
        let active = configuration.network.grantedActiveTime ?? powerSaving.requestedActiveTime ?? "00100001"
        let tau = configuration.network.grantedPeriodicTAU ?? powerSaving.requestedTAU ?? "00000110"
        return (active, tau)
    }

    /// Drops registration (radio off, `+COPS=2`, an injected loss) to `stat`.
    mutating func deregister(to stat: Int = 0) {
        timers.cancel(.registration)
        setRegistration(stat)
    }
}
