/// Quectel BG96/BG95/EC2x "QI" socket stack: contexts 1–16, connectIDs 0–11, buffer access
/// (announce once, host reads) or direct push per socket.
///
///     AT+QICSGP=1,1,"internet","","",0      → OK
///     AT+QIACT=1                            → OK (after the activation time)
///     AT+QIOPEN=1,0,"TCP","127.0.0.1",7000,0,0   → OK, then +QIOPEN: 0,0
///     AT+QISEND=0,5                         → "> ", 5 bytes, SEND OK
///     AT+QISENDEX=0,"68656C6C6F"            → SEND OK
///     (data, buffer access)                 → +QIURC: "recv",0          (not again until drained)
///     AT+QIRD=0,1500                        → +QIRD: 5 <CR><LF> 5 raw bytes <CR><LF> OK
///     AT+QIRD=0,0                           → +QIRD: 5,5,0  OK
///     (data, direct push)                   → +QIURC: "recv",0,5 <CR><LF> 5 raw bytes
///     (peer closes)                         → +QIURC: "closed",0        (AT+QICLOSE=0 still needed)
///     (network drops context 1)             → +QIURC: "pdpdeact",1
///     AT+QIDNSGIP=1,"localhost"             → OK, +QIURC: "dnsgip",0,1,600, +QIURC: "dnsgip","127.0.0.1"
///
/// Failures carry the manual's 5xx codes (565 DNS, 566 connect, 563 connectID in use).
extension VirtualModem {
    static let quectelServices = ["TCP", "UDP", "TCP LISTENER", "UDP SERVICE"]

    static func registerQuectelSockets(into table: inout [String: HandlerTable.Handler]) {
        table["+QICSGP"] = { modem, command in
            guard command.kind == .set, let cid = command.required(0, in: 1...16) else {
                return command.kind == .test ? .ok(["+QICSGP: (1-16),(1-3),<APN>,<username>,<password>,(0-3)"]) : .error(.error)
            }
            guard command.fields.count > 1 else {
                let context = modem.packet.context(cid)
                let type = ["IP": 1, "IPV6": 2, "IPV4V6": 3][context?.type ?? "IP"] ?? 1
                return .ok(["+QICSGP: \(type),\"\(context?.apn ?? "")\",\"\(context?.username ?? "")\",\"\",\(context?.authentication ?? 0)"])
            }
            let apn = command.text(2) ?? ""
            guard let type = command.required(1, in: 1...3), apn.count <= 100,
                  case .some(let auth) = command.int(5, in: 0...3, default: 0), command.fields.count <= 6 else { return .error(.error) }
            // An active context keeps running; the settings apply at its next activation.
            if modem.packet.context(cid) == nil {
                modem.packet.contexts.append(PacketState.Context(cid: cid, type: "IP", apn: ""))
                modem.packet.contexts.sort { $0.cid < $1.cid }
            }
            modem.packet.update(cid) {
                $0.type = ["IP", "IPV6", "IPV4V6"][type - 1]
                $0.apn = apn
                $0.username = command.text(3)
                $0.password = command.text(4)
                $0.authentication = auth ?? 0
            }
            return .ok
        }
        table["+QIACT"] = { modem, command in
            switch command.kind {
            case .read:
                return .ok(modem.packet.contexts.filter(\.active).map { "+QIACT: \($0.cid),1,1,\"\($0.address ?? "")\"" })
            case .test: return .ok(["+QIACT: (1-16)"])
            case .execute: return .error(.error)
            case .set: break
            }
            guard let cid = command.required(0, in: 1...16), command.fields.count == 1 else { return .error(.error) }
            guard modem.network.isRegistered else { return .error(.error) }
            if modem.packet.context(cid)?.active == true { return .ok }
            return .after(modem.profile.timing.activationTime) { modem in
                guard modem.network.isRegistered else { return .error(.error) }
                modem.packetAttached()
                if modem.packet.context(cid) == nil {
                    modem.packet.contexts.append(PacketState.Context(cid: cid, type: "IP", apn: ""))
                    modem.packet.contexts.sort { $0.cid < $1.cid }
                }
                modem.activateContext(cid)
                return .ok
            }
        }
        table["+QIDEACT"] = { modem, command in
            guard command.kind == .set, let cid = command.required(0, in: 1...16), command.fields.count == 1 else {
                return command.kind == .test ? .ok(["+QIDEACT: (1-16)"]) : .error(.error)
            }
            modem.deactivateContext(cid, byNetwork: false)
            return .ok
        }
        table["+QIOPEN"] = { modem, command in modem.quectelOpen(command) }
        table["+QISEND"] = { modem, command in modem.quectelSend(command) }
        table["+QISENDEX"] = { modem, command in
            guard command.kind == .set, let id = command.required(0, in: 0...11), command.fields.count == 2,
                  let hex = command.text(1), let bytes = SocketHex.decode(hex), !bytes.isEmpty, bytes.count <= 512,
                  let index = modem.sockets.index(of: id), modem.quectelCanSend(index, toPeer: false) else { return .error(.error) }
            if modem.faultFailsSend() { return .final([], "SEND FAIL") }
            modem.sendPayload(index, bytes)
            return .final([], "SEND OK")
        }
        table["+QIRD"] = { modem, command in modem.quectelRead(command) }
        table["+QICLOSE"] = { modem, command in
            guard command.kind == .set, let id = command.required(0, in: 0...11),
                  case .some = command.int(1, in: 0...65_535), command.fields.count <= 2 else {
                return command.kind == .test ? .ok(["+QICLOSE: (0-11),(0-65535)"]) : .error(.error)
            }
            if let index = modem.sockets.index(of: id) { modem.removeSocket(index) }
            return .ok
        }
        table["+QISTATE"] = { modem, command in
            var rows = modem.sockets.sockets
            switch command.kind {
            case .read, .execute: break
            case .test: return .ok
            case .set:
                guard let type = command.required(0, in: 0...1), let value = command.required(1, in: 0...16),
                      command.fields.count == 2 else { return .error(.error) }
                rows = rows.filter { type == 0 ? $0.cid == value : $0.number == value }
            }
            return .ok(rows.sorted { $0.number < $1.number }.map(quectelStateLine))
        }
        table["+QIGETERROR"] = { modem, command in
            let code = modem.sockets.lastError
            return .ok(["+QIGETERROR: \(code),\(quectelErrorText[code] ?? "unknown error")"])
        }
        table["+QIDNSGIP"] = { modem, command in
            guard command.kind == .set, let cid = command.required(0, in: 1...16), let host = command.text(1),
                  command.fields.count == 2, modem.packet.context(cid)?.active == true else { return .error(.error) }
            if let address = modem.resolve(host) {
                modem.emitURC("+QIURC: \"dnsgip\",0,1,600")
                modem.emitURC("+QIURC: \"dnsgip\",\"\(address)\"")
            } else {
                modem.sockets.lastError = 565
                modem.emitURC("+QIURC: \"dnsgip\",565")
            }
            return .ok
        }
        table["+QIDNSCFG"] = { _, command in command.kind == .set ? .ok : .error(.error) }
    }

