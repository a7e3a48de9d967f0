/// SIMCom SIM7500/SIM7600 "NETOPEN" socket stack: ten links, results as URCs after `OK`.
///
///     AT+NETOPEN                            → OK, then +NETOPEN: 0
///     AT+NETOPEN                            → +IP ERROR: Network is already opened, ERROR
///     AT+IPADDR                             → +IPADDR: 10.64.3.7  OK
///     AT+CIPOPEN=0,"TCP","127.0.0.1",7000   → OK, then +CIPOPEN: 0,0
///     AT+CIPOPEN=1,"UDP",,,5000             → OK, then +CIPOPEN: 1,0    (peer given per send)
///     AT+CIPSEND=0,5                        → ">", 5 bytes, OK, then +CIPSEND: 0,5,5
///     AT+CIPSEND=1,5,"127.0.0.1",7001       → the same for a UDP link
///     (data, push)                          → +RECEIVE,0,5 <CR><LF> 5 raw bytes
///     (peer closes)                         → +IPCLOSE: 0,1
///     AT+CIPCLOSE=0                         → OK, then +CIPCLOSE: 0,0
///     AT+CIPCLOSE?                          → +CIPCLOSE: 1,0,0,0,0,0,0,0,0,0  OK
///     AT+CDNSGIP="localhost"                → +CDNSGIP: 1,"localhost","127.0.0.1"  OK
///     (network drops the context)           → +CIPEVENT: NETWORK CLOSED UNEXPECTEDLY
///
/// `<err>` numbers are those of the SIM7500/SIM7600 manual's table (1 network failure,
/// 10 timeout, 11 DNS failure).
extension VirtualModem {
    static func registerSIM7600Sockets(into table: inout [String: HandlerTable.Handler]) {
        table["+NETOPEN"] = { modem, command in
            switch command.kind {
            case .read: return .ok(["+NETOPEN: \(modem.sockets.networkOpen ? 1 : 0)"])
            case .test: return .ok
            case .set: return .error(.error)
            case .execute: break
            }
            guard !modem.sockets.networkOpen else { return modem.ipError("Network is already opened") }
            guard modem.packet.attached else {
                modem.emitURC("+NETOPEN: 1")
                return .ok
            }
            modem.schedule(after: modem.profile.timing.activationTime, tag: .activation) { modem in
                guard modem.packet.attached else {
                    modem.emitURC("+NETOPEN: 1")
                    return
                }
                if modem.packet.context(1) == nil {
                    modem.packet.contexts.insert(PacketState.Context(cid: 1, type: "IP", apn: ""), at: 0)
                }
                modem.activateContext(1)
                modem.sockets.networkOpen = true
                modem.emitURC("+NETOPEN: 0")
            }
            return .ok
        }
        table["+NETCLOSE"] = { modem, command in
            guard command.kind == .execute else { return command.kind == .test ? .ok : .error(.error) }
            guard modem.sockets.networkOpen else { return modem.ipError("Network is already closed") }
            modem.removeSockets { _ in true }
            modem.sockets.networkOpen = false
            modem.emitURC("+NETCLOSE: 0")
            return .ok
        }
        table["+IPADDR"] = { modem, command in
            guard command.kind == .execute else { return command.kind == .test ? .ok : .error(.error) }
            guard modem.sockets.networkOpen, let address = modem.packet.context(1)?.address else {
                return modem.ipError("Network not opened")
            }
            return .ok(["+IPADDR: \(address)"])
        }
        table["+CIPOPEN"] = { modem, command in modem.sim7600Open(command) }
        table["+CIPSEND"] = { modem, command in modem.sim7600Send(command) }
        table["+CIPRXGET"] = { modem, command in simcomRXGET(&modem, command) }
        table["+CIPCLOSE"] = { modem, command in
            switch command.kind {
            case .read:
                let flags = (0..<modem.profile.maxSockets).map { modem.sockets.index(of: $0) == nil ? "0" : "1" }
                return .ok(["+CIPCLOSE: " + flags.joined(separator: ",")])
            case .test: return .ok(["+CIPCLOSE: (0-\(modem.profile.maxSockets - 1))"])
            case .execute: return .error(.error)
            case .set: break
            }
            guard let link = command.required(0, in: 0...(modem.profile.maxSockets - 1)), command.fields.count == 1 else {
                return .error(.error)
            }
            guard let index = modem.sockets.index(of: link) else {
                modem.writeInformation(["+CIPCLOSE: \(link),4"])
                return .error(.error)
            }
            modem.removeSocket(index)
            modem.emitURC("+CIPCLOSE: \(link),0")
            return .ok
        }
        table["+CDNSGIP"] = { modem, command in
            guard command.kind == .set, let host = command.text(0), command.fields.count == 1 else { return .error(.error) }
            guard modem.sockets.networkOpen, let address = modem.resolve(host) else {
                modem.writeInformation(["+CDNSGIP: 0,10"])
                return .error(.error)
            }
            return .ok(["+CDNSGIP: 1,\"\(host)\",\"\(address)\""])
        }
    }

