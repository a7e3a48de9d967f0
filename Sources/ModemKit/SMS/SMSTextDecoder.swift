import ATCodec
import SMSPDU

/// Why a text-mode message could not be turned into an `SMSPDU` value: the field and what it held.
public struct SMSTextDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `<scts>`, `<data>`, `<oa>`...
    public var field: String
    /// The field as printed.
    public var value: String
    public var reason: String

    public var description: String { "\(field) \"\(value)\": \(reason)" }
}

/// Turns text-mode messages (``SMSTextMessage``, ``SMSTextStatusReport``) into the values PDU
/// mode gives (`SMSDeliver`, `SMSStatusReport`), so both modes feed the same reassembly and
/// report correlation. Pure.
///
///     let decoder = SMSTextDecoder(characterSet: .ucs2)
///     // +CMT: "002B0034003400370037",,"26/01/01,00:00:30+00",145,4,0,0,"002B...",145,5 / 00480065006C006C006F
///     let deliver = try decoder.deliver(message)       // from +4477, "Hello"
///
/// `<data>` is read as TS 27.005 §3.1 prints it: 7-bit text without a header in the TE
/// character set; 8-bit and UCS-2 data, and anything whose `<fo>` has TP-UDHI set, as hex of
/// the octets (with a header: of the whole TP-UD, so concatenation is recognised). Without
/// `+CSDH=1` there is no `<fo>` and `<dcs>`: the data is taken as 7-bit text, and the parts of a
/// concatenated message arrive as separate messages.
public struct SMSTextDecoder: Sendable {
    public var characterSet: SMSTextCharacterSet

    public init(characterSet: SMSTextCharacterSet) { self.characterSet = characterSet }

    /// An SMS-DELIVER from `+CMT`, `+CMGR` or `+CMGL`.
    public func deliver(_ message: SMSTextMessage) throws(SMSTextDecodingError) -> SMSDeliver {
        guard let printedStamp = message.timestamp else { throw SMSTextDecodingError(field: "<scts>", value: "", reason: "missing") }
        let stamp = try Self.timestamp(printedStamp, field: "<scts>")
        let originator = address(message.address, type: message.typeOfAddress)
        let scheme = DataCodingScheme(rawValue: UInt8(clamping: message.dataCodingScheme ?? 0))
        let first = UInt8(clamping: message.firstOctet ?? 0x04)
        var deliver = SMSDeliver(originator: originator, protocolIdentifier: UInt8(clamping: message.protocolIdentifier ?? 0),
                                 dataCodingScheme: scheme, serviceCentreTimestamp: stamp, userData: SMSUserData(body: .text("")),
                                 moreMessagesToSend: first & 0x04 == 0, loopPrevention: first & 0x08 != 0,
                                 statusReportIndication: first & 0x20 != 0, replyPath: first & 0x80 != 0)
        let hexData = message.hasUserDataHeader || scheme.alphabet != .gsm7 || scheme.isCompressed
        guard hexData else {
            guard let text = characterSet.text(message.data) else {
                throw SMSTextDecodingError(field: "<data>", value: message.data, reason: "not valid \(characterSet.rawValue) text")
            }
            deliver.userData = SMSUserData(body: .text(text))
            return deliver
        }
        let octets: [UInt8]
        do { octets = try PDUHex.bytes(message.data.filter { $0 != " " }) } catch {
            throw SMSTextDecodingError(field: "<data>", value: message.data, reason: "not hex: \(error)")
        }
        deliver.userData = try userData(octets, of: deliver, header: message.hasUserDataHeader, data: message.data)
        return deliver
    }

