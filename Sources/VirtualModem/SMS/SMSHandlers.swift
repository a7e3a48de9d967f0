import SMSPDU

/// TS 27.005 settings commands: service, storages, format, service centre, text-mode
/// parameters, new-message indications and their acknowledgement. SMS commands fail with
/// `+CMS ERROR` whatever `+CMEE` says (`+CMEE=2` only makes the text verbose).
///
///     AT+CPMS=?          → +CPMS: ("SM","ME","MT"),("SM","ME","MT"),("SM","ME","MT")
///     AT+CPMS="ME","ME"  → +CPMS: 0,50,0,50,0,30
///     AT+CPMS?           → +CPMS: "ME",0,50,"ME",0,50,"SM",0,30
///     AT+CNMI=2,2,0,1,0  → OK, then "+CMT: "",24" + PDU for each message, "+CDS: 25" + PDU per report
///     AT+CSCA?           → +CSCA: "+15550100000",145
///     AT+CNMA            → +CMS ERROR: 340 (nothing to acknowledge)
extension VirtualModem {
    static func registerSMS(into table: inout [String: HandlerTable.Handler]) {
        registerSMSSettings(into: &table)
        registerSMSStorage(into: &table)
        registerSMSSending(into: &table)
        registerUSSD(into: &table)
    }

