/// A data call (`ATD*99#`, TS 27.007 §10.2.1.1) in its simplest form: after `CONNECT` the
/// virtual modem is in data mode and loops every byte back, a stand-in for the PPP peer it does
/// not run. The rest is ITU-T V.250:
///
///     ATD*99***1#      → CONNECT                 data mode (bytes come back as sent)
///     (1 s) +++ (1 s)  → OK                      online command mode (S12 = 50: 1 s guard)
///     ATO              → CONNECT                 data mode again
///     ATH              → OK                      the call ends
///     (the network takes the context down) → NO CARRIER, command mode
struct DataCallState: Sendable {
    /// Data mode; `false` in online command mode after an escape.
    var online = true
    /// `+` characters held as a possible escape.
    var pluses = 0
    /// When the last byte arrived (the guard time counts from it).
    var lastByte: Duration
    var cid: Int
}

extension VirtualModem {
    /// The V.250 escape guard time: S12 = 50 fiftieths of a second.
    static let escapeGuard: Duration = .seconds(1)

    /// `D*99[*[<called_address>][*[<L2P>][*[<cid>]]]]#` → the cid (1 when left out); `nil` for
    /// any other dial string (voice calls are not simulated).
    static func packetDialCID(_ dial: String) -> Int? {
        guard dial.hasPrefix("*99"), dial.hasSuffix("#") else { return nil }
        let fields = dial.dropFirst(3).dropLast().split(separator: "*", omittingEmptySubsequences: false).dropFirst()
        guard fields.count <= 3, fields.allSatisfy({ $0.allSatisfy(\.isASCII) }) else { return nil }
        guard fields.count == 3, !fields[fields.startIndex + 2].isEmpty else { return 1 }
        return Int(fields[fields.startIndex + 2]).flatMap { (1...15).contains($0) ? $0 : nil }
    }

    static func registerDataCall(into table: inout [String: HandlerTable.Handler]) {
        table["D"] = { modem, command in
            guard let cid = packetDialCID(command.arguments.filter { $0 != " " }),
                  modem.power == .on, modem.simFailure() == nil, modem.network.isRegistered else { return .final([], "NO CARRIER") }
            modem.packet.attached = true
            modem.dataCall = DataCallState(lastByte: modem.now, cid: cid)
            return .final([], "CONNECT")
        }
        table["O"] = { modem, _ in
            guard modem.dataCall != nil else { return .final([], "NO CARRIER") }
            modem.dataCall?.online = true
            modem.dataCall?.lastByte = modem.now
            return .final([], "CONNECT")
        }
        table["H"] = { modem, _ in
            modem.dataCall = nil
            return .ok
        }
    }

    /// One byte typed in data mode: looped back, unless it may be part of an escape.
    mutating func dataByte(_ byte: UInt8) {
        guard var call = dataCall else { return }
        let quiet = now - call.lastByte
        call.lastByte = now
        if byte == UInt8(ascii: "+"), call.pluses < 3, call.pluses > 0 || quiet >= Self.escapeGuard {
            call.pluses += 1
            dataCall = call
            if call.pluses == 3 { schedule(after: Self.escapeGuard, tag: .dataCall) { $0.escapeIfQuiet() } }
            return
        }
        if call.pluses > 0 {
            outBytes.append(contentsOf: Array(repeating: UInt8(ascii: "+"), count: call.pluses))
            call.pluses = 0
            timers.cancel(.dataCall)
        }
        dataCall = call
        outBytes.append(byte)
    }

    /// The guard time after `+++` passed: online command mode.
    mutating func escapeIfQuiet() {
        guard var call = dataCall, call.online, call.pluses == 3, now - call.lastByte >= Self.escapeGuard else { return }
        call.online = false
        call.pluses = 0
        dataCall = call
        writeFinal("OK", numeric: 0)
    }

    /// The call's context went down, the modem rebooted or lost the network: `NO CARRIER`.
    mutating func dropDataCall() {
        guard dataCall != nil else { return }
        dataCall = nil
        timers.cancel(.dataCall)
        writeFinal("NO CARRIER", numeric: 3)
    }
}
