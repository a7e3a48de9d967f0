/// SMS-SUBMIT-REPORT (SC → MS, §9.2.2.2a) and SMS-DELIVER-REPORT (MS → SC, §9.2.2.1a), for RP-ACK
/// and RP-ERROR. TP-FCS is present only in RP-ERROR; it is told apart from TP-PI by its value
/// (failure causes are 0x80...0xFF, a TP-PI with bit 7 set is not in use).
///
///     // SUBMIT-REPORT RP-ACK: 01 00 21108211617040 (TP-PI 0, TP-SCTS)
public struct SMSSubmitReport: Sendable, Hashable {
    /// TP-FCS (RP-ERROR only), e.g. 0xD0 "SIM SMS storage full".
    public var failureCause: UInt8?
    /// TP-SCTS.
    public var serviceCentreTimestamp: SMSTimestamp
    public var protocolIdentifier: UInt8?
    public var dataCodingScheme: DataCodingScheme?
    public var userData: SMSUserData?

    public init(
        serviceCentreTimestamp: SMSTimestamp, failureCause: UInt8? = nil, protocolIdentifier: UInt8? = nil,
        dataCodingScheme: DataCodingScheme? = nil, userData: SMSUserData? = nil
    ) {
        self.serviceCentreTimestamp = serviceCentreTimestamp
        self.failureCause = failureCause
        self.protocolIdentifier = protocolIdentifier
        self.dataCodingScheme = dataCodingScheme
        self.userData = userData
    }

    static func decode(_ reader: inout PDUReader) throws(PDUError) -> SMSSubmitReport {
        let first = try reader.byte("first octet")
        var cause: UInt8? = nil
        if let next = reader.peek(), next >= 0x80 { cause = try reader.byte("TP-FCS") }
        let indicator = try ReportParameters.indicator(&reader)
        let scts = try SMSTimestamp.decode(&reader, field: "TP-SCTS")
        let parameters = try ReportParameters.decode(&reader, indicator: indicator, hasHeader: first & 0x40 != 0)
        return SMSSubmitReport(
            serviceCentreTimestamp: scts, failureCause: cause, protocolIdentifier: parameters.protocolIdentifier,
            dataCodingScheme: parameters.dataCodingScheme, userData: parameters.userData
        )
    }
}
