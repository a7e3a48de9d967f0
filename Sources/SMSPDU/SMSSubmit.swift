/// SMS-SUBMIT, MS → SC, TS 23.040 §9.2.2.2.
///
///     // "0011000B911326880736F40000AA05C8329BFD06" (no SMSC: 00), TP-MR 0 (the modem fills it in),
///     // to +31628870634, relative validity AA (4 days), "Hello"
///     let submit = SMSSubmit(destination: SMSAddress("+31628870634"), userData: SMSUserData(body: .text("Hello")),
///                            validityPeriod: .relative(0xAA))
public struct SMSSubmit: Sendable, Hashable {
    /// TP-RD.
    public var rejectDuplicates: Bool
    /// TP-VPF + TP-VP; `nil` for none.
    public var validityPeriod: SMSValidityPeriod?
    /// TP-SRR.
    public var statusReportRequest: Bool
    /// TP-RP.
    public var replyPath: Bool
    /// TP-MR (most modems replace it with their own counter).
    public var messageReference: UInt8
    /// TP-DA.
    public var destination: SMSAddress
    public var protocolIdentifier: UInt8
    public var dataCodingScheme: DataCodingScheme
    /// TP-UDHI is set exactly when `userData.header` is non-nil.
    public var userData: SMSUserData

    public init(
        destination: SMSAddress, userData: SMSUserData, dataCodingScheme: DataCodingScheme = .gsm7,
        messageReference: UInt8 = 0, validityPeriod: SMSValidityPeriod? = nil, protocolIdentifier: UInt8 = 0,
        statusReportRequest: Bool = false, rejectDuplicates: Bool = false, replyPath: Bool = false
    ) {
        self.destination = destination
        self.userData = userData
        self.dataCodingScheme = dataCodingScheme
        self.messageReference = messageReference
        self.validityPeriod = validityPeriod
        self.protocolIdentifier = protocolIdentifier
        self.statusReportRequest = statusReportRequest
        self.rejectDuplicates = rejectDuplicates
        self.replyPath = replyPath
    }

    static func decode(_ reader: inout PDUReader) throws(PDUError) -> SMSSubmit {
        let first = try reader.byte("first octet")
        let reference = try reader.byte("TP-MR")
        guard let destination = try SMSAddress.decode(&reader, field: "TP-DA") else {
            throw PDUError(.truncated(field: "TP-DA"), offset: reader.offset)
        }
        let pid = try reader.byte("TP-PID")
        let dcs = DataCodingScheme(rawValue: try reader.byte("TP-DCS"))
        let validity = try SMSValidityPeriod.decode(&reader, format: (first >> 3) & 0x03)
        let userData = try SMSUserData.decode(&reader, scheme: dcs, hasHeader: first & 0x40 != 0)
        return SMSSubmit(
            destination: destination, userData: userData, dataCodingScheme: dcs, messageReference: reference,
            validityPeriod: validity, protocolIdentifier: pid, statusReportRequest: first & 0x20 != 0,
            rejectDuplicates: first & 0x04 != 0, replyPath: first & 0x80 != 0
        )
    }

    func encode(into out: inout [UInt8]) throws(PDUError) {
        var first: UInt8 = 0b01
        if rejectDuplicates { first |= 0x04 }
        if let validityPeriod { first |= validityPeriod.formatBits << 3 }
        if statusReportRequest { first |= 0x20 }
        if userData.header != nil { first |= 0x40 }
        if replyPath { first |= 0x80 }
        out.append(first)
        out.append(messageReference)
        try destination.encode(into: &out, field: "TP-DA")
        out.append(protocolIdentifier)
        out.append(dataCodingScheme.rawValue)
        try validityPeriod?.encode(into: &out)
        try userData.encode(scheme: dataCodingScheme, into: &out)
    }
}
