/// One transfer protocol data unit of TS 23.040 §9.2.2.
public enum SMSTPDU: Sendable, Hashable {
    case deliver(SMSDeliver)
    case submit(SMSSubmit)
    case statusReport(SMSStatusReport)
    case submitReport(SMSSubmitReport)
    case deliverReport(SMSDeliverReport)

    /// Decodes a whole TPDU (no SMSC prefix); bytes after it are an error.
    ///
    ///     try SMSTPDU.decode(PDUHex.bytes("11000B916407281553F80000AA0AE8329BFD4697D9EC37"), direction: .fromMobile)
    ///     // .submit to +46708251358, "hellohello"
    public static func decode(_ bytes: [UInt8], direction: SMSDirection) throws(PDUError) -> SMSTPDU {
        var reader = PDUReader(bytes)
        return try decode(&reader, direction: direction)
    }

    static func decode(_ reader: inout PDUReader, direction: SMSDirection) throws(PDUError) -> SMSTPDU {
        guard let first = reader.peek() else { throw PDUError(.truncated(field: "first octet"), offset: reader.offset) }
        let start = reader.offset
        let tpdu: SMSTPDU
        switch (first & 0x03, direction) {
        case (0b00, .toMobile): tpdu = .deliver(try SMSDeliver.decode(&reader))
        case (0b01, .toMobile): tpdu = .submitReport(try SMSSubmitReport.decode(&reader))
        case (0b10, .toMobile): tpdu = .statusReport(try SMSStatusReport.decode(&reader))
        case (0b00, .fromMobile): tpdu = .deliverReport(try SMSDeliverReport.decode(&reader))
        case (0b01, .fromMobile): tpdu = .submit(try SMSSubmit.decode(&reader))
        default:
            // 0b10 from the mobile is SMS-COMMAND, not decoded here; 0b11 is reserved.
            throw PDUError(.unsupportedMessageType(first & 0x03), offset: start)
        }
        guard reader.isAtEnd else { throw PDUError(.trailingBytes(reader.remaining), offset: reader.offset) }
        return tpdu
    }

    /// The encoded TPDU. SUBMIT, DELIVER and STATUS-REPORT encode; the two reports do not
    /// (they come from the network or are built by the modem) and throw.
    public func encoded() throws(PDUError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(176)
        try encode(into: &out)
        return out
    }

    func encode(into out: inout [UInt8]) throws(PDUError) {
        switch self {
        case .deliver(let deliver): try deliver.encode(into: &out)
        case .submit(let submit): try submit.encode(into: &out)
        case .statusReport(let report): try report.encode(into: &out)
        case .submitReport: throw PDUError(.unsupportedMessageType(0b01), offset: out.count)
        case .deliverReport: throw PDUError(.unsupportedMessageType(0b00), offset: out.count)
        }
    }
}
