/// SIMCom SIM800 "CIP" socket stack, single link (`AT+CIPMUX=0`, the default) or up to six
/// links (`AT+CIPMUX=1`), with the quirks real SIM800s show:
///
///     AT+CIPMUX=1                      → OK                  (only in IP INITIAL)
///     AT+CSTT="internet"               → OK                  (IP INITIAL → IP START)
///     AT+CIICR                         → OK                  (after the activation time)
///     AT+CIFSR                         → 10.64.3.7           (a bare address, no OK)
///     AT+CIPSTART=0,"TCP","127.0.0.1","7000"  → OK, later 0, CONNECT OK   (space after comma)
///     AT+CIPSEND=0,5                   → "> ", 5 bytes, then 0, SEND OK   (DATA ACCEPT:0,5 with CIPQSEND=1)
///     (data, push)                     → +RECEIVE,0,5: <CR><LF> 5 raw bytes
///     (peer closes)                    → 0, CLOSED
///     AT+CIPCLOSE=0                    → 0, CLOSE OK
///     AT+CIPSTATUS                     → OK, then STATE: IP PROCESSING and C: lines
///     AT+CDNSGIP="localhost"           → OK, then +CDNSGIP: 1,"localhost","127.0.0.1"
///     (network drops the context)      → +PDP: DEACT
///     AT+CIPSHUT                       → SHUT OK
///
/// Single-link mode prints results without the link (`CONNECT OK`) and, before `CONNECT FAIL`,
/// the `STATE:` line; a start in the wrong stack state answers `ERROR` then `STATE: <state>`.
extension VirtualModem {
    static func registerSIM800Sockets(into table: inout [String: HandlerTable.Handler]) {
        table["+CIPMUX"] = { modem, command in
            switch command.kind {
            case .read: return .ok(["+CIPMUX: \(modem.sockets.multiplexed ? 1 : 0)"])
            case .test: return .ok(["+CIPMUX: (0,1)"])
            case .execute: return .error(.error)
            case .set:
                guard let mode = command.required(0, in: 0...1), command.fields.count == 1,
                      modem.sockets.stack == .initial, modem.sockets.openCount == 0 else { return .error(.error) }
                modem.sockets.multiplexed = mode == 1
                return .ok
            }
        }
        table["+CSTT"] = { modem, command in
            switch command.kind {
            case .read: return .ok(["+CSTT: \"\(modem.sockets.stackAPN)\",\"\",\"\""])
            case .test: return .ok(["+CSTT: \"APN\",\"USER\",\"PWD\""])
            case .execute, .set:
                guard modem.sockets.stack == .initial else { return .error(.error) }
                if command.kind == .set {
                    guard let apn = command.text(0), apn.count <= 50, command.fields.count <= 3 else { return .error(.error) }
                    modem.sockets.stackAPN = apn
                }
                modem.sockets.stack = .start
                return .ok
            }
        }
        table["+CIICR"] = { modem, command in
            guard command.kind == .execute, modem.sockets.stack == .start, modem.packet.attached else { return .error(.error) }
            return .after(modem.profile.timing.activationTime) { modem in
                guard modem.packet.attached, modem.sockets.stack == .start else { return .error(.error) }
                modem.packet.contexts.removeAll { $0.cid == 1 && !$0.active }
                if modem.packet.context(1) == nil {
                    modem.packet.contexts.insert(PacketState.Context(cid: 1, type: "IP", apn: modem.sockets.stackAPN), at: 0)
                }
                modem.activateContext(1)
                modem.sockets.stack = .gprsActive
                return .ok
            }
        }
        table["+CIFSR"] = { modem, command in
            guard command.kind == .execute, modem.sockets.stack.hasBearer,
                  let address = modem.packet.context(1)?.address else { return .error(.error) }
            if modem.sockets.stack == .gprsActive { modem.sockets.stack = .status }
            return .final([address], nil)
        }
        table["+CIPSTART"] = { modem, command in modem.sim800Start(command) }
        table["+CIPSEND"] = { modem, command in modem.sim800Send(command) }
        table["+CIPQSEND"] = sim800Switch("+CIPQSEND", \.quickSend)
        table["+CIPHEAD"] = sim800Switch("+CIPHEAD", \.showHeader)
        table["+CIPRXGET"] = { modem, command in simcomRXGET(&modem, command) }
        table["+CIPCLOSE"] = { modem, command in modem.sim800Close(command) }
        table["+CIPSHUT"] = { modem, command in
            guard command.kind == .execute else { return .error(.error) }
            modem.removeSockets { _ in true }
            modem.deactivateContext(1, byNetwork: false)
            modem.sockets.stack = .initial
            return .final([], "SHUT OK")
        }
        table["+CIPSTATUS"] = { modem, command in modem.sim800Status(command) }
        table["+CDNSGIP"] = { modem, command in
            guard command.kind == .set, let host = command.text(0), command.fields.count == 1,
                  modem.sockets.stack.acceptsSockets else { return .error(.error) }
            if let address = modem.resolve(host) {
                modem.emitURC("+CDNSGIP: 1,\"\(host)\",\"\(address)\"")
            } else {
                modem.emitURC("+CDNSGIP: 0,8")
            }
            return .ok
        }
    }

