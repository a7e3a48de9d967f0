import SMSPDU

/// Reading, listing, writing and deleting stored messages (TS 27.005 §3.5.1–3.5.4, §3.5.6):
/// `+CMGL`, `+CMGR` and `+CMGD` work on the first `+CPMS` memory, `+CMGW` and `+CMSS` on the second.
/// As on real modems, a message's PDU or text follows its header line directly and listed messages
/// follow each other without blank lines; only the final result is set apart.
///
///     AT+CMGL=4            → +CMGL: 1,0,,24 / 07915155010000F0040B... / OK  (PDU mode)
///     AT+CMGL="ALL"        → +CMGL: 1,"REC UNREAD","+447700900123",,"26/01/01,00:00:30+00" / hello / OK
///     AT+CMGR=7            → OK (empty slot)         AT+CMGR=99 → +CMS ERROR: 321
///     AT+CMGD=1,4          → OK (deletes everything)  AT+CMGD=?  → +CMGD: (1,2),(0-4)
///     AT+CMGW="+4477..."   → "> " text ^Z → +CMGW: 3   (+CMS ERROR: 322 when full)
extension VirtualModem {
    static func registerSMSStorage(into table: inout [String: HandlerTable.Handler]) {
        table["+CMGL"] = { modem, command in
            let textMode = modem.sms.settings.textMode
            if command.kind == .test {
                return .ok([textMode ? "+CMGL: (\"REC UNREAD\",\"REC READ\",\"STO UNSENT\",\"STO SENT\",\"ALL\")" : "+CMGL: (0-4)"])
            }
            if let failure = modem.smsSIMFailure() { return .error(failure) }
            guard command.kind == .set || command.kind == .execute,
                  case .some(let filter) = modem.statusFilter(command, index: 0),
                  case .some(.some(let keepStatus)) = command.int(1, in: 0...1, default: 0)
            else { return .error(modem.invalidSMSParameter) }
            let storage = modem.sms.settings.readStorage
            var lines: [String] = []
            for message in modem.sms.messages(in: storage) where filter == nil || filter == message.status {
                guard let decoded = Self.decodeSMS(message.pdu, received: message.status.isReceived) else { continue }
                lines += modem.smsLines(decoded, .list(index: message.index, message.status))
                if message.status == .receivedUnread, keepStatus == 0 {
                    modem.sms.update(at: message.index, in: storage) { $0.status = .receivedRead }
                }
            }
            return .ok(lines.isEmpty ? [] : [lines.joined(separator: "\r\n")])
        }
        table["+CMGR"] = { modem, command in
            if command.kind == .test { return .ok }
            if let failure = modem.smsSIMFailure() { return .error(failure) }
            guard command.kind == .set, case .some(.some(let index)) = command.int(0, in: 0...65_535),
                  case .some(.some(let keepStatus)) = command.int(1, in: 0...1, default: 0)
            else { return .error(modem.invalidSMSParameter) }
            let storage = modem.sms.settings.readStorage
            guard modem.sms.isValid(index, in: storage) else { return .error(.cms(321)) }
            guard let message = modem.sms.message(at: index, in: storage) else { return .ok }
            guard let decoded = Self.decodeSMS(message.pdu, received: message.status.isReceived) else { return .error(.cms(320)) }
            if message.status == .receivedUnread, keepStatus == 0 {
                modem.sms.update(at: index, in: storage) { $0.status = .receivedRead }
            }
            return .ok([modem.smsLines(decoded, .read(message.status)).joined(separator: "\r\n")])
        }
        table["+CMGD"] = { modem, command in
            let storage = modem.sms.settings.readStorage
            if command.kind == .test {
                let used = modem.sms.messages(in: storage).map { String($0.index) }.joined(separator: ",")
                return .ok(["+CMGD: (\(used)),(0-4)"])
            }
            if let failure = modem.smsSIMFailure() { return .error(failure) }
            guard command.kind == .set, case .some(let given) = command.int(0, in: 0...65_535),
                  case .some(.some(let flag)) = command.int(1, in: 0...4, default: 0)
            else { return .error(modem.invalidSMSParameter) }
            switch flag {
            case 0:
                guard let index = given, modem.sms.isValid(index, in: storage) else { return .error(.cms(321)) }
                modem.sms.delete(at: index, in: storage)
            case 1: modem.sms.delete(where: [.receivedRead], in: storage)
            case 2: modem.sms.delete(where: [.receivedRead, .storedSent], in: storage)
            case 3: modem.sms.delete(where: [.receivedRead, .storedSent, .storedUnsent], in: storage)
            default: modem.sms.delete(where: Set(StoredMessage.Status.allCases), in: storage)
            }
            modem.redeliverRefused()
            return .ok
        }
        table["+CMGW"] = { modem, command in
            if command.kind == .test { return .ok }
            if let failure = modem.smsSIMFailure() { return .error(failure) }
            guard command.kind == .set || command.kind == .execute else { return .error(modem.invalidSMSParameter) }
            let storage = modem.sms.settings.writeStorage
            guard !modem.sms.isFull(storage) else { return .error(.cms(322)) }
            if modem.sms.settings.textMode {
                guard case .some(let status) = modem.statusFilter(command, index: 2) else { return .error(.cms(305)) }
                let stored = status ?? .storedUnsent
                guard !stored.isReceived else { return .error(.cms(305)) }
                let number = command.text(0).map { modem.teCharacterSet.decode(address: $0) } ?? ""
                guard number.isEmpty || Self.isDialString(number),
                      case .some(.some(let type)) = command.int(1, in: 128...255, default: number.hasPrefix("+") ? 145 : 129)
                else { return .error(.cms(305)) }
                let destination = Self.address(number, type: type)
                return .prompt(Prompt(termination: .ctrlZ, echoes: true) { modem, payload in
                    guard let payload else { return .ok }
                    guard let submit = modem.textSubmit(to: destination, payload: payload),
                          let pdu = try? SMSPDU(smsc: nil, tpdu: .submit(submit)).encoded()
                    else { return .error(.cms(305)) }
                    return modem.storeWritten(pdu.bytes, status: stored)
                })
            }
            guard case .some(.some(let length)) = command.int(0, in: 1...255),
                  case .some(.some(let statusValue)) = command.int(1, in: 0...3, default: 2),
                  let status = StoredMessage.Status(rawValue: statusValue)
            else { return .error(.cms(304)) }
            return .prompt(Prompt(termination: .ctrlZ, echoes: true) { modem, payload in
                guard let payload else { return .ok }
                guard let bytes = Self.pduBytes(payload, tpduLength: length),
                      let decoded = Self.decodeSMS(bytes, received: status.isReceived)
                else { return .error(.cms(304)) }
                switch decoded.tpdu {
                case .deliver, .statusReport, .submit: return modem.storeWritten(bytes, status: status)
                case .submitReport, .deliverReport: return .error(.cms(304))
                }
            })
        }
        table["+CMSS"] = { modem, command in
            if command.kind == .test { return .ok }
            if let failure = modem.smsSIMFailure() { return .error(failure) }
            guard command.kind == .set, case .some(.some(let index)) = command.int(0, in: 0...65_535) else {
                return .error(modem.invalidSMSParameter)
            }
            let storage = modem.sms.settings.writeStorage
            guard modem.sms.isValid(index, in: storage) else { return .error(.cms(321)) }
            guard let message = modem.sms.message(at: index, in: storage), !message.status.isReceived,
                  let decoded = Self.decodeSMS(message.pdu, received: false), case .submit(var submit) = decoded.tpdu
            else { return .error(.cms(321)) }
            if let raw = command.text(1) {
                let number = modem.teCharacterSet.decode(address: raw)
                guard Self.isDialString(number),
                      case .some(.some(let type)) = command.int(2, in: 128...255, default: number.hasPrefix("+") ? 145 : 129)
                else { return .error(modem.invalidSMSParameter) }
                submit.destination = Self.address(number, type: type)
            }
            return modem.send(submit, smsc: decoded.smsc, prefix: "+CMSS", sentFrom: (storage, index))
        }
    }

