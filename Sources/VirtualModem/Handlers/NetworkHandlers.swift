/// Registration reporting (`+CREG`, `+CGREG`, `+CEREG`), operators (`+COPS`), signal (`+CSQ`,
/// `+CESQ`) and functionality (`+CFUN`).
///
///     AT+CEREG=2       → OK, later +CEREG: 2 then +CEREG: 1,"1A2B","01A2B3C4",7
///     AT+CEREG?        → +CEREG: 2,1,"1A2B","01A2B3C4",7
///     AT+COPS=?        → (3 s later) +COPS: (2,"ModemKit Mobile","MKM","00101",7),...,,(0-4),(0-2)
///     AT+CFUN=1,1      → OK, then the boot URCs again
extension VirtualModem {
    static func registerNetwork(into table: inout [String: HandlerTable.Handler]) {
        for domain in NetworkState.Domain.allCases {
            let levels = domain == .circuit ? 0...3 : (domain == .gprs ? 0...4 : 0...5)
            table[domain.name] = { modem, command in
                switch command.kind {
                case .set:
                    guard case .some(.some(let n)) = command.int(0, in: levels, default: 0), command.fields.count <= 1 else {
                        return .error(.invalidParameter)
                    }
                    modem.network.reporting[domain.rawValue] = n
                    return .ok
                case .read:
                    return .ok([modem.registrationLine(domain, read: true)])
                case .test:
                    return .ok(["\(domain.name): \(VirtualModem.range(levels))"])
                case .execute:
                    modem.network.reporting[domain.rawValue] = 0
                    return .ok
                }
            }
        }
        table["+COPS"] = { modem, command in modem.cops(command) }
        table["+CSQ"] = { modem, command in
            if command.kind == .test { return .ok(["+CSQ: (0-31,99),(0-7,99)"]) }
            modem.stepSignal()
            let radio = modem.network.functionality == 1
            return .ok(["+CSQ: \(radio ? modem.network.signal.rssi : 99),\(radio ? modem.network.signal.ber : 99)"])
        }
        table["+CESQ"] = { modem, command in
            if command.kind == .test { return .ok(["+CESQ: (0-63,99),(0-7,99),(0-96,255),(0-49,255),(0-34,255),(0-97,255)"]) }
            modem.stepSignal()
            let rssi = modem.network.signal.rssi
            guard modem.network.functionality == 1, rssi != 99 else { return .ok(["+CESQ: 99,99,255,255,255,255"]) }
            if modem.profile.accessTechnology == 0 {
                return .ok(["+CESQ: \(min(63, rssi * 2)),\(modem.network.signal.ber),255,255,255,255"])
            }
            // RSRP index (−140 dBm + n) from the CSQ scale (−113 dBm + 2n), RSRQ mid-range.
            let rsrp = max(0, min(97, 2 * rssi + 7))
            let rsrq = max(0, min(34, rssi / 2 + 10))
            return .ok(["+CESQ: 99,99,255,255,\(rsrq),\(rsrp)"])
        }
        table["+CFUN"] = { modem, command in modem.cfun(command) }
    }

