/// `+CMTI: <mem>,<index>`, TS 27.005 §3.4.1: a message was stored.
///
///     ← +CMTI: "SM",3          (SIM800, BG96; EC25 prints "ME",0)
public enum CMTI {
    public struct Indication: Sendable, Hashable {
        public var storage: SMSStorage
        public var index: Int
    }

    public enum Unsolicited {
        public static func parse(_ line: String) throws(ATParseError) -> Indication {
            try SMSIndication.storedIndication(line, prefix: "+CMTI:", command: "+CMTI")
        }
    }
}

/// `+CDSI: <mem>,<index>`, TS 27.005 §3.4.1: a status report was stored.
///
///     ← +CDSI: "SR",2          (BG96 with AT+CNMI=2,1,0,2,0)
public enum CDSI {
    public enum Unsolicited {
        public static func parse(_ line: String) throws(ATParseError) -> CMTI.Indication {
            try SMSIndication.storedIndication(line, prefix: "+CDSI:", command: "+CDSI")
        }
    }
}

/// `+CMT: [<alpha>],<length>` and the PDU on the next line, TS 27.005 §3.4.1 (PDU mode): a
/// message routed straight to the TE.
///
///     ← +CMT: "",24            (SIM800; BG96 prints +CMT: ,24)
///     ← 07914477790000F1040B914477009021F300006210109080000A04D4F29C0E
public enum CMT {
    /// A directly delivered PDU: the length and hex PDU (SMSC address first).
    public struct Delivery: Sendable, Hashable {
        public var alpha: String?
        public var tpduLength: Int
        public var pdu: String
    }

    public enum Unsolicited {
        /// - Parameter following: the URC's following lines (the PDU).
        public static func parse(_ line: String, following: [String]) throws(ATParseError) -> Delivery {
            let body = try StandardParsing.body(of: line, prefix: "+CMT:", command: "+CMT")
            let context = ATFieldsContext(command: "+CMT", line: line)
            let fields = try StandardParsing.fields(body, context)
            guard fields.count == 2 else { throw context.error("expected [<alpha>],<length> (is the modem in text mode?)") }
            let length = try StandardParsing.count(fields, 1, name: "<length>", in: context)
            let pdu = try SMSIndication.pdu(following.first, length: length, context: context)
            return Delivery(alpha: StandardParsing.text(fields, 0), tpduLength: length, pdu: pdu)
        }
    }
}

/// `+CDS: <length>` and the PDU on the next line, TS 27.005 §3.4.1 (PDU mode): a status report
/// routed straight to the TE. The PDU holds the SMSC address first, like `+CMT`.
///
///     ← +CDS: 25
///     ← 07914477790000F106...
public enum CDS {
    public enum Unsolicited {
        /// Returns the TPDU length and the hex PDU.
        public static func parse(_ line: String, following: [String]) throws(ATParseError) -> (tpduLength: Int, pdu: String) {
            let body = try StandardParsing.body(of: line, prefix: "+CDS:", command: "+CDS")
            let context = ATFieldsContext(command: "+CDS", line: line)
            let fields = try StandardParsing.fields(body, context)
            guard fields.count == 1 else { throw context.error("expected <length> alone (is the modem in text mode?)") }
            let length = try StandardParsing.count(fields, 0, name: "<length>", in: context)
            return (length, try SMSIndication.pdu(following.first, length: length, context: context))
        }
    }
}

/// Shared by the indication parsers above; not API.
enum SMSIndication {
    static func storedIndication(_ line: String, prefix: String, command: String) throws(ATParseError) -> CMTI.Indication {
        let body = try StandardParsing.body(of: line, prefix: prefix, command: command)
        let context = ATFieldsContext(command: command, line: line)
        let fields = try StandardParsing.fields(body, context)
        guard fields.count == 2, let storage = StandardParsing.text(fields, 0)?.trimmingSpaces(), !storage.isEmpty else {
            throw context.error("expected <mem>,<index>")
        }
        return CMTI.Indication(storage: SMSStorage(rawValue: storage), index: try StandardParsing.count(fields, 1, name: "<index>", in: context))
    }

    static func pdu(_ line: String?, length: Int, context: ATFieldsContext) throws(ATParseError) -> String {
        guard let line else { throw context.error("the PDU line is missing") }
        let pdu = line.trimmingSpaces()
        guard StandardParsing.isHex(pdu), pdu.utf8.count % 2 == 0, pdu.utf8.count / 2 >= length else {
            throw ATParseError(command: context.command, line: line, reason: "not a hex PDU of at least \(length) octets")
        }
        return pdu
    }
}
