/// Packet domain: attach (`+CGATT`), PDP contexts (`+CGDCONT`, `+CGAUTH`, `+CGACT`, `+CGPADDR`)
/// and their events (`+CGEREP`, `+CGEV`).
///
///     AT+CGDCONT=1,"IP","internet"   → OK
///     AT+CGACT=1,1                    → OK (after the activation time)
///     AT+CGPADDR=1                    → +CGPADDR: 1,"10.64.12.7"
///     (network)                       → +CGEV: NW PDN DEACT 1      (with +CGEREP=1)
extension VirtualModem {
    static let pdpTypes = ["IP", "IPV6", "IPV4V6", "PPP", "NON-IP"]

    static func registerPacket(into table: inout [String: HandlerTable.Handler]) {
        table["+CGATT"] = { modem, command in
            switch command.kind {
            case .read: return .ok(["+CGATT: \(modem.packet.attached ? 1 : 0)"])
            case .test: return .ok(["+CGATT: (0-1)"])
            case .execute: return .ok
            case .set:
                guard case .some(.some(let state)) = command.int(0, in: 0...1) else { return .error(.invalidParameter) }
                if state == 0 {
                    modem.packetDetached(byNetwork: false)
                    return .ok
                }
                if let failure = modem.simFailure() { return .error(failure) }
                if modem.packet.attached { return .ok }
                guard modem.network.functionality == 1 else { return .error(.noNetwork) }
                if modem.network.isRegistered {
                    modem.packetAttached()
                    return .ok
                }
                let wait = modem.profile.timing.searchDelay + modem.profile.timing.registrationDelay
                return .after(wait) { modem in
                    guard modem.network.isRegistered else { return .error(.cme(148)) }
                    modem.packetAttached()
                    return .ok
                }
            }
        }
        table["+CGDCONT"] = { modem, command in
            switch command.kind {
            case .read:
                return .ok(modem.packet.contexts.map {
                    "+CGDCONT: \($0.cid),\"\($0.type)\",\"\($0.apn)\",\"\($0.address ?? "0.0.0.0")\",0,0"
                })
            case .test:
                return .ok(pdpTypes.map { "+CGDCONT: (1-15),\"\($0)\",,,(0-2),(0-4)" })
            case .execute: return .ok
            case .set:
                guard case .some(.some(let cid)) = command.int(0, in: 1...15) else { return .error(.invalidParameter) }
                guard command.fields.count > 1 else {
                    modem.packet.contexts.removeAll { $0.cid == cid }
                    return .ok
                }
                guard let type = command.text(1)?.uppercased(), pdpTypes.contains(type) else { return .error(.invalidParameter) }
                let apn = command.text(2) ?? ""
                guard apn.count <= 100, apn.allSatisfy({ $0.isASCII && !$0.isWhitespace && $0 != "\"" }) else { return .error(.invalidParameter) }
                if modem.packet.context(cid)?.active == true { return .error(.notAllowed) }
                modem.packet.contexts.removeAll { $0.cid == cid }
                modem.packet.contexts.append(PacketState.Context(cid: cid, type: type, apn: apn))
                modem.packet.contexts.sort { $0.cid < $1.cid }
                return .ok
            }
        }
        table["+CGAUTH"] = { modem, command in
            switch command.kind {
            case .set:
                guard case .some(.some(let cid)) = command.int(0, in: 1...15),
                      case .some(.some(let auth)) = command.int(1, in: 0...3, default: 0) else { return .error(.invalidParameter) }
                guard modem.packet.context(cid) != nil else { return .error(.invalidParameter) }
                modem.packet.update(cid) {
                    $0.authentication = auth
                    $0.username = command.text(2)
                    $0.password = command.text(3)
                }
                return .ok
            case .read:
                return .ok(modem.packet.contexts.map { "+CGAUTH: \($0.cid),\($0.authentication),\"\($0.username ?? "")\"" })
            case .test: return .ok(["+CGAUTH: (1-15),(0-3),127,127"])
            case .execute: return .ok
            }
        }
        table["+CGACT"] = { modem, command in
            switch command.kind {
            case .read:
                return .ok(modem.packet.contexts.map { "+CGACT: \($0.cid),\($0.active ? 1 : 0)" })
            case .test: return .ok(["+CGACT: (0,1)"])
            case .execute: return .ok
            case .set:
                guard case .some(.some(let state)) = command.int(0, in: 0...1) else { return .error(.invalidParameter) }
                var cids: [Int] = []
                for index in 1..<max(1, command.fields.count) {
                    guard case .some(.some(let cid)) = command.int(index, in: 1...15) else { return .error(.invalidParameter) }
                    cids.append(cid)
                }
                if cids.isEmpty { cids = modem.packet.contexts.map(\.cid) }
                for cid in cids where modem.packet.context(cid) == nil { return .error(.invalidParameter) }
                if state == 0 {
                    for cid in cids { modem.deactivateContext(cid, byNetwork: false) }
                    return .ok
                }
                if let failure = modem.simFailure() { return .error(failure) }
                guard modem.network.isRegistered else { return .error(.noNetwork) }
                if let accepted = modem.configuration.network.acceptedAPNs {
                    let known = Set(accepted.map { $0.lowercased() })
                    for cid in cids where !known.contains((modem.packet.context(cid)?.apn ?? "").lowercased()) {
                        return .error(.cme(127))
                    }
                }
                modem.packetAttached()
                let requested = cids
                return .after(modem.profile.timing.activationTime) { modem in
                    guard modem.network.isRegistered else { return .error(.cme(148)) }
                    for cid in requested { modem.activateContext(cid) }
                    return .ok
                }
            }
        }
        table["+CGPADDR"] = { modem, command in
            if command.kind == .test { return .ok(["+CGPADDR: (" + modem.packet.contexts.map { String($0.cid) }.joined(separator: ",") + ")"]) }
            var cids = modem.packet.contexts.map(\.cid)
            if command.kind == .set {
                cids = []
                for index in command.fields.indices {
                    guard case .some(.some(let cid)) = command.int(index, in: 1...15) else { return .error(.invalidParameter) }
                    cids.append(cid)
                }
            }
            return .ok(cids.compactMap { cid in
                modem.packet.context(cid).map { "+CGPADDR: \(cid),\"\($0.active ? $0.address ?? "0.0.0.0" : "0.0.0.0")\"" }
            })
        }
        table["+CGEREP"] = { modem, command in
            switch command.kind {
            case .set:
                guard case .some(.some(let mode)) = command.int(0, in: 0...2, default: 0) else { return .error(.invalidParameter) }
                modem.settings.cgerep = mode
                return .ok
            case .read: return .ok(["+CGEREP: \(modem.settings.cgerep),0"])
            case .test: return .ok(["+CGEREP: (0-2),(0-1)"])
            case .execute: return .ok
            }
        }
    }