    /// An SMS-STATUS-REPORT from `+CDS`, `+CMGR` or `+CMGL`.
    public func statusReport(_ report: SMSTextStatusReport) throws(SMSTextDecodingError) -> SMSStatusReport {
        let first = UInt8(clamping: report.firstOctet)
        return SMSStatusReport(
            messageReference: UInt8(clamping: report.reference),
            recipient: address(report.recipient ?? "", type: report.recipientType),
            serviceCentreTimestamp: try Self.timestamp(report.serviceCentreTimestamp, field: "<scts>"),
            dischargeTime: try Self.timestamp(report.dischargeTime, field: "<dt>"),
            status: SMSStatus(rawValue: UInt8(clamping: report.reportStatus)),
            moreMessagesToSend: first & 0x04 == 0, loopPrevention: first & 0x08 != 0, statusReportQualifier: first & 0x20 != 0
        )
    }

    /// `<oa>`/`<ra>` with its type: 145 international, 0x5x alphanumeric, else the TON it names.
    func address(_ printed: String, type: Int?) -> SMSAddress {
        let value = characterSet.address(printed)
        let typeOfNumber = type.flatMap { SMSAddress.TypeOfNumber(rawValue: UInt8(($0 >> 4) & 0x07)) }
        if typeOfNumber == .alphanumeric || (type == nil && !value.allSatisfy({ $0.isASCII && ($0.isNumber || "+*#".contains($0)) })) {
            return SMSAddress(alphanumeric: value)
        }
        if value.hasPrefix("+") || typeOfNumber == .international {
            return SMSAddress(value: value.hasPrefix("+") ? String(value.dropFirst()) : value, typeOfNumber: .international)
        }
        return SMSAddress(value: value, typeOfNumber: typeOfNumber ?? .unknown,
                          numberingPlan: SMSAddress.NumberingPlan(rawValue: UInt8(clamping: (type ?? 0x81) & 0x0F)))
    }

    /// TP-UD octets, read by the codec (7-bit: the septet count is the octets' worth, less a
    /// last septet of padding).
    func userData(_ octets: [UInt8], of deliver: SMSDeliver, header: Bool, data: String) throws(SMSTextDecodingError) -> SMSUserData {
        do {
            return try SMSUserData(octets: octets, scheme: deliver.dataCodingScheme, hasHeader: header)
        } catch {
            throw SMSTextDecodingError(field: "<data>", value: data, reason: "\(error)")
        }
    }

    /// `yy/MM/dd,hh:mm:ss±zz` (TS 27.005 §3.3.1 `<scts>`, zone in quarter hours).
    static func timestamp(_ printed: String, field: String) throws(SMSTextDecodingError) -> SMSTimestamp {
        let bytes = Array(printed.utf8)
        let fail = SMSTextDecodingError(field: field, value: printed, reason: "not yy/MM/dd,hh:mm:ss±zz")
        guard bytes.count == 20 || bytes.count == 17 else { throw fail }
        func two(_ at: Int) throws(SMSTextDecodingError) -> Int {
            let high = bytes[at], low = bytes[at + 1]
            guard (0x30...0x39).contains(high), (0x30...0x39).contains(low) else { throw fail }
            return Int(high - 0x30) * 10 + Int(low - 0x30)
        }
        let separators: [(Int, UInt8)] = [(2, 0x2F), (5, 0x2F), (8, 0x2C), (11, 0x3A), (14, 0x3A)]
        guard separators.allSatisfy({ bytes[$0.0] == $0.1 }) else { throw fail }
        var zone = 0
        if bytes.count == 20 {
            guard bytes[17] == 0x2B || bytes[17] == 0x2D else { throw fail }
            zone = try two(18) * (bytes[17] == 0x2D ? -1 : 1)
        }
        let year = try two(0)
        let stamp = SMSTimestamp(year: year >= 90 ? 1900 + year : 2000 + year, month: try two(3), day: try two(6),
                                 hour: try two(9), minute: try two(12), second: try two(15), timeZoneQuarterHours: zone)
        guard (1...12).contains(stamp.month), (1...31).contains(stamp.day), stamp.hour < 24, stamp.minute < 60, stamp.second < 60 else {
            throw SMSTextDecodingError(field: field, value: printed, reason: "date or time out of range")
        }
        return stamp
    }
}
