import SMSPDU

/// Sending (TS 27.005 §3.5.1, §4.3): `+CMGS` in PDU and text mode, and the network behind it.
///
///     AT+CMGS=19                                  (PDU mode: TPDU length, SMSC part excluded)
///     > 0011000B914477009021F30000AA05E8329BFD06^Z → +CMGS: 0 / OK   (half a second later)
///     AT+CMGF=1;+CMGS="+447700900123"
///     > hello^Z                                   → +CMGS: 1 / OK
///     > hello<ESC>                                → OK, nothing sent
///
/// The modem numbers messages itself (TP-MR, wrapping at 255, kept across reboots). When the
/// message asks for a status report (TP-SRR in the PDU, `+CSMP` first octet bit 0x20 in text
/// mode), an SMS-STATUS-REPORT for that TP-MR follows ``SMSState/statusReportDelay`` later, routed
/// as `+CNMI` `<ds>` says. A message to the modem's own number (``VirtualModem/ownNumber``) comes back
/// as an incoming message.
extension VirtualModem {
    /// The subscriber number of the virtual SIM (`+CNUM`).
    public static let ownNumber = "+15550100001"

    static func registerSMSSending(into table: inout [String: HandlerTable.Handler]) {
        table["+CMGS"] = { modem, command in
            if command.kind == .test { return .ok }
            guard command.kind == .set else { return .error(modem.invalidSMSParameter) }
            if let failure = modem.smsSIMFailure() { return .error(failure) }
            if modem.sms.settings.textMode {
                guard let raw = command.text(0) else { return .error(.cms(305)) }
                let number = modem.teCharacterSet.decode(address: raw)
                guard Self.isDialString(number),
                      case .some(.some(let type)) = command.int(1, in: 128...255, default: number.hasPrefix("+") ? 145 : 129)
                else { return .error(.cms(305)) }
                let destination = Self.address(number, type: type)
                return .prompt(Prompt(termination: .ctrlZ, echoes: true) { modem, payload in
                    guard let payload else { return .ok }
                    guard let submit = modem.textSubmit(to: destination, payload: payload) else { return .error(.cms(305)) }
                    return modem.send(submit, smsc: nil, prefix: "+CMGS")
                })
            }
            guard case .some(.some(let length)) = command.int(0, in: 1...255) else { return .error(.cms(304)) }
            return .prompt(Prompt(termination: .ctrlZ, echoes: true) { modem, payload in
                guard let payload else { return .ok }
                guard let bytes = Self.pduBytes(payload, tpduLength: length),
                      let decoded = Self.decodeSMS(bytes, received: false), case .submit(let submit) = decoded.tpdu
                else { return .error(.cms(304)) }
                return modem.send(submit, smsc: decoded.smsc, prefix: "+CMGS")
            })
        }
    }

    /// The SMS-SUBMIT for text typed in text mode, with the `+CSMP` parameters: GSM 7-bit text in
    /// the TE character set (characters the alphabet lacks become `?`), or hex for UCS-2 and
    /// 8-bit data coding schemes and, with TP-UDHI in the first octet, hex of the whole TP-UD
    /// with its header (TS 27.005 §3.1 `<data>`: how a concatenated part is sent in text mode);
    /// `nil` when the text is not valid in the character set or too long for one message
    /// (`+CMS ERROR: 305`).
    func textSubmit(to destination: SMSAddress, payload: [UInt8]) -> SMSSubmit? {
        let settings = sms.settings
        let scheme = DataCodingScheme(rawValue: UInt8(settings.dataCodingScheme))
        let firstOctet = UInt8(settings.firstOctet)
        let body: SMSUserData.Body
        var header: UserDataHeader?
        if firstOctet & 0x40 != 0 {
            // TP-UDHI: the whole TP-UD (header first) as hex, in any alphabet.
            guard let octets = TECharacterSet.hexBytes(payload),
                  let userData = try? SMSUserData(octets: octets, scheme: scheme, hasHeader: true)
            else { return nil }
            body = userData.body
            header = userData.header
        } else {
            switch scheme.alphabet {
            case .gsm7:
                guard let text = teCharacterSet.decode(payload) else { return nil }
                let alphabet = GSM7Alphabet()
                body = .text(String(text.map { alphabet.canEncode(String($0)) ? $0 : "?" }))
            case .ucs2:
                guard let text = TECharacterSet.ucs2Text(hex: payload) else { return nil }
                body = .text(text)
            case .eightBit:
                guard let data = TECharacterSet.hexBytes(payload) else { return nil }
                body = .data(data)
            }
        }
        let submit = SMSSubmit(
            destination: destination, userData: SMSUserData(header: header, body: body), dataCodingScheme: scheme,
            validityPeriod: (firstOctet >> 3) & 0x03 == 0b10 ? .relative(UInt8(settings.validityPeriod)) : nil,
            protocolIdentifier: UInt8(settings.protocolIdentifier), statusReportRequest: firstOctet & 0x20 != 0,
            rejectDuplicates: firstOctet & 0x04 != 0, replyPath: firstOctet & 0x80 != 0
        )
        // Too long for one message (text mode cannot send a concatenated one).
        guard (try? SMSTPDU.submit(submit).encoded()) != nil else { return nil }
        return submit
    }

