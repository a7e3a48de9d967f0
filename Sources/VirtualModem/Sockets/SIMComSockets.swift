/// What the two SIMCom stacks (SIM800 CIP, SIM7600 NETOPEN) share: `AT+CIPRXGET` manual
/// receive and push-mode delivery.
///
///     AT+CIPRXGET=1            → OK                          (manual receive from now on)
///     (data arrives)           → +CIPRXGET: 1,0              (once, until drained)
///     AT+CIPRXGET=4,0          → +CIPRXGET: 4,0,4  OK
///     AT+CIPRXGET=2,0,100      → +CIPRXGET: 2,0,4,0 <CR><LF> 4 raw bytes <CR><LF> OK
///     AT+CIPRXGET=3,0,100      → +CIPRXGET: 3,0,4,0 <CR><LF> 74657374 <CR><LF> OK
///     (push, CIPRXGET=0)       → +RECEIVE,0,4: <CR><LF> 4 raw bytes        (SIM800 multi-link)
///                              → +RECEIVE,0,4 <CR><LF> 4 raw bytes         (SIM7600)
extension ParsedCommand {
    /// The integer at `index`, required and in `range`; `nil` when absent or not.
    func required(_ index: Int, in range: ClosedRange<Int>) -> Int? {
        if case .some(.some(let value)) = int(index, in: range) { return value }
        return nil
    }

    /// A `"<host>",<port>` pair starting at field `index`; `nil` when either is missing or bad.
    func peer(at index: Int) -> SocketPeer? {
        guard let host = text(index), !host.isEmpty, host.count <= 255, let port = required(index + 1, in: 1...65_535) else { return nil }
        return SocketPeer(host: host, port: port)
    }
}

/// Where a datagram goes (`AT+USOST`, `AT+QISEND` on a UDP service, SIM7600 UDP sends).
struct SocketPeer: Sendable, Equatable {
    var host: String
    var port: Int
}

extension VirtualModem {
    /// Whether this SIMCom dialect prints link numbers (SIM800 only with `AT+CIPMUX=1`).
    var simcomShowsLink: Bool {
        profile.dialect == .simcomSIM7600 || sockets.multiplexed
    }

    static func simcomRXGET(_ modem: inout VirtualModem, _ command: ParsedCommand) -> CommandResult {
        let linked = modem.simcomShowsLink
        switch command.kind {
        case .read: return .ok(["+CIPRXGET: \(modem.sockets.manualReceive ? 1 : 0)"])
        case .test: return .ok([linked ? "+CIPRXGET: (0-4),(0-9),(1-1500)" : "+CIPRXGET: (0-4),(1-1460)"])
        case .execute: return .error(.error)
        case .set: break
        }
        guard let mode = command.required(0, in: 0...4) else { return .error(.error) }
        if mode <= 1 {
            guard command.fields.count == 1 else { return .error(.error) }
            modem.sockets.manualReceive = mode == 1
            return .ok
        }
        guard modem.sockets.manualReceive else { return .error(.error) }
        var field = 1
        var number = 0
        if linked {
            guard let link = command.required(1, in: 0...9) else { return .error(.error) }
            number = link
            field = 2
        }
        guard let index = modem.sockets.index(of: number) else { return .error(.error) }
        let link = linked ? "\(number)," : ""
        if mode == 4 {
            guard command.fields.count == field else { return .error(.error) }
            return .ok(["+CIPRXGET: 4,\(link)\(modem.sockets.pending(index))"])
        }
        let most = mode == 2 ? modem.profile.maxSendLength : modem.profile.maxSendLength / 2
        guard case .some(.some(let wanted)) = command.int(field, in: 1...most, default: most),
              command.fields.count <= field + 1 else { return .error(.error) }
        let taken = modem.sockets.take(index, upTo: wanted).bytes
        let rest = modem.sockets.pending(index)
        let payload = mode == 2 ? taken : Array(SocketHex.encode(taken).utf8)
        modem.writeInformation("+CIPRXGET: \(mode),\(link)\(taken.count),\(rest)\r\n", payload: payload)
        modem.simcomAfterRead(index)
        return .ok
    }

    /// After a read: re-arm the "data waiting" URC once drained; a closed link whose data is
    /// all read goes away.
    mutating func simcomAfterRead(_ index: Int) {
        guard sockets.sockets[index].received.isEmpty else { return }
        sockets.sockets[index].announced = false
        if sockets.sockets[index].phase == .closing { removeSocket(index) }
    }

    /// New bytes on a SIMCom link: announced once (manual) or pushed (default).
    mutating func simcomReceived(_ index: Int) {
        let number = sockets.sockets[index].number
        let linked = simcomShowsLink
        if sockets.manualReceive {
            guard !sockets.sockets[index].announced else { return }
            sockets.sockets[index].announced = true
            emitURC(linked ? "+CIPRXGET: 1,\(number)" : "+CIPRXGET: 1")
            return
        }
        while sockets.pending(index) > 0 {
            let bytes = sockets.take(index, upTo: Self.receiveLimit).bytes
            if profile.dialect == .simcomSIM7600 {
                emitURC(["+RECEIVE,\(number),\(bytes.count)"], payload: bytes)
            } else if linked {
                emitURC(["+RECEIVE,\(number),\(bytes.count):"], payload: bytes)
            } else if sockets.showHeader {
                emitURC([], payload: Array("\r\n+IPD,\(bytes.count):".utf8) + bytes)
            } else {
                emitURC([], payload: bytes)
            }
        }
    }

    /// A SIMCom link lost: unread data in manual mode stays readable until drained.
    mutating func simcomDropOrKeep(_ index: Int) {
        if sockets.manualReceive && !sockets.sockets[index].received.isEmpty {
            markClosing(index)
        } else {
            removeSocket(index)
        }
    }
}
