/// u-blox SARA-R4/R5 "USO" socket stack: sockets 0–6, created first and connected after,
/// data announced by URC and read with its length, text or hex (`AT+UDCONF=1,1`).
///
///     AT+USOCR=6                            → +USOCR: 0  OK
///     AT+USOCO=0,"127.0.0.1",7000           → OK once connected (the command blocks)
///     AT+USOCO=0,"127.0.0.1",7000,1         → OK, then +UUSOCO: 0,0
///     AT+USOWR=0,5,"hello"                  → +USOWR: 0,5  OK
///     AT+USOWR=0,5                          → "@", 5 raw bytes (not echoed), +USOWR: 0,5  OK
///     (data arrives)                        → +UUSORD: 0,5
///     AT+USORD=0,5                          → +USORD: 0,5,"hello"  OK   (read by count)
///     AT+USOCR=17                           → +USOCR: 1  OK
///     AT+USOST=1,"127.0.0.1",7001,5,"hello" → +USOST: 1,5  OK
///     (datagram arrives)                    → +UUSORF: 1,5
///     AT+USORF=1,5                          → +USORF: 1,"127.0.0.1",7001,5,"hello"  OK
///     (peer closes)                         → +UUSOCL: 0    (only once its data is read)
///     (network drops the context)           → +UUPSDD: 0, then +UUSOCL for each socket
///     AT+UDNSRN=0,"localhost"               → +UDNSRN: "127.0.0.1"  OK
///
/// Failures answer `+CME ERROR: 3` ("operation not allowed"; plain `ERROR` at `+CMEE=0`) and
/// leave a BSD errno in `AT+USOER`: 111 refused, 113 unreachable, 110 DNS or timeout.
extension VirtualModem {
    /// How long a blocking `AT+USOCO` waits for the real socket before giving up.
    static let ubloxConnectTimeout: Duration = .seconds(30)

    static func registerUBloxSockets(into table: inout [String: HandlerTable.Handler]) {
        table["+USOCR"] = { modem, command in
            guard command.kind == .set else { return command.kind == .test ? .ok(["+USOCR: (6,17),(1-65535),(0-2)"]) : .error(.notAllowed) }
            guard let protocolNumber = command.required(0, in: 6...17), [6, 17].contains(protocolNumber),
                  case .some = command.int(1, in: 0...65_535), case .some = command.int(2, in: 0...2),
                  command.fields.count <= 3 else { return .error(.invalidParameter) }
            guard modem.packet.contexts.contains(where: \.active),
                  let number = modem.sockets.freeNumber(in: 0...(modem.profile.maxSockets - 1)) else { return .error(.notAllowed) }
            let kind: SocketKind = protocolNumber == 6 ? .tcp : .udp
            modem.addSocket(number: number, kind: kind, host: "", port: 0, push: false, connect: false)
            return .ok(["+USOCR: \(number)"])
        }
        table["+USOCO"] = { modem, command in modem.ubloxConnect(command) }
        table["+USOWR"] = { modem, command in modem.ubloxWrite(command, addressed: false) }
        table["+USOST"] = { modem, command in modem.ubloxWrite(command, addressed: true) }
        table["+USORD"] = { modem, command in modem.ubloxRead(command, from: false) }
        table["+USORF"] = { modem, command in modem.ubloxRead(command, from: true) }
        table["+USOCL"] = { modem, command in
            guard command.kind == .set, let number = command.required(0, in: 0...6),
                  case .some(let async) = command.int(1, in: 0...1), command.fields.count <= 2 else { return .error(.invalidParameter) }
            guard let index = modem.sockets.index(of: number) else { return .error(.notAllowed) }
            modem.removeSocket(index)
            if async == 1 { modem.emitURC("+UUSOCL: \(number)") }
            return .ok
        }
        table["+USOER"] = { modem, command in .ok(["+USOER: \(modem.sockets.lastError)"]) }
        table["+UDCONF"] = { modem, command in
            guard command.kind == .set, let parameter = command.required(0, in: 0...999) else { return .error(.invalidParameter) }
            guard parameter == 1 else { return .ok }
            if command.fields.count == 1 { return .ok(["+UDCONF: 1,\(modem.sockets.hexMode ? 1 : 0)"]) }
            guard let mode = command.required(1, in: 0...1), command.fields.count == 2 else { return .error(.invalidParameter) }
            modem.sockets.hexMode = mode == 1
            return .ok
        }
        table["+UDNSRN"] = { modem, command in
            guard command.kind == .set, let type = command.required(0, in: 0...1), let host = command.text(1),
                  host.count <= 255 else { return .error(.invalidParameter) }
            guard type == 0, let address = modem.resolve(host) else {
                modem.sockets.lastError = 110
                return .error(.notAllowed)
            }
            return .ok(["+UDNSRN: \"\(address)\""])
        }
    }