    /// Hands a message to the network: after its round trip, `<prefix>: <mr>` and `OK`.
    /// `sentFrom` is the stored message `+CMSS` sent, marked `STO SENT` once accepted.
    mutating func send(_ submit: SMSSubmit, smsc: SMSAddress?, prefix: String, sentFrom: (SMSState.StorageName, Int)? = nil) -> CommandResult {
        guard network.isRegistered else { return .error(.cms(331)) }
        guard smsc != nil || serviceCentreAddress != nil else { return .error(.cms(330)) }
        return .after(SMSState.sendTime) { modem in
            guard modem.network.isRegistered else { return .error(.cms(332)) }
            let reference = modem.sms.takeReference()
            modem.recordSent(submit, reference: reference)
            if let (storage, index) = sentFrom {
                modem.sms.update(at: index, in: storage) { $0.status = .storedSent }
            }
            if submit.statusReportRequest {
                let stamp = modem.smsTimestamp()
                let recipient = submit.destination
                modem.schedule(after: SMSState.statusReportDelay, tag: .sms) { modem in
                    modem.deliverStatusReport(reference: reference, recipient: recipient, submitted: stamp)
                }
            }
            if submit.destination.description == Self.ownNumber {
                modem.schedule(after: SMSState.statusReportDelay / 2, tag: .sms) { modem in
                    modem.loopBack(submit)
                }
            }
            return .ok(["\(prefix): \(reference)"])
        }
    }

    private mutating func recordSent(_ submit: SMSSubmit, reference: UInt8) {
        let text: String
        switch submit.userData.body {
        case .text(let value): text = value
        case .data(let bytes), .compressed(let bytes): text = TECharacterSet.hex(bytes)
        }
        let part = submit.userData.header?.concatenation.map {
            SentSMS.Part(reference: Int($0.reference), total: Int($0.total), sequence: Int($0.sequence))
        }
        sms.recordSent(SentSMS(
            reference: Int(reference), destination: submit.destination.description, text: text, part: part,
            statusReportRequested: submit.statusReportRequest
        ))
    }

    /// The service centre reports that message `reference` reached `recipient` (TP-ST 0).
    mutating func deliverStatusReport(reference: UInt8, recipient: SMSAddress, submitted: SMSTimestamp) {
        let report = SMSStatusReport(
            messageReference: reference, recipient: recipient, serviceCentreTimestamp: submitted,
            dischargeTime: smsTimestamp(), status: SMSStatus(rawValue: 0x00)
        )
        guard let pdu = try? SMSPDU(smsc: serviceCentreAddress, tpdu: .statusReport(report)).encoded() else { return }
        routeIncoming(pdu.bytes)
    }

    /// A message sent to the modem's own number arrives as an SMS-DELIVER from that number.
    private mutating func loopBack(_ submit: SMSSubmit) {
        let deliver = SMSDeliver(
            originator: SMSAddress(Self.ownNumber), protocolIdentifier: submit.protocolIdentifier,
            dataCodingScheme: submit.dataCodingScheme, serviceCentreTimestamp: smsTimestamp(), userData: submit.userData,
            statusReportIndication: submit.statusReportRequest
        )
        guard let pdu = try? SMSPDU(smsc: serviceCentreAddress, tpdu: .deliver(deliver)).encoded() else { return }
        routeIncoming(pdu.bytes)
    }
}
