/// ITU-T V.250 basic commands and the general TS 27.007 ones: echo, result code form, S
/// registers, reset, `+CMEE`, `+CSCS`, `+CLAC`, clock and battery.
///
///     ATE1V1          → "ATE1V1\r\r\nOK\r\n"
///     ATV0            → "0\r"
///     ATS3?           → "\r\n013\r\n\r\nOK\r\n"
///     AT+CMEE=2;+CPIN="0000" → "\r\n+CME ERROR: incorrect password\r\n"
extension VirtualModem {
    static let characterSets = ["IRA", "GSM", "UCS2", "HEX", "PCCP437", "8859-1"]

    static func registerV250(into table: inout [String: HandlerTable.Handler]) {
        func flag(_ keyPath: WritableKeyPath<Settings, Bool> & Sendable) -> HandlerTable.Handler {
            { modem, command in
                guard command.kind == .execute, let value = command.basicValue, value == 0 || value == 1 else { return .error(.error) }
                modem.settings[keyPath: keyPath] = value == 1
                return .ok
            }
        }
        table["E"] = flag(\.echo)
        table["V"] = flag(\.verbose)
        table["Q"] = flag(\.quiet)
        let reset: HandlerTable.Handler = { modem, command in
            guard command.basicValue != nil else { return .error(.error) }
            modem.settings = Settings()
            modem.assembler.s3 = 13
            modem.assembler.s5 = 8
            return .ok
        }
        table["Z"] = reset
        table["&F"] = reset
        let accept: HandlerTable.Handler = { _, command in
            command.basicValue != nil ? .ok : .error(.error)
        }
        for name in ["&W", "&C", "&D", "&K", "&S", "X", "L", "M", "&Y"] { table[name] = accept }
        table["&V"] = { modem, _ in
            let s = modem.settings
            return .ok(["E\(s.echo ? 1 : 0) Q\(s.quiet ? 1 : 0) V\(s.verbose ? 1 : 0) S3:\(s.s3) S4:\(s.s4) S5:\(s.s5) +CMEE: \(s.cmee)"])
        }
        table["I"] = { modem, command in
            guard let value = command.basicValue else { return .error(.error) }
            switch value {
            case 0: return .ok(modem.profile.identification)
            case 3: return .ok([modem.profile.revision])
            default: return .ok([modem.profile.model])
            }
        }
        table["A"] = { _, _ in .final([], "NO CARRIER") }
        // Voice calls are not simulated; `ATD*99#`, `ATO` and `ATH`: see VirtualModem+DataCall.
        registerDataCall(into: &table)
        for register in 0...12 {
            table["S\(register)"] = { modem, command in
                switch command.kind {
                case .read:
                    let value: Int
                    switch register {
                    case 3: value = Int(modem.settings.s3)
                    case 4: value = Int(modem.settings.s4)
                    case 5: value = Int(modem.settings.s5)
                    default: value = modem.settings.sRegisters[register] ?? 0
                    }
                    let digits = String(value)
                    return .ok([String(repeating: "0", count: max(0, 3 - digits.count)) + digits])
                case .set:
                    guard let value = Int(command.arguments), (0...255).contains(value) else { return .error(.error) }
                    switch register {
                    case 3:
                        guard value != 0 else { return .error(.error) }
                        modem.settings.s3 = UInt8(value)
                        modem.assembler.s3 = UInt8(value)
                    case 4: modem.settings.s4 = UInt8(value)
                    case 5:
                        modem.settings.s5 = UInt8(value)
                        modem.assembler.s5 = UInt8(value)
                    default: modem.settings.sRegisters[register] = value
                    }
                    return .ok
                case .test: return .ok(["S\(register): (0-255)"])
                case .execute: return .ok
                }
            }
        }
        table["+CMEE"] = { modem, command in
            switch command.kind {
            case .set:
                guard case .some(.some(let value)) = command.int(0, in: 0...2, default: 0) else { return .error(.invalidParameter) }
                modem.settings.cmee = value
                return .ok
            case .read: return .ok(["+CMEE: \(modem.settings.cmee)"])
            case .test: return .ok(["+CMEE: (0-2)"])
            case .execute:
                modem.settings.cmee = 0
                return .ok
            }
        }
        table["+CSCS"] = { modem, command in
            switch command.kind {
            case .set:
                guard let name = command.text(0)?.uppercased(), characterSets.contains(name) else { return .error(.invalidParameter) }
                modem.settings.characterSet = name
                return .ok
            case .read: return .ok(["+CSCS: \"\(modem.settings.characterSet)\""])
            case .test: return .ok(["+CSCS: (" + characterSets.map { "\"\($0)\"" }.joined(separator: ",") + ")"])
            case .execute: return .ok
            }
        }
        table["+CLAC"] = { modem, _ in
            .ok(modem.handlers.names.filter { $0.hasPrefix("+") }.map { "AT" + $0 })
        }
        table["+GCAP"] = { _, _ in .ok(["+GCAP: +CGSM"]) }
        table["+IPR"] = { modem, command in
            switch command.kind {
            case .set:
                let rates = [0, 300, 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115_200, 230_400, 460_800, 921_600]
                guard let value = Int(command.arguments), rates.contains(value) else { return .error(.invalidParameter) }
                modem.settings.switches["+IPR"] = String(value)
                return .ok
            // Until set: the configured fixed rate (the runner emulates that one, not a stored one).
            case .read: return .ok(["+IPR: \(modem.settings.switches["+IPR"] ?? modem.configuration.baudRate.map(String.init) ?? "115200")"])
            case .test: return .ok(["+IPR: (),(0,300,1200,2400,4800,9600,19200,38400,57600,115200,230400,460800,921600)"])
            case .execute: return .ok
            }
        }
        // Switches that tools set and read back; the value is kept and echoed on read.
        for (name, values, initial) in [("+IFC", 0...2, "0,0"), ("+ICF", 0...6, "3,3"), ("+CTZR", 0...3, "0"), ("+CSCLK", 0...2, "0")] as [(String, ClosedRange<Int>, String)] {
            table[name] = { modem, command in
                switch command.kind {
                case .set:
                    for index in command.fields.indices {
                        guard case .some(.some) = command.int(index, in: values) else { return .error(.invalidParameter) }
                    }
                    modem.settings.switches[name] = command.arguments
                    return .ok
                case .read: return .ok(["\(name): \(modem.settings.switches[name] ?? initial)"])
                case .test: return .ok(["\(name): \(VirtualModem.range(values))"])
                case .execute: return .ok
                }
            }
        }
        table["+CCLK"] = { modem, command in
            switch command.kind {
            case .read: return .ok(["+CCLK: \"\(modem.clockText())\""])
            case .set:
                guard let text = command.text(0), text.count == 20 || text.count == 17 else { return .error(.invalidParameter) }
                modem.settings.switches["+CCLK"] = text
                return .ok
            default: return .ok
            }
        }
        table["+CBC"] = { modem, _ in .ok(["+CBC: 0,\(modem.batteryPercent),4100"]) }
    }

    /// The modem's clock as `yy/MM/dd,hh:mm:ss+zz`: 2026-01-01 plus the modem's time.
    func clockText() -> String {
        let seconds = Int(now.components.seconds)
        let day = 1 + (seconds / 86_400) % 28
        let hour = (seconds / 3600) % 24, minute = (seconds / 60) % 60, second = seconds % 60
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "26/01/\(two(day)),\(two(hour)):\(two(minute)):\(two(second))+00"
    }

    var batteryPercent: Int { 95 }
}