    /// `+IP ERROR: <text>` then `ERROR`.
    mutating func ipError(_ text: String) -> CommandResult {
        writeInformation(["+IP ERROR: \(text)"])
        return .error(.error)
    }

    mutating func sim7600Open(_ command: ParsedCommand) -> CommandResult {
        switch command.kind {
        case .read:
            return .ok((0..<profile.maxSockets).map { link in
                guard let index = sockets.index(of: link) else { return "+CIPOPEN: \(link)" }
                let socket = sockets.sockets[index]
                return "+CIPOPEN: \(link),\"\(socket.kind.rawValue.uppercased())\",\"\(socket.host)\",\(socket.port),-1"
            })
        case .test:
            return .ok(["+CIPOPEN: (0-\(profile.maxSockets - 1)),(\"TCP\",\"UDP\")"])
        case .execute:
            return .error(.error)
        case .set:
            break
        }
        guard let link = command.required(0, in: 0...(profile.maxSockets - 1)),
              let kind = command.text(1).flatMap({ SocketKind(rawValue: $0.lowercased()) }),
              command.fields.count <= 5 else { return ipError("Invalid parameter") }
        let host = command.text(2) ?? ""
        guard host.count <= 255, case .some(let port) = command.int(3, in: 1...65_535),
              case .some = command.int(4, in: 0...65_535) else { return ipError("Invalid parameter") }
        guard sockets.networkOpen else { return ipError("Network not opened") }
        guard sockets.index(of: link) == nil else { return ipError("Connection is already created") }
        if kind == .udp && host.isEmpty {
            addSocket(number: link, kind: .udp, host: "", port: 0, push: true, connect: false)
            emitURC("+CIPOPEN: \(link),0")
            return .ok
        }
        guard !host.isEmpty, let port else { return ipError("Invalid parameter") }
        addSocket(number: link, kind: kind, host: host, port: port, push: true)
        return .ok
    }

    mutating func sim7600Connected(_ index: Int) {
        emitURC("+CIPOPEN: \(sockets.sockets[index].number),0")
    }

    mutating func sim7600ConnectFailed(_ index: Int, reason: String) {
        let link = sockets.sockets[index].number
        removeSocket(index)
        let code = reason == Self.dnsFailure ? 11 : reason == Self.unreachableFailure ? 10 : 1
        emitURC("+CIPOPEN: \(link),\(code)")
    }

    mutating func sim7600Lost(_ index: Int, _ loss: SocketLoss) {
        emitURC("+IPCLOSE: \(sockets.sockets[index].number),1")
        simcomDropOrKeep(index)
    }

    mutating func sim7600ContextDeactivated(_ cid: Int, byNetwork: Bool) {
        guard cid == 1, sockets.networkOpen else { return }
        removeSockets { _ in true }
        sockets.networkOpen = false
        if byNetwork { emitURC("+CIPEVENT: NETWORK CLOSED UNEXPECTEDLY") }
    }

    mutating func sim7600Send(_ command: ParsedCommand) -> CommandResult {
        let most = profile.maxSendLength
        switch command.kind {
        case .test: return .ok(["+CIPSEND: (0-\(profile.maxSockets - 1)),(1-\(most))"])
        case .read, .execute: return .error(.error)
        case .set: break
        }
        guard let link = command.required(0, in: 0...(profile.maxSockets - 1)),
              case .some(let length) = command.int(1, in: 1...most),
              command.fields.count == 2 || command.fields.count == 4 else { return ipError("Invalid parameter") }
        let peer = command.fields.count == 4 ? command.peer(at: 2) : nil
        guard command.fields.count == 2 || peer != nil else { return ipError("Invalid parameter") }
        guard let index = sockets.index(of: link) else { return ipError("Connection is not created") }
        let socket = sockets.sockets[index]
        let usable = socket.kind == .udp ? (socket.phase == .created || socket.phase == .connected) && (peer != nil || socket.port > 0)
            : socket.phase == .connected && peer == nil
        guard usable else { return .error(.error) }
        let bridgeID = socket.bridgeID
        return .prompt(Prompt(text: ">", termination: length.map { .length($0) } ?? .ctrlZ) { modem, payload in
            guard let payload else { return .ok }
            guard let index = modem.sockets.index(bridgeID: bridgeID), !payload.isEmpty, payload.count <= most else {
                return .error(.error)
            }
            if modem.faultFailsSend() {
                modem.emitURC("+CIPSEND: \(link),\(payload.count),-1")
                return .ok
            }
            modem.sendPayload(index, payload, to: peer?.host, port: peer?.port)
            modem.emitURC("+CIPSEND: \(link),\(payload.count),\(payload.count)")
            return .ok
        })
    }
}
