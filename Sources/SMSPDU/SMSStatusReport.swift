/// SMS-STATUS-REPORT, SC → MS, TS 23.040 §9.2.2.3. TP-PI and what it announces are optional.
///
///     // "07911326040000F0 06 0E 0B913126880736F4 21108211617040 21108211617040 00":
///     // report for TP-MR 0x0E to +13628870634: status 0x00, received by the SME
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

/// TP-PI and the TP-PID, TP-DCS, TP-UDL/TP-UD it announces (§9.2.3.27), shared by the reports.
struct ReportParameters {
    var protocolIdentifier: UInt8?
    var dataCodingScheme: DataCodingScheme?
    var userData: SMSUserData?

    /// Reads TP-PI (and any extension octets, which define nothing yet); 0 at the end of the PDU.
    static func indicator(_ reader: inout PDUReader) throws(PDUError) -> UInt8 {
        guard !reader.isAtEnd else { return 0 }
        let flags = try reader.byte("TP-PI")
        var octet = flags
        while octet & 0x80 != 0 { octet = try reader.byte("TP-PI") }
        return flags
    }

    static func decode(_ reader: inout PDUReader, hasHeader: Bool) throws(PDUError) -> ReportParameters {
        try decode(&reader, indicator: try indicator(&reader), hasHeader: hasHeader)
    }

    static func decode(_ reader: inout PDUReader, indicator flags: UInt8, hasHeader: Bool) throws(PDUError) -> ReportParameters {
        var result = ReportParameters()
        if flags & 0x01 != 0 { result.protocolIdentifier = try reader.byte("TP-PID") }
        if flags & 0x02 != 0 { result.dataCodingScheme = DataCodingScheme(rawValue: try reader.byte("TP-DCS")) }
        if flags & 0x04 != 0 {
            result.userData = try SMSUserData.decode(&reader, scheme: result.dataCodingScheme ?? .gsm7, hasHeader: hasHeader)
        }
        return result
    }

    func encode(into out: inout [UInt8]) throws(PDUError) {
        var indicator: UInt8 = 0
        if protocolIdentifier != nil { indicator |= 0x01 }
        if dataCodingScheme != nil { indicator |= 0x02 }
        if userData != nil { indicator |= 0x04 }
        guard indicator != 0 else { return }
        out.append(indicator)
        if let protocolIdentifier { out.append(protocolIdentifier) }
        if let dataCodingScheme { out.append(dataCodingScheme.rawValue) }
        try userData?.encode(scheme: dataCodingScheme ?? .gsm7, into: &out)
    }
}
