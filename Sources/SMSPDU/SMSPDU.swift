/// Which way a TPDU travels. TP-MTI values are shared by the two directions (0b00 is
/// SMS-DELIVER towards the mobile and SMS-DELIVER-REPORT from it), so decoding needs it.
public enum SMSDirection: Sendable, Hashable {
    /// SC → MS: SMS-DELIVER, SMS-SUBMIT-REPORT, SMS-STATUS-REPORT (`+CMT`, `+CDS`, `+CMGR` of a
    /// received message).
    case toMobile
    /// MS → SC: SMS-SUBMIT, SMS-DELIVER-REPORT (`+CMGS`, `+CMGW`, `+CMGR` of a stored outgoing one).
    case fromMobile
}

/// One transfer protocol data unit of TS 23.040 §9.2.2.
public enum SMSTPDU: Sendable, Hashable {
    case deliver(SMSDeliver)
    case submit(SMSSubmit)
    case statusReport(SMSStatusReport)
    case submitReport(SMSSubmitReport)
    case deliverReport(SMSDeliverReport)

    /// Decodes a whole TPDU (no SMSC prefix); bytes after it are an error.
    ///
    ///     try SMSTPDU.decode(PDUHex.bytes("0100038121F3000003C834AB"), direction: .fromMobile)  // .submit
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

/// A PDU as `+CMGR`/`+CMT`/`+CMGS` carry it: the SMSC address (TS 24.011 RP address, optional —
/// `00` means "the SIM's default"), then the TPDU.
///
///     let pdu = try SMSPDU.decode(hex: "0011000B911326880736F40000AA05C8329BFD06", direction: .fromMobile)
///     pdu.smsc          // nil ("00": use the default)
///     let wire = try pdu.encoded()
///     wire.tpduLength   // 19: the <length> of AT+CMGS=19
public struct SMSPDU: Sendable, Hashable {
    /// `nil` when the PDU has `00` (default SMSC) or no SMSC field at all.
    public var smsc: SMSAddress?
    public var tpdu: SMSTPDU

    public init(smsc: SMSAddress? = nil, tpdu: SMSTPDU) {
        self.smsc = smsc
        self.tpdu = tpdu
    }

    /// Decodes bytes; with `includesSMSC` (the default, as modems print PDUs with `+CMGF=0`) the
    /// SMSC address comes first.
    public static func decode(_ bytes: [UInt8], direction: SMSDirection, includesSMSC: Bool = true) throws(PDUError) -> SMSPDU {
        var reader = PDUReader(bytes)
        let smsc = includesSMSC ? try SMSAddress.decode(&reader, field: "SMSC address", smsc: true) : nil
        return SMSPDU(smsc: smsc, tpdu: try SMSTPDU.decode(&reader, direction: direction))
    }

    /// Decodes a hex string; bad hex throws with the offending character's offset.
    public static func decode(hex: some StringProtocol, direction: SMSDirection, includesSMSC: Bool = true) throws(PDUError) -> SMSPDU {
        try decode(try PDUHex.bytes(hex), direction: direction, includesSMSC: includesSMSC)
    }

    /// The bytes to send and the length `AT+CMGS=<length>` wants.
    public struct Encoded: Sendable, Hashable {
        public var bytes: [UInt8]
        /// Octets of the TPDU, excluding the SMSC part (TS 27.005 §3.5.1).
        public var tpduLength: Int
        public var hex: String { PDUHex.string(bytes) }
    }

    /// Encodes; `includingSMSC: true` writes the SMSC (or `00`) before the TPDU.
    public func encoded(includingSMSC: Bool = true) throws(PDUError) -> Encoded {
        var out: [UInt8] = []
        out.reserveCapacity(184)
        if includingSMSC {
            if let smsc { try smsc.encode(into: &out, field: "SMSC address", smsc: true) } else { out.append(0) }
        }
        let smscLength = out.count
        try tpdu.encode(into: &out)
        return Encoded(bytes: out, tpduLength: out.count - smscLength)
    }
}