    /// `<stat>` of `+CMGL`/`+CMGW`: a number in PDU mode, a string in text mode. `.some(nil)` is
    /// "all" (or absent), `.none` invalid. Absent from `+CMGL` means "REC UNREAD".
    func statusFilter(_ command: ParsedCommand, index: Int) -> StoredMessage.Status?? {
        let listing = command.name == "+CMGL"
        guard let field = command.text(index), !field.isEmpty else { return .some(listing ? .receivedUnread : nil) }
        if sms.settings.textMode {
            let text = (teCharacterSet.decode(field: field) ?? field).uppercased()
            if text == "ALL" && listing { return .some(nil) }
            guard let status = StoredMessage.Status.allCases.first(where: { $0.text == text }) else { return .none }
            return .some(status)
        }
        guard let value = Int(field), (0...(listing ? 4 : 3)).contains(value) else { return .none }
        return .some(StoredMessage.Status(rawValue: value))
    }

    /// Stores a written message in the write storage: `+CMGW: <index>` or `+CMS ERROR: 322`.
    mutating func storeWritten(_ pdu: [UInt8], status: StoredMessage.Status) -> CommandResult {
        guard let index = sms.store(StoredMessage(status: status, pdu: pdu), in: sms.settings.writeStorage) else { return .error(.cms(322)) }
        return .ok(["+CMGW: \(index)"])
    }

    /// A PDU typed after a prompt: hex (whitespace ignored) whose TPDU, after the SMSC part, is
    /// `tpduLength` octets; `nil` otherwise.
    static func pduBytes(_ payload: [UInt8], tpduLength: Int) -> [UInt8]? {
        let digits = payload.filter { $0 != 0x20 && $0 != 0x0D && $0 != 0x0A && $0 != 0x09 }
        guard let bytes = TECharacterSet.hexBytes(digits), let first = bytes.first else { return nil }
        guard bytes.count - Int(first) - 1 == tpduLength else { return nil }
        return bytes
    }

    /// An address from a number typed in text mode and its type of address (145 international).
    static func address(_ number: String, type: Int) -> SMSAddress {
        let digits = number.hasPrefix("+") ? String(number.dropFirst()) : number
        let typeOfNumber = number.hasPrefix("+") ? .international : SMSAddress.TypeOfNumber(rawValue: UInt8((type >> 4) & 0x07)) ?? .unknown
        return SMSAddress(value: digits, typeOfNumber: typeOfNumber == .alphanumeric ? .unknown : typeOfNumber,
                          numberingPlan: SMSAddress.NumberingPlan(rawValue: UInt8(type & 0x0F)))
    }
}
