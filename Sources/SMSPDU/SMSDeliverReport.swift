/// SMS-DELIVER-REPORT, MS → SC (§9.2.2.1a): what an MS sends back for a delivered message.
///
///     // RP-ERROR "memory capacity exceeded": 00 D3 00
public struct SMSDeliverReport: Sendable, Hashable {
    public var failureCause: UInt8?
    public var protocolIdentifier: UInt8?
    public var dataCodingScheme: DataCodingScheme?
    public var userData: SMSUserData?

    public init(failureCause: UInt8? = nil, protocolIdentifier: UInt8? = nil, dataCodingScheme: DataCodingScheme? = nil, userData: SMSUserData? = nil) {
        self.failureCause = failureCause
        self.protocolIdentifier = protocolIdentifier
        self.dataCodingScheme = dataCodingScheme
        self.userData = userData
    }

    static func decode(_ reader: inout PDUReader) throws(PDUError) -> SMSDeliverReport {
        let first = try reader.byte("first octet")
        var cause: UInt8? = nil
        if let next = reader.peek(), next >= 0x80 { cause = try reader.byte("TP-FCS") }
        let parameters = try ReportParameters.decode(&reader, hasHeader: first & 0x40 != 0)
        return SMSDeliverReport(
            failureCause: cause, protocolIdentifier: parameters.protocolIdentifier,
            dataCodingScheme: parameters.dataCodingScheme, userData: parameters.userData
        )
    }
}
