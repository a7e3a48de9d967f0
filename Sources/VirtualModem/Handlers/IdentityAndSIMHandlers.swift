/// Identity (`+CGMI`, `+CGMM`, `+CGMR`, `+CGSN`, `+CIMI`, ICCID forms) and the SIM (`+CPIN`,
/// `+CLCK "SC"`, `+CPWD`, `+CPINR`).
///
///     AT+CPIN?          → +CPIN: SIM PIN
///     AT+CPIN="1111"    → +CME ERROR: 16           (two attempts left)
///     AT+CPIN="1234"    → OK, then +CPIN: READY and the profile's ready URCs
extension VirtualModem {
    static func registerIdentity(into table: inout [String: HandlerTable.Handler], profile: VirtualModemProfile) {
        func fixed(_ value: @escaping @Sendable (VirtualModemProfile) -> String) -> HandlerTable.Handler {
            { modem, command in
                command.kind == .test ? .ok : .ok([value(modem.profile)])
            }
        }
        table["+CGMI"] = fixed(\.manufacturer)
        table["+GMI"] = fixed(\.manufacturer)
        table["+CGMM"] = fixed(\.model)
        table["+GMM"] = fixed(\.model)
        table["+CGMR"] = fixed(\.revision)
        table["+GMR"] = fixed(\.revision)
        table["+CGSN"] = { modem, command in
            switch command.kind {
            case .test: return .ok
            case .set:
                // TS 27.007: +CGSN=1 prints the IMEI with its prefix.
                guard command.arguments == "1" || command.arguments == "0" else { return .error(.invalidParameter) }
                return .ok([command.arguments == "1" ? "+CGSN: \"\(modem.profile.imei)\"" : modem.profile.imei])
            default: return .ok([modem.profile.imei])
            }
        }
        table["+GSN"] = fixed(\.imei)
        table["+CIMI"] = { modem, command in
            if command.kind == .test { return .ok }
            if let failure = modem.simFailure() { return .error(failure) }
            return .ok([modem.profile.imsi])
        }
        for name in profile.iccidCommands {
            table[name] = { modem, command in
                if command.kind == .test { return .ok }
                guard modem.sim.present else { return .error(.simNotInserted) }
                // SIMCom's +CCID prints the bare number; the others prefix it.
                let line = name == "+CCID" && modem.profile.dialect != .generic && modem.profile.dialect != .ublox
                    ? modem.profile.iccid : "\(name): \(modem.profile.iccid)"
                return .ok([line])
            }
        }
        table["+CNUM"] = { modem, _ in
            if let failure = modem.simFailure() { return .error(failure) }
            return .ok(["+CNUM: \"Own\",\"\(ownNumber)\",145"])
        }
    }