    static func registerSMSSettings(into table: inout [String: HandlerTable.Handler]) {
        table["+CSMS"] = { modem, command in
            switch command.kind {
            case .set:
                guard case .some(.some(let service)) = command.int(0, in: 0...1) else { return .error(modem.invalidSMSParameter) }
                modem.sms.settings.service = service
                return .ok(["+CSMS: 1,1,1"])
            case .read: return .ok(["+CSMS: \(modem.sms.settings.service),1,1,1"])
            case .test: return .ok(["+CSMS: (0,1)"])
            case .execute: return .error(modem.invalidSMSParameter)
            }
        }
        table["+CMGF"] = flag(\.textMode, name: "+CMGF")
        table["+CSDH"] = flag(\.showHeader, name: "+CSDH")
        table["+CPMS"] = { modem, command in
            if command.kind != .test, let failure = modem.smsSIMFailure() { return .error(failure) }
            let sms = modem.sms
            switch command.kind {
            case .test:
                let names = "(" + SMSState.StorageName.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ",") + ")"
                return .ok(["+CPMS: \(names),\(names),\(names)"])
            case .read:
                let names = [sms.settings.readStorage, sms.settings.writeStorage, sms.settings.receiveStorage]
                return .ok(["+CPMS: " + names.map { "\"\($0.rawValue)\",\(sms.used($0)),\(sms.capacity($0))" }.joined(separator: ",")])
            case .set:
                let fields = command.fields
                guard (1...3).contains(fields.count) else { return .error(modem.invalidSMSParameter) }
                var names = [sms.settings.readStorage, sms.settings.writeStorage, sms.settings.receiveStorage]
                for index in fields.indices {
                    guard let name = modem.storageName(command.text(index)) else { return .error(.cms(302)) }
                    names[index] = name
                }
                modem.sms.settings.readStorage = names[0]
                modem.sms.settings.writeStorage = names[1]
                modem.sms.settings.receiveStorage = names[2]
                return .ok(["+CPMS: " + names.map { "\(sms.used($0)),\(sms.capacity($0))" }.joined(separator: ",")])
            case .execute: return .error(modem.invalidSMSParameter)
            }
        }
        table["+CSCA"] = { modem, command in
            switch command.kind {
            case .set:
                guard let text = command.text(0) else { return .error(modem.invalidSMSParameter) }
                let number = modem.teCharacterSet.decode(address: text)
                guard case .some(.some(let type)) = command.int(1, in: 128...255, default: number.hasPrefix("+") ? 145 : 129),
                      number.isEmpty || Self.isDialString(number)
                else { return .error(modem.invalidSMSParameter) }
                modem.sms.serviceCentre = type == 145 && !number.isEmpty && !number.hasPrefix("+") ? "+" + number : number
                modem.sms.serviceCentreType = type
                return .ok
            case .read:
                if let failure = modem.smsSIMFailure() { return .error(failure) }
                return .ok(["+CSCA: \(modem.quote(modem.sms.serviceCentre)),\(modem.sms.serviceCentreType)"])
            case .test, .execute: return .ok
            }
        }
        table["+CSMP"] = { modem, command in
            switch command.kind {
            case .set:
                let s = modem.sms.settings
                // An absolute validity period is a quoted time stamp: accepted, the relative one kept.
                guard let values = Self.integers(command, current: [s.firstOctet, s.validityPeriod, s.protocolIdentifier, s.dataCodingScheme],
                                                 ranges: Array(repeating: 0...255, count: 4), quotedAllowed: 1)
                else { return .error(modem.invalidSMSParameter) }
                modem.sms.settings.firstOctet = values[0]
                modem.sms.settings.validityPeriod = values[1]
                modem.sms.settings.protocolIdentifier = values[2]
                modem.sms.settings.dataCodingScheme = values[3]
                return .ok
            case .read:
                let s = modem.sms.settings
                return .ok(["+CSMP: \(s.firstOctet),\(s.validityPeriod),\(s.protocolIdentifier),\(s.dataCodingScheme)"])
            case .test, .execute: return .ok
            }
        }
        table["+CNMI"] = { modem, command in
            switch command.kind {
            case .set:
                let s = modem.sms.settings
                guard let values = Self.integers(command, current: [s.indicationMode, s.messageIndication, s.broadcastIndication, s.statusReportIndication, s.bufferFlush],
                                                 ranges: [0...3, 0...3, 0...3, 0...2, 0...1])
                else { return .error(modem.invalidSMSParameter) }
                modem.sms.settings.indicationMode = values[0]
                modem.sms.settings.messageIndication = values[1]
                modem.sms.settings.broadcastIndication = values[2]
                modem.sms.settings.statusReportIndication = values[3]
                modem.sms.settings.bufferFlush = values[4]
                if values[0] != 0 { modem.flushBufferedIndications(discard: values[4] == 1) }
                return .ok
            case .read:
                let s = modem.sms.settings
                return .ok(["+CNMI: \(s.indicationMode),\(s.messageIndication),\(s.broadcastIndication),\(s.statusReportIndication),\(s.bufferFlush)"])
            case .test: return .ok(["+CNMI: (0-3),(0-3),(0-3),(0-2),(0,1)"])
            case .execute: return .ok
            }
        }
        table["+CNMA"] = { modem, command in
            switch command.kind {
            case .test: return .ok([modem.sms.settings.textMode ? "" : "+CNMA: (0-2)"].filter { !$0.isEmpty })
            case .read: return .error(modem.invalidSMSParameter)
            case .execute:
                return modem.acknowledgeDelivery(positive: true) ? .ok : .error(.cms(340))
            case .set:
                guard !modem.sms.settings.textMode,
                      case .some(.some(let reply)) = command.int(0, in: 0...2, default: 0),
                      case .some(.some(let length)) = command.int(1, in: 0...255, default: 0)
                else { return .error(modem.invalidSMSParameter) }
                guard modem.sms.awaitingAcknowledgement != nil else { return .error(.cms(340)) }
                guard length > 0 else { return modem.acknowledgeDelivery(positive: reply != 2) ? .ok : .error(.cms(340)) }
                // An RP-ACK/RP-ERROR TPDU follows; its content does not matter to the network here.
                return .prompt(Prompt(termination: .ctrlZ, echoes: true) { modem, payload in
                    guard payload != nil else { return .ok }
                    return modem.acknowledgeDelivery(positive: reply != 2) ? .ok : .error(.cms(340))
                })
            }
        }
        // Settings profiles: nothing to save beyond what is kept anyway.
        table["+CSAS"] = { _, _ in .ok }
        table["+CRES"] = { _, _ in .ok }
        table["+CMMS"] = { modem, command in
            switch command.kind {
            case .set:
                guard case .some(.some(let value)) = command.int(0, in: 0...2, default: 0) else { return .error(modem.invalidSMSParameter) }
                modem.settings.switches["+CMMS"] = String(value)
                return .ok
            case .read: return .ok(["+CMMS: \(modem.settings.switches["+CMMS"] ?? "0")"])
            case .test: return .ok(["+CMMS: (0-2)"])
            case .execute: return .ok
            }
        }
    }

    /// A 0/1 switch of the SMS settings (`+CMGF`, `+CSDH`).
    private static func flag(_ keyPath: WritableKeyPath<SMSState.Settings, Bool> & Sendable, name: String) -> HandlerTable.Handler {
        { modem, command in
            switch command.kind {
            case .set:
                guard case .some(.some(let value)) = command.int(0, in: 0...1, default: 0) else { return .error(modem.invalidSMSParameter) }
                modem.sms.settings[keyPath: keyPath] = value == 1
                return .ok
            case .read: return .ok(["\(name): \(modem.sms.settings[keyPath: keyPath] ? 1 : 0)"])
            case .test: return .ok(["\(name): (0,1)"])
            case .execute:
                modem.sms.settings[keyPath: keyPath] = false
                return .ok
            }
        }
    }

    // MARK: Shared by the SMS handlers

    /// Numeric parameters of a set command: `current` with the given fields replaced; `nil` when
    /// there are too many or one is not a number in its range. A quoted field at `quotedAllowed`
    /// keeps the current value.
    static func integers(_ command: ParsedCommand, current: [Int], ranges: [ClosedRange<Int>], quotedAllowed: Int? = nil) -> [Int]? {
        let fields = command.fields
        guard fields.count <= current.count else { return nil }
        var values = current
        for index in fields.indices {
            if index == quotedAllowed, case .quoted = fields[index] { continue }
            guard case .some(.some(let value)) = command.int(index, in: ranges[index], default: current[index]) else { return nil }
            values[index] = value
        }
        return values
    }

    /// `+CMS ERROR: 304` in PDU mode, `305` in text mode: a parameter the command cannot take.
    var invalidSMSParameter: ModemFailure { sms.settings.textMode ? .cms(305) : .cms(304) }

    /// The SIM's state as a `+CMS ERROR` (TS 27.005 §3.2.5, 310–316), or `nil` when it is usable.
    func smsSIMFailure() -> ModemFailure? {
        guard let failure = simFailure() else { return nil }
        switch failure {
        case .cme(10): return .cms(310)
        case .cme(11): return .cms(311)
        case .cme(12): return .cms(316)
        case .cme(14): return .cms(314)
        default: return .cms(313)
        }
    }

    /// A `+CPMS` storage name, as typed or in the TE character set.
    func storageName(_ text: String?) -> SMSState.StorageName? {
        guard let text else { return nil }
        if let name = SMSState.StorageName(rawValue: text.uppercased()) { return name }
        return teCharacterSet.decode(field: text).flatMap { SMSState.StorageName(rawValue: $0.uppercased()) }
    }

    /// Whether `text` is a number an address field can carry: digits, `*`, `#`, an optional `+`.
    static func isDialString(_ text: String) -> Bool {
        let digits = text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        return !digits.isEmpty && digits.count <= 20 && digits.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "*" || $0 == "#") }
    }

    /// The service centre as an address, `nil` when none is set.
    var serviceCentreAddress: SMSAddress? {
        let centre = sms.serviceCentre
        guard Self.isDialString(centre) else { return nil }
        return SMSAddress(value: centre.hasPrefix("+") ? String(centre.dropFirst()) : centre,
                          typeOfNumber: sms.serviceCentreType == 145 || centre.hasPrefix("+") ? .international : .unknown)
    }
}