    /// A 0/1 setting: `AT+CIPHEAD=1`, `AT+CIPHEAD?` → `+CIPHEAD: 1`.
    static func sim800Switch(_ name: String, _ setting: WritableKeyPath<SocketState, Bool> & Sendable) -> HandlerTable.Handler {
        { modem, command in
            switch command.kind {
            case .read: return .ok(["\(name): \(modem.sockets[keyPath: setting] ? 1 : 0)"])
            case .test: return .ok(["\(name): (0,1)"])
            case .execute: return .error(.error)
            case .set:
                guard let mode = command.required(0, in: 0...1), command.fields.count == 1 else { return .error(.error) }
                modem.sockets[keyPath: setting] = mode == 1
                return .ok
            }
        }
    }

    /// `<n>, ` in multi-link mode (with the space real SIM800s print), nothing otherwise.
    func sim800Prefix(_ number: Int) -> String {
        sockets.multiplexed ? "\(number), " : ""
    }

    /// The `STATE:` text: the stack's, or in single-link mode the link's.
    var sim800State: String {
        if sockets.multiplexed {
            return sockets.openCount > 0 ? "IP PROCESSING" : sockets.stack.rawValue
        }
        guard let socket = sockets.sockets.first else { return sockets.stack.rawValue }
        let kind = socket.kind == .tcp ? "TCP" : "UDP"
        switch socket.phase {
        case .created, .connecting: return "\(kind) CONNECTING"
        case .connected: return "CONNECT OK"
        case .closing: return "\(kind) CLOSED"
        }
    }

    mutating func sim800Start(_ command: ParsedCommand) -> CommandResult {
        guard command.kind == .set else { return command.kind == .test ? .ok(["+CIPSTART: (\"TCP\",\"UDP\")"]) : .error(.error) }
        let multi = sockets.multiplexed
        let first = multi ? 1 : 0
        var number = 0
        if multi {
            guard let link = command.required(0, in: 0...(profile.maxSockets - 1)) else { return .error(.error) }
            number = link
        }
        guard command.fields.count == first + 3,
              let mode = command.text(first)?.uppercased(), let kind = SocketKind(rawValue: mode.lowercased()),
              let host = command.text(first + 1), !host.isEmpty, host.count <= 255,
              let port = command.required(first + 2, in: 1...65_535) else { return .error(.error) }
        guard sockets.stack.acceptsSockets else {
            if !multi { emitURC("STATE: \(sim800State)") }
            return .error(.error)
        }
        if let index = sockets.index(of: number) {
            if sockets.sockets[index].phase == .closing && !multi {
                removeSocket(index)
            } else {
                emitURC("\(sim800Prefix(number))ALREADY CONNECT")
                return .ok
            }
        }
        addSocket(number: number, kind: kind, host: host, port: port, push: true)
        return .ok
    }

    mutating func sim800Connected(_ index: Int) {
        emitURC("\(sim800Prefix(sockets.sockets[index].number))CONNECT OK")
    }

    mutating func sim800ConnectFailed(_ index: Int, reason: String) {
        let number = sockets.sockets[index].number
        removeSocket(index)
        if !sockets.multiplexed { sockets.stack = .closed }
        if sockets.multiplexed {
            emitURC("\(number), CONNECT FAIL")
        } else {
            emitURC("STATE: TCP CLOSED")
            emitURC("CONNECT FAIL")
        }
    }

    mutating func sim800Lost(_ index: Int, _ loss: SocketLoss) {
        emitURC("\(sim800Prefix(sockets.sockets[index].number))CLOSED")
        if !sockets.multiplexed { sockets.stack = .closed }
        simcomDropOrKeep(index)
    }

    mutating func sim800ContextDeactivated(_ cid: Int, byNetwork: Bool) {
        guard cid == 1, sockets.stack.hasBearer else { return }
        removeSockets { _ in true }
        if byNetwork {
            sockets.stack = .pdpDeactivated
            emitURC("+PDP: DEACT")
        } else {
            sockets.stack = .initial
        }
    }