    /// `AT+USORD` and `AT+USORF` print payloads as text up to this many bytes (half in hex).
    static let ubloxReadLimit = 1024

    mutating func ubloxConnect(_ command: ParsedCommand) -> CommandResult {
        guard command.kind == .set, let number = command.required(0, in: 0...6), let host = command.text(1),
              !host.isEmpty, host.count <= 255, let port = command.required(2, in: 1...65_535),
              case .some(let async) = command.int(3, in: 0...1, default: 0), command.fields.count <= 4 else {
            return .error(.invalidParameter)
        }
        guard let index = sockets.index(of: number), sockets.sockets[index].phase == .created else { return .error(.notAllowed) }
        sockets.sockets[index].host = host
        sockets.sockets[index].port = port
        if sockets.sockets[index].kind == .udp {
            // A UDP "connect" only fixes the peer for AT+USOWR.
            guard resolve(host) != nil else { return ubloxFail(index, code: 110) }
            return .ok
        }
        connectSocket(index)
        if async == 1 { return .ok }
        let id = sockets.sockets[index].bridgeID
        schedule(after: Self.ubloxConnectTimeout, tag: .socket(id)) { modem in
            let connected = modem.sockets.index(bridgeID: id).map { modem.sockets.sockets[$0].phase == .connected } ?? false
            modem.resumeSuspended(id, with: connected ? .success : .failure("timeout"))
        }
        return .suspend(key: id) { modem, outcome in
            modem.timers.cancel(.socket(id))
            guard let index = modem.sockets.index(bridgeID: id) else { return .error(.notAllowed) }
            guard case .failure(let reason) = outcome else { return .ok }
            modem.sockets.sockets[index].phase = .created
            return modem.ubloxFail(index, code: Self.ubloxErrno(reason))
        }
    }

    /// BSD errno for a failed connect.
    static func ubloxErrno(_ reason: String) -> Int {
        switch reason {
        case dnsFailure, "timeout": 110
        case unreachableFailure: 113
        default: 111
        }
    }

    /// Records `code` for `AT+USOER` and answers "operation not allowed".
    mutating func ubloxFail(_ index: Int, code: Int) -> CommandResult {
        sockets.lastError = code
        return .error(.notAllowed)
    }

    mutating func ubloxConnected(_ index: Int) {
        emitURC("+UUSOCO: \(sockets.sockets[index].number),0")
    }

    mutating func ubloxConnectFailed(_ index: Int, reason: String) {
        let code = Self.ubloxErrno(reason)
        sockets.lastError = code
        sockets.sockets[index].phase = .created
        emitURC("+UUSOCO: \(sockets.sockets[index].number),\(code)")
    }

    /// The peer closed: `+UUSOCL` once the data left is read; the network went: at once.
    mutating func ubloxLost(_ index: Int, _ loss: SocketLoss) {
        if loss == .remote && !sockets.sockets[index].received.isEmpty {
            markClosing(index)
            return
        }
        emitURC("+UUSOCL: \(sockets.sockets[index].number)")
        removeSocket(index)
    }

    mutating func ubloxContextDeactivated(_ cid: Int, byNetwork: Bool) {
        guard byNetwork else {
            removeSockets { $0.cid == cid }
            return
        }
        emitURC("+UUPSDD: 0")
        while let index = sockets.sockets.firstIndex(where: { $0.cid == cid }) { ubloxLost(index, .network) }
    }

