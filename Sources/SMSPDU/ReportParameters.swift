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
