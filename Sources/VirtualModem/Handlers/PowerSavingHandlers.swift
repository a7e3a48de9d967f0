/// PSM (`+CPSMS`) and eDRX (`+CEDRXS`, `+CEDRXRDP`), and the sleep they lead to.
///
///     AT+CPSMS=1,,,"00000110","00100001"   → OK; T3412 1 h, T3324 1 min
///     (1 min without activity)              → deep sleep: deaf, unreachable
///     (after T3412, or the power key)       → awake again, held URCs delivered
///
/// Timer octets are checked as TS 24.008 GPRS Timer 2/3 values (8 binary digits).
extension VirtualModem {
    static func registerPowerSaving(into table: inout [String: HandlerTable.Handler]) {
        table["+CPSMS"] = { modem, command in
            switch command.kind {
            case .read:
                let p = modem.powerSaving
                return .ok(["+CPSMS: \(p.psmMode),,,\"\(p.requestedTAU ?? "")\",\"\(p.requestedActiveTime ?? "")\""])
            case .test:
                return .ok(["+CPSMS: (0-2),,,(\"00000000\"-\"11111111\"),(\"00000000\"-\"11111111\")"])
            case .execute:
                modem.powerSaving.psmMode = 0
                return .ok
            case .set:
                guard case .some(.some(let mode)) = command.int(0, in: 0...2, default: 0) else { return .error(.invalidParameter) }
                for index in [1, 2, 3, 4] {
                    if let value = command.text(index), !value.isEmpty, !isTimerOctet(value) { return .error(.invalidParameter) }
                }
                if mode == 2 {
                    modem.powerSaving.psmMode = 0
                    modem.powerSaving.requestedTAU = nil
                    modem.powerSaving.requestedActiveTime = nil
                    modem.timers.cancel(.powerSaving)
                    return .ok
                }
                modem.powerSaving.psmMode = mode
                if let tau = command.text(3), !tau.isEmpty { modem.powerSaving.requestedTAU = tau }
                if let active = command.text(4), !active.isEmpty { modem.powerSaving.requestedActiveTime = active }
                modem.timers.cancel(.powerSaving)
                modem.scheduleSleep()
                return .ok
            }
        }
        table["+CEDRXS"] = { modem, command in
            switch command.kind {
            case .read:
                let p = modem.powerSaving
                return .ok(["+CEDRXS: \(p.edrxMode == 0 ? 0 : p.edrxAccessType),\"\(p.requestedEDRX ?? "0000")\""])
            case .test: return .ok(["+CEDRXS: (0-3),(4,5),(\"0000\"-\"1111\")"])
            case .execute: return .ok
            case .set:
                guard case .some(.some(let mode)) = command.int(0, in: 0...3, default: 0),
                      case .some(.some(let type)) = command.int(1, in: 1...5, default: 4) else { return .error(.invalidParameter) }
                if let value = command.text(2), !value.isEmpty {
                    guard value.count == 4, value.allSatisfy({ $0 == "0" || $0 == "1" }) else { return .error(.invalidParameter) }
                    modem.powerSaving.requestedEDRX = value
                }
                modem.powerSaving.edrxMode = mode == 3 ? 0 : mode
                modem.powerSaving.edrxAccessType = type
                if mode == 3 { modem.powerSaving.requestedEDRX = nil }
                if mode == 2, let value = modem.powerSaving.requestedEDRX {
                    modem.emitURC("+CEDRXP: \(type),\"\(value)\",\"\(value)\",\"0011\"")
                }
                return .ok
            }
        }
        table["+CEDRXRDP"] = { modem, _ in
            let p = modem.powerSaving
            guard p.edrxMode != 0, let value = p.requestedEDRX else { return .ok(["+CEDRXRDP: 0"]) }
            return .ok(["+CEDRXRDP: \(p.edrxAccessType),\"\(value)\",\"\(value)\",\"0011\""])
        }
    }

    static func isTimerOctet(_ text: String) -> Bool {
        text.count == 8 && text.allSatisfy { $0 == "0" || $0 == "1" }
    }

    /// GPRS Timer 3 (T3412 extended, TS 24.008 §10.5.7.4a) as a duration; `nil` when deactivated.
    static func periodicTAU(_ octet: String) -> Duration? {
        guard let bits = UInt8(octet, radix: 2) else { return nil }
        let value = Int64(bits & 0x1F)
        switch bits >> 5 {
        case 0: return .seconds(value * 600)
        case 1: return .seconds(value * 3600)
        case 2: return .seconds(value * 36_000)
        case 3: return .seconds(value * 2)
        case 4: return .seconds(value * 30)
        case 5: return .seconds(value * 60)
        case 6: return .seconds(value * 1_152_000)
        default: return nil
        }
    }

    /// GPRS Timer 2 (T3324, TS 24.008 §10.5.7.4) as a duration; `nil` when deactivated.
    static func activeTime(_ octet: String) -> Duration? {
        guard let bits = UInt8(octet, radix: 2) else { return nil }
        let value = Int64(bits & 0x1F)
        switch bits >> 5 {
        case 0: return .seconds(value * 2)
        case 1: return .seconds(value * 60)
        case 2: return .seconds(value * 360)
        case 7: return nil
        default: return .seconds(value * 60)
        }
    }

    /// Something happened on the line: the active timer starts again.
    mutating func noteActivity() {
        powerSaving.lastActivity = now
        if powerSaving.psmMode == 1 && !timers.contains(.powerSaving) { scheduleSleep() }
    }

    /// Arms the PSM sleep for the end of the active time (re-armed if activity moved it).
    mutating func scheduleSleep() {
        guard powerSaving.psmMode == 1, let granted = grantedPSM, let active = Self.activeTime(granted.activeTime) else { return }
        let due = powerSaving.lastActivity + active
        timers.insert(deadline: max(due, now), tag: .powerSaving) { modem in
            guard modem.powerSaving.psmMode == 1 else { return }
            if modem.powerSaving.lastActivity + active > modem.now {
                modem.scheduleSleep()
                return
            }
            modem.fallAsleep()
        }
    }

    mutating func fallAsleep() {
        guard power == .on, network.isRegistered, execution.isIdle, sockets.openCount == 0,
              let granted = grantedPSM, let tau = Self.periodicTAU(granted.periodicTAU) else { return }
        power = .asleep
        powerSaving.sleepCount += 1
        assembler.reset()
        schedule(after: tau, tag: .powerSaving) { $0.wake() }
    }

    /// Leaves PSM: answers again and delivers what arrived while asleep.
    mutating func wake() {
        guard power == .asleep else { return }
        power = .on
        timers.cancel(.powerSaving)
        powerSaving.lastActivity = now
        let held = sleepingURCs
        sleepingURCs.removeAll()
        for urc in held { emitURC(urc) }
        deliverHeldMessages()
        scheduleSleep()
    }
}