    mutating func ubloxReceived(_ index: Int) {
        let socket = sockets.sockets[index]
        emitURC(socket.kind == .tcp ? "+UUSORD: \(socket.number),\(socket.received.count)" : "+UUSORF: \(socket.number),\(socket.received.count)")
    }

    /// `AT+USOWR=<s>,<len>[,"<data>"]` and `AT+USOST=<s>,"<ip>",<port>,<len>[,"<data>"]`;
    /// without data, the `@` prompt takes `<len>` raw bytes.
    mutating func ubloxWrite(_ command: ParsedCommand, addressed: Bool) -> CommandResult {
        let name = addressed ? "+USOST" : "+USOWR"
        guard command.kind == .set, let number = command.required(0, in: 0...6) else { return .error(.invalidParameter) }
        let lengthField = addressed ? 3 : 1
        let peer = addressed ? command.peer(at: 1) : nil
        guard !addressed || peer != nil else { return .error(.invalidParameter) }
        let hex = sockets.hexMode
        let inline = command.fields.count == lengthField + 2
        let most = inline && hex ? 512 : profile.maxSendLength
        guard let length = command.required(lengthField, in: 1...most), inline || command.fields.count == lengthField + 1 else {
            return .error(.invalidParameter)
        }
        guard let index = sockets.index(of: number) else { return .error(.notAllowed) }
        let socket = sockets.sockets[index]
        let usable = addressed ? socket.kind == .udp
            : socket.kind == .tcp ? socket.phase == .connected : socket.port > 0
        guard usable else { return ubloxFail(index, code: 107) }
        let bridgeID = socket.bridgeID
        let finish: @Sendable (inout VirtualModem, [UInt8]) -> CommandResult = { modem, payload in
            guard let index = modem.sockets.index(bridgeID: bridgeID) else { return .error(.notAllowed) }
            if modem.faultFailsSend() { return modem.ubloxFail(index, code: 32) }
            let socket = modem.sockets.sockets[index]
            let target = peer ?? (socket.kind == .udp ? SocketPeer(host: socket.host, port: socket.port) : nil)
            modem.sendPayload(index, payload, to: target?.host, port: target?.port)
            return .ok(["\(name): \(number),\(payload.count)"])
        }
        if inline {
            guard let text = command.text(lengthField + 1) else { return .error(.invalidParameter) }
            let payload = hex ? SocketHex.decode(text) : Array(text.utf8)
            guard let payload, payload.count == length else { return .error(.invalidParameter) }
            return finish(&self, payload)
        }
        return .prompt(Prompt(text: "@", termination: .length(length)) { modem, payload in
            guard let payload else { return .error(.notAllowed) }
            return finish(&modem, payload)
        })
    }

    /// `AT+USORD=<s>,<len>` → `+USORD: <s>,<n>,"<data>"`; `AT+USORF=<s>,<len>` →
    /// `+USORF: <s>,"<ip>",<port>,<n>,"<data>"`; a length of 0 asks how much is waiting.
    mutating func ubloxRead(_ command: ParsedCommand, from: Bool) -> CommandResult {
        let name = from ? "+USORF" : "+USORD"
        let hex = sockets.hexMode
        let most = hex ? Self.ubloxReadLimit / 2 : Self.ubloxReadLimit
        guard command.kind == .set, let number = command.required(0, in: 0...6),
              let wanted = command.required(1, in: 0...most), command.fields.count == 2 else { return .error(.invalidParameter) }
        guard let index = sockets.index(of: number), (sockets.sockets[index].kind == .udp) == from else { return .error(.notAllowed) }
        if wanted == 0 { return .ok(["\(name): \(number),\(sockets.sockets[index].received.count)"]) }
        let (bytes, datagram) = sockets.take(index, upTo: wanted)
        let payload = hex ? Array(SocketHex.encode(bytes).utf8) : bytes
        let peer = from ? "\"\(datagram?.host ?? "")\",\(datagram?.port ?? 0)," : ""
        writeInformation("\(name): \(number),\(peer)\(bytes.count),\"", payload: payload, closing: "\"")
        if sockets.sockets[index].phase == .closing && sockets.sockets[index].received.isEmpty {
            emitURC("+UUSOCL: \(number)")
            removeSocket(index)
        }
        return .ok
    }
}
