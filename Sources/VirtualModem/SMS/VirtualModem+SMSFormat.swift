import SMSPDU

/// How messages are printed in PDU and text mode (TS 27.005 §3.4.1, §3.4.3, §4.1, §4.2):
///
///     PDU:  +CMGR: 0,,24                      +CMGL: 1,0,,24                 +CMT: "",24
///           07915155010000F0040B91...          07915155010000F0040B91...      07915155010000F0...
///     text: +CMGR: "REC UNREAD","+447700900123",,"26/01/01,00:00:30+00"
///           hello
///     text with +CSDH=1: +CMT: "+447700900123",,"26/01/01,00:00:30+00",145,4,0,0,"+15550100000",145,5
///     status report (text): +CDS: 6,3,"+447700900123",145,"26/01/01,00:01:00+00","26/01/01,00:01:02+00",0
extension VirtualModem {
    /// A stored or incoming PDU, decoded.
    struct DecodedSMS {
        var smsc: SMSAddress?
        var tpdu: SMSTPDU
        /// TPDU octets (the `<length>` of PDU mode).
        var tpduLength: Int
        var firstOctet: UInt8
        var pdu: [UInt8]
    }

    /// Where a message's lines are printed.
    enum SMSListing {
        case read(StoredMessage.Status)
        case list(index: Int, StoredMessage.Status)
        case unsolicited
    }

    var teCharacterSet: TECharacterSet { TECharacterSet(settings.characterSet) }

    static func decodeSMS(_ pdu: [UInt8], received: Bool) -> DecodedSMS? {
        guard let first = pdu.first, Int(first) + 1 < pdu.count,
              let decoded = try? SMSPDU.decode(pdu, direction: received ? .toMobile : .fromMobile)
        else { return nil }
        let smscLength = Int(first) + 1
        return DecodedSMS(smsc: decoded.smsc, tpdu: decoded.tpdu, tpduLength: pdu.count - smscLength, firstOctet: pdu[smscLength], pdu: pdu)
    }

    /// The lines of a message: `+CMGR`/`+CMGL`/`+CMT`/`+CDS` and, except for text-mode status
    /// reports, the PDU or text line.
    func smsLines(_ message: DecodedSMS, _ listing: SMSListing) -> [String] {
        if !sms.settings.textMode {
            let hex = TECharacterSet.hex(message.pdu)
            switch listing {
            case .read(let status): return ["+CMGR: \(status.rawValue),,\(message.tpduLength)", hex]
            case .list(let index, let status): return ["+CMGL: \(index),\(status.rawValue),,\(message.tpduLength)", hex]
            case .unsolicited:
                if case .statusReport = message.tpdu { return ["+CDS: \(message.tpduLength)", hex] }
                return ["+CMT: \"\",\(message.tpduLength)", hex]
            }
        }
        let prefix: String
        switch listing {
        case .read(let status): prefix = "+CMGR: \"\(status.text)\","
        case .list(let index, let status): prefix = "+CMGL: \(index),\"\(status.text)\","
        case .unsolicited:
            if case .statusReport = message.tpdu { prefix = "+CDS: " } else { prefix = "+CMT: " }
        }
        let header = sms.settings.showHeader
        let centre = message.smsc.map { (quote($0.description), Int($0.typeOctet)) }
            ?? (quote(sms.serviceCentre), sms.serviceCentreType)
        var fields: [String]
        var data: String?
        switch message.tpdu {
        case .deliver(let deliver):
            let body = textBody(deliver.userData, scheme: deliver.dataCodingScheme)
            data = body.text
            fields = [quote(deliver.originator.description), "", "\"\(Self.timestampText(deliver.serviceCentreTimestamp))\""]
            if header {
                let tooa = String(deliver.originator.typeOctet)
                if case .list = listing {
                    fields += [tooa, String(body.length)]
                } else {
                    fields += [tooa, String(message.firstOctet), String(deliver.protocolIdentifier), String(deliver.dataCodingScheme.rawValue),
                               centre.0, String(centre.1), String(body.length)]
                }
            }
        case .submit(let submit):
            let body = textBody(submit.userData, scheme: submit.dataCodingScheme)
            data = body.text
            fields = [quote(submit.destination.description), ""]
            if case .list = listing { fields.append("") }
            if header {
                let toda = String(submit.destination.typeOctet)
                if case .list = listing {
                    fields += [toda, String(body.length)]
                } else {
                    fields += [toda, String(message.firstOctet), String(submit.protocolIdentifier), String(submit.dataCodingScheme.rawValue),
                               Self.validityText(submit.validityPeriod), centre.0, String(centre.1), String(body.length)]
                }
            }
        case .statusReport(let report):
            fields = [String(message.firstOctet), String(report.messageReference), quote(report.recipient.description),
                      String(report.recipient.typeOctet), "\"\(Self.timestampText(report.serviceCentreTimestamp))\"",
                      "\"\(Self.timestampText(report.dischargeTime))\"", String(report.status.rawValue)]
        case .submitReport, .deliverReport:
            fields = []
        }
        var lines = [prefix + fields.joined(separator: ",")]
        if let data { lines.append(data) }
        return lines
    }

    /// Text-mode `<data>` and `<length>`: GSM 7-bit text without a header in the TE character
    /// set; UCS-2, 8-bit data or anything with a header as hex octets of the user data.
    func textBody(_ userData: SMSUserData, scheme: DataCodingScheme) -> (text: String, length: Int) {
        if userData.header == nil, scheme.alphabet == .gsm7, !scheme.isCompressed, case .text(let text) = userData.body {
            return (teCharacterSet.encode(text), TECharacterSet.septets(text).count)
        }
        let octets = Self.userDataOctets(userData, scheme: scheme)
        return (TECharacterSet.hex(octets), octets.count)
    }

    /// TP-UD as sent (header and packed body).
    static func userDataOctets(_ userData: SMSUserData, scheme: DataCodingScheme) -> [UInt8] {
        (try? userData.octets(scheme: scheme)) ?? []
    }

    /// A quoted string in the TE character set.
    func quote(_ text: String) -> String {
        "\"" + teCharacterSet.encode(text) + "\""
    }

    /// `yy/MM/dd,hh:mm:ss±zz`, the zone in quarter hours (TS 27.005 §3.3.1 `<scts>`).
    static func timestampText(_ stamp: SMSTimestamp) -> String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value % 100) }
        let zone = stamp.timeZoneQuarterHours
        return "\(two(stamp.year % 100))/\(two(stamp.month))/\(two(stamp.day)),\(two(stamp.hour)):\(two(stamp.minute)):\(two(stamp.second))"
            + (zone < 0 ? "-" : "+") + two(abs(zone))
    }

    static func validityText(_ period: SMSValidityPeriod?) -> String {
        guard let period else { return "" }
        switch period {
        case .relative(let value): return String(value)
        case .absolute(let stamp): return "\"\(timestampText(stamp))\""
        case .enhanced: return ""
        }
    }

    /// The modem's clock as a service centre time stamp (the same instant `+CCLK?` prints).
    func smsTimestamp() -> SMSTimestamp {
        let seconds = Int(now.components.seconds)
        return SMSTimestamp(
            year: 2026, month: 1, day: 1 + (seconds / 86_400) % 28, hour: (seconds / 3600) % 24,
            minute: (seconds / 60) % 60, second: seconds % 60, timeZoneQuarterHours: 0
        )
    }
}