    static func registerSIM(into table: inout [String: HandlerTable.Handler]) {
        table["+CPIN"] = { modem, command in
            switch command.kind {
            case .test: return .ok
            case .read, .execute:
                guard modem.sim.present else { return .error(.simNotInserted) }
                if !modem.sim.initialised || modem.now < modem.sim.busyUntil { return .error(.simBusy) }
                switch modem.sim.lock {
                case .ready: return .ok(["+CPIN: READY"])
                case .pinRequired: return .ok(["+CPIN: SIM PIN"])
                case .pukRequired: return .ok(["+CPIN: SIM PUK"])
                case .blocked: return .error(.cme(13))
                }
            case .set:
                return modem.enterPIN(command)
            }
        }
        table["+CPINR"] = { modem, command in
            guard modem.sim.present else { return .error(.simNotInserted) }
            let pin = "+CPINR: SIM PIN,\(modem.sim.pinAttemptsLeft),3"
            let puk = "+CPINR: SIM PUK,\(modem.sim.pukAttemptsLeft),10"
            switch command.text(0)?.uppercased() {
            case nil, "SIM*": return .ok([pin, puk])
            case "SIM PIN": return .ok([pin])
            case "SIM PUK": return .ok([puk])
            default: return .ok
            }
        }
        table["+CLCK"] = { modem, command in
            switch command.kind {
            case .test: return .ok(["+CLCK: (\"SC\",\"AO\",\"OI\",\"AI\",\"PN\")"])
            case .set:
                guard let facility = command.text(0)?.uppercased() else { return .error(.invalidParameter) }
                guard case .some(.some(let mode)) = command.int(1, in: 0...2) else { return .error(.invalidParameter) }
                if let failure = modem.simFailure() { return .error(failure) }
                guard facility == "SC" else { return mode == 2 ? .ok(["+CLCK: 0"]) : .error(.notSupported) }
                if mode == 2 { return .ok(["+CLCK: \(modem.sim.pinEnabled ? 1 : 0)"]) }
                guard let password = command.text(2) else { return .error(.invalidParameter) }
                guard password == modem.sim.pin ?? modem.configuration.sim.pin ?? "0000" else {
                    return modem.wrongPIN()
                }
                modem.sim.pinAttemptsLeft = modem.configuration.sim.pinAttempts
                modem.sim.pinEnabled = mode == 1
                if modem.sim.pin == nil { modem.sim.pin = password }
                return .ok
            default: return .error(.invalidParameter)
            }
        }
        table["+CPWD"] = { modem, command in
            guard command.kind == .set else { return command.kind == .test ? .ok(["+CPWD: (\"SC\",8)"]) : .error(.invalidParameter) }
            if let failure = modem.simFailure() { return .error(failure) }
            guard command.text(0)?.uppercased() == "SC", let old = command.text(1), let new = command.text(2) else { return .error(.invalidParameter) }
            guard isPIN(new) else { return .error(.invalidParameter) }
            guard old == modem.sim.pin ?? "0000" else { return modem.wrongPIN() }
            modem.sim.pin = new
            return .ok
        }
    }

    static func isPIN(_ text: String) -> Bool {
        (4...8).contains(text.count) && text.allSatisfy { $0.isASCII && $0.isNumber }
    }

    mutating func enterPIN(_ command: ParsedCommand) -> CommandResult {
        guard sim.present else { return .error(.simNotInserted) }
        if !sim.initialised || now < sim.busyUntil { return .error(.simBusy) }
        guard let first = command.text(0), Self.isPIN(first) || first.count == 8 else { return .error(.invalidParameter) }
        switch sim.lock {
        case .ready:
            return .error(.notAllowed)
        case .blocked:
            return .error(.cme(13))
        case .pinRequired:
            guard first == sim.pin else { return wrongPIN() }
            sim.pinAttemptsLeft = configuration.sim.pinAttempts
            unlocked()
            return .ok
        case .pukRequired:
            guard let newPIN = command.text(1), Self.isPIN(newPIN) else { return .error(.invalidParameter) }
            guard first == sim.puk else {
                sim.pukAttemptsLeft -= 1
                if sim.pukAttemptsLeft <= 0 { sim.lock = .blocked }
                return .error(.incorrectPassword)
            }
            sim.pin = newPIN
            sim.pinAttemptsLeft = configuration.sim.pinAttempts
            sim.pukAttemptsLeft = configuration.sim.pukAttempts
            unlocked()
            return .ok
        }
    }

    /// A wrong PIN: one attempt fewer; the last one locks the SIM behind its PUK.
    mutating func wrongPIN() -> CommandResult {
        sim.pinAttemptsLeft -= 1
        if sim.pinAttemptsLeft <= 0 {
            sim.pinAttemptsLeft = 0
            sim.lock = .pukRequired
            emitURC("+CPIN: SIM PUK")
        }
        return .error(.incorrectPassword)
    }

    private mutating func unlocked() {
        sim.lock = .ready
        emitURC("+CPIN: READY")
        for urc in profile.simReadyURCs where urc != "+CPIN: READY" { emitURC(urc) }
        if network.functionality == 1 && network.operatorMode != 2 { startRegistration() }
    }
}
