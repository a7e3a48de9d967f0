/// SMS-STATUS-REPORT, SC → MS, TS 23.040 §9.2.2.3. TP-PI and what it announces are optional.
///
///     // "07911326040000F0 06 0E 0B911326880736F4 21108211617040 2110821161704A 00":
///     // report for TP-MR 0x0E to +31628870634: status 0x00, received by the SME
public struct SMSStatusReport: Sendable, Hashable {
    public var moreMessagesToSend: Bool
    public var loopPrevention: Bool
    /// TP-SRQ: `false` = report of an SMS-SUBMIT, `true` = of an SMS-COMMAND.
    public var statusReportQualifier: Bool
    /// TP-MR of the message this reports on.
    public var messageReference: UInt8
    /// TP-RA.
    public var recipient: SMSAddress
    public var serviceCentreTimestamp: SMSTimestamp
    /// TP-DT.
    public var dischargeTime: SMSTimestamp
    /// TP-ST.
    public var status: SMSStatus
    public var protocolIdentifier: UInt8?
    public var dataCodingScheme: DataCodingScheme?
    public var userData: SMSUserData?

    public init(
        messageReference: UInt8, recipient: SMSAddress, serviceCentreTimestamp: SMSTimestamp, dischargeTime: SMSTimestamp,
        status: SMSStatus, protocolIdentifier: UInt8? = nil, dataCodingScheme: DataCodingScheme? = nil,
        userData: SMSUserData? = nil, moreMessagesToSend: Bool = false, loopPrevention: Bool = false,
        statusReportQualifier: Bool = false
    ) {
        self.messageReference = messageReference
        self.recipient = recipient
        self.serviceCentreTimestamp = serviceCentreTimestamp
        self.dischargeTime = dischargeTime
        self.status = status
        self.protocolIdentifier = protocolIdentifier
        self.dataCodingScheme = dataCodingScheme
        self.userData = userData
        self.moreMessagesToSend = moreMessagesToSend
        self.loopPrevention = loopPrevention
        self.statusReportQualifier = statusReportQualifier
    }

    static func decode(_ reader: inout PDUReader) throws(PDUError) -> SMSStatusReport {
        let first = try reader.byte("first octet")
        let reference = try reader.byte("TP-MR")
        guard let recipient = try SMSAddress.decode(&reader, field: "TP-RA") else {
            throw PDUError(.truncated(field: "TP-RA"), offset: reader.offset)
        }
        var report = SMSStatusReport(
            messageReference: reference, recipient: recipient,
            serviceCentreTimestamp: try SMSTimestamp.decode(&reader, field: "TP-SCTS"),
            dischargeTime: try SMSTimestamp.decode(&reader, field: "TP-DT"),
            status: SMSStatus(rawValue: try reader.byte("TP-ST")),
            moreMessagesToSend: first & 0x04 == 0, loopPrevention: first & 0x08 != 0,
            statusReportQualifier: first & 0x20 != 0
        )
        let optional = try ReportParameters.decode(&reader, hasHeader: first & 0x40 != 0)
        report.protocolIdentifier = optional.protocolIdentifier
        report.dataCodingScheme = optional.dataCodingScheme
        report.userData = optional.userData
        return report
    }

    func encode(into out: inout [UInt8]) throws(PDUError) {
        var first: UInt8 = 0b10
        if !moreMessagesToSend { first |= 0x04 }
        if loopPrevention { first |= 0x08 }
        if statusReportQualifier { first |= 0x20 }
        if userData?.header != nil { first |= 0x40 }
        out.append(first)
        out.append(messageReference)
        try recipient.encode(into: &out, field: "TP-RA")
        try serviceCentreTimestamp.encode(into: &out, field: "TP-SCTS")
        try dischargeTime.encode(into: &out, field: "TP-DT")
        out.append(status.rawValue)
        try ReportParameters(protocolIdentifier: protocolIdentifier, dataCodingScheme: dataCodingScheme, userData: userData)
            .encode(into: &out)
    }
}