    mutating func sim800Send(_ command: ParsedCommand) -> CommandResult {
        let multi = sockets.multiplexed
        let most = profile.maxSendLength
        switch command.kind {
        case .test:
            return .ok([multi ? "+CIPSEND: (0-\(profile.maxSockets - 1)),(1-\(most))" : "+CIPSEND: (1-\(most))"])
        case .read:
            guard multi else { return .ok(["+CIPSEND: \(most)"]) }
            return .ok((0..<profile.maxSockets).map { number in
                let open = sockets.index(of: number).map { sockets.sockets[$0].phase == .connected } ?? false
                return "+CIPSEND: \(number),\(open ? most : 0)"
            })
        case .execute, .set:
            break
        }
        var number = 0
        var length: Int?
        if multi {
            guard command.kind == .set, let link = command.required(0, in: 0...(profile.maxSockets - 1)),
                  case .some(let given) = command.int(1, in: 1...most), command.fields.count <= 2 else { return .error(.error) }
            number = link
            length = given
        } else if command.kind == .set {
            guard let given = command.required(0, in: 1...most), command.fields.count == 1 else { return .error(.error) }
            length = given
        }
        guard let index = sockets.index(of: number), sockets.sockets[index].phase == .connected else { return .error(.error) }
        let bridgeID = sockets.sockets[index].bridgeID
        let link = number
        return .prompt(Prompt(termination: length.map { .length($0) } ?? .ctrlZ, echoes: true) { modem, payload in
            modem.sim800Sent(bridgeID: bridgeID, number: link, payload: payload)
        })
    }

    mutating func sim800Sent(bridgeID: Int, number: Int, payload: [UInt8]?) -> CommandResult {
        guard let payload else { return .ok }
        let prefix = sim800Prefix(number)
        guard let index = sockets.index(bridgeID: bridgeID), sockets.sockets[index].phase == .connected,
              !payload.isEmpty, payload.count <= profile.maxSendLength else { return .final([], "\(prefix)SEND FAIL") }
        if faultFailsSend() { return .final([], "\(prefix)SEND FAIL") }
        sendPayload(index, payload)
        if sockets.quickSend {
            return .final([], sockets.multiplexed ? "DATA ACCEPT:\(number),\(payload.count)" : "DATA ACCEPT:\(payload.count)")
        }
        return .final([], "\(prefix)SEND OK")
    }

    mutating func sim800Close(_ command: ParsedCommand) -> CommandResult {
        if command.kind == .test { return .ok }
        guard command.kind != .read else { return .error(.error) }
        let multi = sockets.multiplexed
        var number = 0
        if multi {
            guard command.kind == .set, let link = command.required(0, in: 0...(profile.maxSockets - 1)),
                  case .some = command.int(1, in: 0...1), command.fields.count <= 2 else { return .error(.error) }
            number = link
        } else if command.kind == .set {
            guard case .some = command.int(0, in: 0...1), command.fields.count == 1 else { return .error(.error) }
        }
        guard let index = sockets.index(of: number) else { return .error(.error) }
        removeSocket(index)
        if !multi { sockets.stack = .closed }
        return .final([], "\(sim800Prefix(number))CLOSE OK")
    }

    mutating func sim800Status(_ command: ParsedCommand) -> CommandResult {
        switch command.kind {
        case .test: return .ok
        case .read: return .error(.error)
        case .execute:
            emitURC("STATE: \(sim800State)")
            if sockets.multiplexed {
                emitURC((0..<profile.maxSockets).map { "C: " + sim800LinkStatus($0) })
            }
            return .ok
        case .set:
            guard sockets.multiplexed, let number = command.required(0, in: 0...(profile.maxSockets - 1)),
                  command.fields.count == 1 else { return .error(.error) }
            return .ok(["+CIPSTATUS: " + sim800LinkStatus(number)])
        }
    }

    /// `0,0,"TCP","127.0.0.1","7000","CONNECTED"` or `1,,"","","","INITIAL"`.
    func sim800LinkStatus(_ number: Int) -> String {
        guard let index = sockets.index(of: number) else { return "\(number),,\"\",\"\",\"\",\"INITIAL\"" }
        let socket = sockets.sockets[index]
        let state: String
        switch socket.phase {
        case .created, .connecting: state = "CONNECTING"
        case .connected: state = "CONNECTED"
        case .closing: state = "REMOTE CLOSING"
        }
        return "\(number),0,\"\(socket.kind.rawValue.uppercased())\",\"\(socket.host)\",\"\(socket.port)\",\"\(state)\""
    }
}