    mutating func cops(_ command: ParsedCommand) -> CommandResult {
        let operators = configuration.network.operators
        switch command.kind {
        case .read:
            guard network.isRegistered, network.operatorIndex < operators.count else { return .ok(["+COPS: \(network.operatorMode)"]) }
            let entry = operators[network.operatorIndex]
            let name = [entry.longName, entry.shortName, entry.numeric][network.operatorFormat]
            return .ok(["+COPS: \(network.operatorMode),\(network.operatorFormat),\"\(name)\",\(profile.accessTechnology)"])
        case .test:
            if let failure = simFailure() { return .error(failure) }
            guard network.functionality == 1 else { return .error(.noNetwork) }
            return .after(profile.timing.operatorScanTime) { modem in
                let list = operators.enumerated().map { index, entry in
                    let status = modem.network.isRegistered && index == modem.network.operatorIndex ? 2 : entry.status
                    return "(\(status),\"\(entry.longName)\",\"\(entry.shortName)\",\"\(entry.numeric)\",\(entry.accessTechnology ?? modem.profile.accessTechnology))"
                }
                return .ok(["+COPS: " + list.joined(separator: ",") + ",,(0-4),(0-2)"])
            }
        case .execute:
            return .ok
        case .set:
            guard case .some(.some(let mode)) = command.int(0, in: 0...4) else { return .error(.invalidParameter) }
            guard case .some(.some(let format)) = command.int(1, in: 0...2, default: network.operatorFormat) else { return .error(.invalidParameter) }
            switch mode {
            case 3:
                network.operatorFormat = format
                return .ok
            case 2:
                network.operatorMode = 2
                deregister(to: 0)
                return .ok
            case 0:
                network.operatorMode = 0
                network.operatorFormat = format
                network.operatorIndex = 0
                return reselect()
            default:
                if let failure = simFailure() { return .error(failure) }
                guard let name = command.text(2) else { return .error(.invalidParameter) }
                guard let index = operators.firstIndex(where: { [$0.longName, $0.shortName, $0.numeric][format] == name }) else {
                    if mode == 4 {
                        network.operatorMode = 0
                        network.operatorIndex = 0
                        return reselect()
                    }
                    return .error(.noNetwork)
                }
                if operators[index].status == 3 { return .error(.cme(32)) }
                network.operatorMode = mode == 4 ? 1 : mode
                network.operatorFormat = format
                network.operatorIndex = index
                return reselect()
            }
        }
    }

    /// Registers again (a `+COPS` selection): busy until the network answers.
    private mutating func reselect() -> CommandResult {
        if let failure = simFailure() { return .error(failure) }
        guard network.functionality == 1 else { return .error(.noNetwork) }
        if network.isRegistered { return .ok }
        startRegistration()
        let wait = profile.timing.searchDelay + profile.timing.registrationDelay
        return .after(wait) { modem in
            modem.network.isRegistered ? .ok : .error(.noNetwork)
        }
    }

    mutating func cfun(_ command: ParsedCommand) -> CommandResult {
        switch command.kind {
        case .read: return .ok(["+CFUN: \(network.functionality)"])
        case .test: return .ok(["+CFUN: (0,1,4),(0-1)"])
        case .execute: return .ok
        case .set:
            guard case .some(.some(let level)) = command.int(0, in: 0...4), [0, 1, 4].contains(level),
                  case .some(.some(let reset)) = command.int(1, in: 0...1, default: 0) else {
                return .error(.invalidParameter)
            }
            if reset == 1 {
                // OK first, then the reset.
                schedule(after: .milliseconds(10), tag: .boot) { $0.reboot() }
                return .ok
            }
            let old = network.functionality
            network.functionality = level
            if level != 1 && old == 1 {
                closeAllSockets(notify: true)
                deactivateAllContexts(notify: false)
                deregister(to: 0)
            } else if level == 1 && old != 1 && simFailure() == nil && network.operatorMode != 2 {
                startRegistration()
            }
            return .ok
        }
    }

    /// Moves the signal on by as many steps as have passed since it was last read.
    mutating func stepSignal() {
        guard !network.signal.pinned else { return }
        let step = profile.timing.signalStep
        guard step > .zero else { return }
        var steps = 0
        while network.signal.lastStep + step <= now && steps < 1000 {
            network.signal.lastStep += step
            steps += 1
        }
        if steps == 1000 { network.signal.lastStep = now }
        guard steps > 0 else { return }
        switch configuration.network.signal {
        case .fixed:
            break
        case .randomWalk(_, let low, let high):
            for _ in 0..<steps {
                let next = network.signal.rssi + randomInt(in: -2...2)
                network.signal.rssi = min(max(next, low), high)
            }
        case .scripted(let values):
            network.signal.scriptIndex = min(network.signal.scriptIndex + steps, max(0, values.count - 1))
            if network.signal.scriptIndex < values.count { network.signal.rssi = values[network.signal.scriptIndex] }
        }
    }
}