    /// PS attach (automatic after registration; LTE also brings up the default bearer on cid 1).
    mutating func packetAttached() {
        guard !packet.attached else { return }
        packet.attached = true
        if profile.supportsEPS {
            if packet.context(1) == nil {
                packet.contexts.insert(PacketState.Context(cid: 1, type: "IPV4V6", apn: ""), at: 0)
            }
            activateContext(1)
        }
    }

    mutating func packetDetached(byNetwork: Bool) {
        guard packet.attached else { return }
        deactivateAllContexts(notify: byNetwork)
        packet.attached = false
        if byNetwork && settings.cgerep > 0 { emitURC("+CGEV: NW DETACH") }
    }

    mutating func activateContext(_ cid: Int) {
        guard let context = packet.context(cid), !context.active else { return }
        let address = "10.\(64 + Int(configuration.seed % 64)).\(randomInt(in: 0...255)).\(randomInt(in: 2...254))"
        packet.update(cid) {
            $0.active = true
            $0.address = address
        }
        if settings.cgerep > 0 { emitURC("+CGEV: ME PDN ACT \(cid)") }
    }

    mutating func deactivateContext(_ cid: Int, byNetwork: Bool) {
        guard packet.context(cid)?.active == true else { return }
        packet.update(cid) {
            $0.active = false
            $0.address = nil
        }
        contextDeactivated(cid, byNetwork: byNetwork)
        if settings.cgerep > 0 { emitURC(byNetwork ? "+CGEV: NW PDN DEACT \(cid)" : "+CGEV: ME PDN DEACT \(cid)") }
    }

    mutating func deactivateAllContexts(notify: Bool) {
        for context in packet.contexts where context.active { deactivateContext(context.cid, byNetwork: notify) }
    }
}
