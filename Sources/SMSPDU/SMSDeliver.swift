/// SMS-DELIVER, SC → MS, TS 23.040 §9.2.2.1.
///
///     // "07917283010010F5 040BC87238880900F1 00 00 99309251619580 0A E8329BFD4697D9EC37"
///     // from +27381000015 (SMSC), originator 27838890001, 1999-03-29 15:16:59 +02:00, "hellohello"
///     let pdu = try SMSPDU.decode(hex: "07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37", direction: .toMobile)
///     if case .deliver(let deliver) = pdu.tpdu { print(deliver.userData.text!) }
public struct SMSDeliver: Sendable, Hashable {
    /// TP-MMS inverted to read naturally: `true` when bit 2 is 0 ("more messages are waiting").
    public var moreMessagesToSend: Bool
    /// TP-LP.
    public var loopPrevention: Bool
    /// TP-SRI: the originator asked for a status report.
    public var statusReportIndication: Bool
    /// TP-RP.
    public var replyPath: Bool
    /// TP-OA.
    public var originator: SMSAddress
    /// TP-PID.
    public var protocolIdentifier: UInt8
    /// TP-DCS.
    public var dataCodingScheme: DataCodingScheme
    /// TP-SCTS.
    public var serviceCentreTimestamp: SMSTimestamp
    /// TP-UDHI is set exactly when `userData.header` is non-nil.
    public var userData: SMSUserData

    public init(
        originator: SMSAddress, protocolIdentifier: UInt8 = 0, dataCodingScheme: DataCodingScheme = .gsm7,
        serviceCentreTimestamp: SMSTimestamp, userData: SMSUserData, moreMessagesToSend: Bool = false,
        loopPrevention: Bool = false, statusReportIndication: Bool = false, replyPath: Bool = false
    ) {
        self.originator = originator
        self.protocolIdentifier = protocolIdentifier
        self.dataCodingScheme = dataCodingScheme
        self.serviceCentreTimestamp = serviceCentreTimestamp
        self.userData = userData
        self.moreMessagesToSend = moreMessagesToSend
        self.loopPrevention = loopPrevention
        self.statusReportIndication = statusReportIndication
        self.replyPath = replyPath
    }

    static func decode(_ reader: inout PDUReader) throws(PDUError) -> SMSDeliver {
        let first = try reader.byte("first octet")
        guard let originator = try SMSAddress.decode(&reader, field: "TP-OA") else {
            throw PDUError(.truncated(field: "TP-OA"), offset: reader.offset)
        }
        let pid = try reader.byte("TP-PID")
        let dcs = DataCodingScheme(rawValue: try reader.byte("TP-DCS"))
        let scts = try SMSTimestamp.decode(&reader, field: "TP-SCTS")
        let userData = try SMSUserData.decode(&reader, scheme: dcs, hasHeader: first & 0x40 != 0)
        return SMSDeliver(
            originator: originator, protocolIdentifier: pid, dataCodingScheme: dcs, serviceCentreTimestamp: scts,
            userData: userData, moreMessagesToSend: first & 0x04 == 0, loopPrevention: first & 0x08 != 0,
            statusReportIndication: first & 0x20 != 0, replyPath: first & 0x80 != 0
        )
    }

    func encode(into out: inout [UInt8]) throws(PDUError) {
        var first: UInt8 = 0b00
        if !moreMessagesToSend { first |= 0x04 }
        if loopPrevention { first |= 0x08 }
        if statusReportIndication { first |= 0x20 }
        if userData.header != nil { first |= 0x40 }
        if replyPath { first |= 0x80 }
        out.append(first)
        try originator.encode(into: &out, field: "TP-OA")
        out.append(protocolIdentifier)
        out.append(dataCodingScheme.rawValue)
        try serviceCentreTimestamp.encode(into: &out, field: "TP-SCTS")
        try userData.encode(scheme: dataCodingScheme, into: &out)
    }
}