    static let quectelErrorText: [Int: String] = [
        0: "No Error", 552: "Invalid parameters", 555: "Operation not supported", 561: "Open PDP context failed",
        563: "Socket identity has been used", 565: "DNS parse failed", 566: "Socket connect failed",
        567: "Socket has been closed",
    ]

    /// `+QISTATE: 0,"TCP","127.0.0.1",7000,51234,2,1,0,0,"uart1"`.
    static func quectelStateLine(_ socket: SocketState.Socket) -> String {
        let service = socket.kind == .tcp ? "TCP" : socket.port == 0 ? "UDP SERVICE" : "UDP"
        let state: Int
        switch socket.phase {
        case .created, .connected: state = 2
        case .connecting: state = 1
        case .closing: state = 4
        }
        return "+QISTATE: \(socket.number),\"\(service)\",\"\(socket.host)\",\(socket.port),\(socket.localPort),\(state),\(socket.cid),0,\(socket.push ? 1 : 0),\"uart1\""
    }

    mutating func quectelOpen(_ command: ParsedCommand) -> CommandResult {
        guard command.kind == .set else {
            return command.kind == .test ? .ok(["+QIOPEN: (1-16),(0-11),\"TCP/UDP/TCP LISTENER/UDP SERVICE\",\"<IP_address>/<domain_name>\",<remote_port>,<local_port>,(0-2)"]) : .error(.error)
        }
        guard let cid = command.required(0, in: 1...16), let id = command.required(1, in: 0...11),
              let service = command.text(2)?.uppercased(), Self.quectelServices.contains(service),
              let host = command.text(3), host.count <= 255, let port = command.required(4, in: 0...65_535),
              case .some = command.int(5, in: 0...65_535), case .some(let mode) = command.int(6, in: 0...2, default: 0),
              command.fields.count <= 7 else { return .error(.error) }
        // Transparent access (2) would turn the port into a data pipe, which this model lacks.
        guard mode != 2 else { return .error(.error) }
        let push = mode == 1
        if sockets.index(of: id) != nil {
            emitURC("+QIOPEN: \(id),563")
            return .ok
        }
        guard packet.context(cid)?.active == true else {
            sockets.lastError = 561
            emitURC("+QIOPEN: \(id),561")
            return .ok
        }
        switch service {
        case "UDP SERVICE":
            addSocket(number: id, kind: .udp, host: host, port: 0, cid: cid, push: push, connect: false)
            emitURC("+QIOPEN: \(id),0")
        case "TCP LISTENER":
            sockets.lastError = 555
            emitURC("+QIOPEN: \(id),555")
        default:
            guard port > 0 else { return .error(.error) }
            addSocket(number: id, kind: service == "TCP" ? .tcp : .udp, host: host, port: port, cid: cid, push: push)
        }
        return .ok
    }

