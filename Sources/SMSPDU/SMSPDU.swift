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