    mutating func quectelConnected(_ index: Int) {
        emitURC("+QIOPEN: \(sockets.sockets[index].number),0")
    }

    /// The connectID stays taken until `AT+QICLOSE`, as on real modules.
    mutating func quectelConnectFailed(_ index: Int, reason: String) {
        let code = reason == Self.dnsFailure ? 565 : 566
        sockets.lastError = code
        markClosing(index)
        emitURC("+QIOPEN: \(sockets.sockets[index].number),\(code)")
    }

    mutating func quectelLost(_ index: Int, _ loss: SocketLoss) {
        markClosing(index)
        emitURC("+QIURC: \"closed\",\(sockets.sockets[index].number)")
    }

    mutating func quectelContextDeactivated(_ cid: Int, byNetwork: Bool) {
        if byNetwork {
            for index in sockets.sockets.indices where sockets.sockets[index].cid == cid { markClosing(index) }
            emitURC("+QIURC: \"pdpdeact\",\(cid)")
        } else {
            removeSockets { $0.cid == cid }
        }
    }

    /// Whether socket `index` takes a payload now; a UDP service socket needs a peer per send.
    func quectelCanSend(_ index: Int, toPeer: Bool) -> Bool {
        let socket = sockets.sockets[index]
        if socket.kind == .udp && socket.port == 0 { return toPeer && socket.phase == .created }
        return !toPeer && socket.phase == .connected
    }

    mutating func quectelSend(_ command: ParsedCommand) -> CommandResult {
        guard command.kind == .set else { return command.kind == .test ? .ok(["+QISEND: (0-11),(0-1460)"]) : .error(.error) }
        let most = profile.maxSendLength
        guard let id = command.required(0, in: 0...11), case .some(let length) = command.int(1, in: 0...most),
              [1, 2, 4].contains(command.fields.count) else { return .error(.error) }
        guard let index = sockets.index(of: id) else { return .error(.error) }
        if length == 0 {
            let sent = sockets.sockets[index].bytesSent
            return .ok(["+QISEND: \(sent),\(sent),0"])
        }
        let peer = command.fields.count == 4 ? command.peer(at: 2) : nil
        guard command.fields.count == 2 || peer != nil else { return .error(.error) }
        guard quectelCanSend(index, toPeer: peer != nil) else { return .error(.error) }
        let bridgeID = sockets.sockets[index].bridgeID
        return .prompt(Prompt(termination: length.map { .length($0) } ?? .ctrlZ) { modem, payload in
            guard let payload else { return .ok }
            guard let index = modem.sockets.index(bridgeID: bridgeID), modem.quectelCanSend(index, toPeer: peer != nil),
                  !payload.isEmpty, payload.count <= most else { return .error(.error) }
            if modem.faultFailsSend() { return .final([], "SEND FAIL") }
            modem.sendPayload(index, payload, to: peer?.host, port: peer?.port)
            return .final([], "SEND OK")
        })
    }

    mutating func quectelRead(_ command: ParsedCommand) -> CommandResult {
        guard command.kind == .set else { return command.kind == .test ? .ok(["+QIRD: (0-11),(0-1500)"]) : .error(.error) }
        guard let id = command.required(0, in: 0...11), case .some(let wanted) = command.int(1, in: 0...1500, default: 1500),
              command.fields.count <= 2, let index = sockets.index(of: id), !sockets.sockets[index].push else { return .error(.error) }
        let socket = sockets.sockets[index]
        if wanted == 0 {
            return .ok(["+QIRD: \(socket.bytesReceived),\(socket.bytesRead),\(socket.received.count)"])
        }
        let (bytes, datagram) = sockets.take(index, upTo: wanted ?? 1500)
        guard !bytes.isEmpty else {
            sockets.sockets[index].announced = false
            return .ok(["+QIRD: 0"])
        }
        var header = "+QIRD: \(bytes.count)"
        if socket.port == 0, let datagram { header += ",\"\(datagram.host)\",\(datagram.port)" }
        writeInformation(header + "\r\n", payload: bytes)
        return .ok
    }

    mutating func quectelReceived(_ index: Int) {
        let socket = sockets.sockets[index]
        guard socket.push else {
            guard !socket.announced else { return }
            sockets.sockets[index].announced = true
            emitURC("+QIURC: \"recv\",\(socket.number)")
            return
        }
        while sockets.pending(index) > 0 {
            let (bytes, datagram) = sockets.take(index, upTo: Self.receiveLimit)
            var header = "+QIURC: \"recv\",\(socket.number),\(bytes.count)"
            if socket.port == 0, let datagram { header += ",\"\(datagram.host)\",\(datagram.port)" }
            emitURC([header], payload: bytes)
        }
    }
}
