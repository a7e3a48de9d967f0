extension CMT {
    /// `+CMT` in text mode (`+CMGF=1`), TS 27.005 §3.4.1: the header and the `<data>` line.
    ///
    ///     ← +CMT: "+8613918186089","","02/01/30,20:40:31+00",145,4,0,0,"+8613800210500",145,5   (SIM800, CSDH=1)
    ///     ← abcde
    ///     ← +CMT: "+393475234652",,"14/06/24,16:02:40+08"                                           (BG96 format, CSDH=0)
    ///     ← Test
    public enum TextUnsolicited {
        /// - Parameter following: the URC's following lines (the data).
        public static func parse(_ line: String, following: [String]) throws(ATParseError) -> SMSTextMessage {
            let body = try StandardParsing.body(of: line, prefix: "+CMT:", command: "+CMT")
            let context = ATFieldsContext(command: "+CMT", line: line)
            let fields = try StandardParsing.fields(body, context)
            let textShape: Bool
            if fields.count == 2, case .quoted = fields[1] { textShape = true } else { textShape = fields.count >= 3 }
            guard textShape, case .quoted = fields[0] else {
                throw context.error("expected <oa>,[<alpha>],<scts>[,...] (is the modem in PDU mode?)")
            }
            guard let data = following.first else { throw context.error("the <data> line is missing") }
            return try SMSTextParsing.deliver(Array(fields), data: data, long: true, context: context)
        }
    }
}

extension CDS {
    /// `+CDS` in text mode, TS 27.005 §3.4.1: a status report on one line.
    ///
    ///     ← +CDS: 6,46,"+8613918186089",145,"02/01/30,20:40:31+00","02/01/30,20:40:32+00",0   (SIM800 shape)
    ///     ← +CDS: 6,12,,,"24/03/01,10:00:00+04","24/03/01,10:00:05+04",0                     (<ra> left out)
    public enum TextUnsolicited {
        public static func parse(_ line: String) throws(ATParseError) -> SMSTextStatusReport {
            let body = try StandardParsing.body(of: line, prefix: "+CDS:", command: "+CDS")
            let context = ATFieldsContext(command: "+CDS", line: line)
            return try SMSTextParsing.statusReport(Array(try StandardParsing.fields(body, context)), context: context)
        }
    }
}

extension CMGR {
    /// Reads one message in text mode; `nil` for an empty slot.
    ///
    ///     → AT+CMGR=1
    ///     ← +CMGR: "REC UNREAD","+8613918186089","","02/01/30,20:40:31+00"                      (SIM800, CSDH=0)
    ///     ← This is a test
    ///     ← OK
    ///     ← +CMGR: "REC READ",6,46,"+8613918186089",145,"02/01/30,20:40:31+00","02/01/30,20:40:32+00",0   (a report)
    public struct TextExecute: ATCommand {
        public let index: Int

        /// - Throws: ``ATArgumentError`` for a negative index.
        public init(index: Int) throws(ATArgumentError) {
            self.index = try Execute(index: index).index
        }

        public var text: String { StandardParsing.setLine(CMGR.name, numbers: [index]) }
        public static var prefixes: [String] { Execute.prefixes }
        /// The data line has no prefix.
        public static var acceptsBareLines: Bool { true }
        public static var timeout: Duration { Execute.timeout }

        public func parse(_ response: ATResponse) throws(ATParseError) -> SMSTextStored? {
            guard let header = try CMGR.header(response) else { return nil }
            let context = ATFieldsContext(command: response.command, line: header.line)
            var stored = try SMSTextParsing.stored(header.body, data: header.next, listing: false, context: context)
            if case .message(var message) = stored { message.index = index; stored = .message(message) }
            if case .statusReport(var report) = stored { report.index = index; stored = .statusReport(report) }
            return stored
        }
    }
}

extension CMGL {
    /// Lists messages in text mode (`<stat>` as a word); received unread ones become read.
    ///
    ///     → AT+CMGL="ALL"
    ///     ← +CMGL: 1,"REC UNREAD","+8615021012496",,"13/12/13,15:06:37+32"                     (BG96, CSDH=0)
    ///     ← <This is a test from Quectel>
    ///     ← +CMGL: 2,"REC READ","+8615021012496",,"13/12/13,15:07:10+32",145,4                 (CSDH=1)
    ///     ← 0041
    ///     ← OK
    public struct TextExecute: ATCommand {
        public let status: SMSMessageStatus

        public init(status: SMSMessageStatus = .all) { self.status = status }

        public var text: String { StandardParsing.setLine(CMGL.name, safeStrings: [status.text]) }
        public static var prefixes: [String] { ["+CMGL:"] }
        public static var acceptsBareLines: Bool { true }
        public static var timeout: Duration { .seconds(30) }

        public func parse(_ response: ATResponse) throws(ATParseError) -> [SMSTextStored] {
            var result: [SMSTextStored] = []
            for header in SMSStoredPDU.headers(response, prefix: "+CMGL:") {
                let context = ATFieldsContext(command: response.command, line: header.line)
                result.append(try SMSTextParsing.stored(header.body, data: header.next, listing: true, context: context))
            }
            return result
        }
    }
}

/// The field layouts of text mode; not API.
enum SMSTextParsing {
    /// `+CMGR`/`+CMGL` body: `[<index>,]<stat>,` then a DELIVER, SUBMIT or status report.
    static func stored(_ body: Substring, data: String?, listing: Bool, context: ATFieldsContext) throws(ATParseError) -> SMSTextStored {
        let parsed = try StandardParsing.fields(body, context)
        let all = Array(parsed)
        let base = listing ? 1 : 0
        guard all.count > base + 1 else { throw context.error("expected \(listing ? "<index>," : "")<stat>,...") }
        let index = listing ? try StandardParsing.count(parsed, 0, name: "<index>", in: context) : nil
        let statText = try parsed.requiredText(base, in: context)
        guard let status = SMSMessageStatus(field: statText), status != .all else {
            throw context.error("<stat> \"\(statText)\" is not REC UNREAD, REC READ, STO UNSENT or STO SENT")
        }
        let rest = Array(all[(base + 1)...])
        if case .bare = rest[0] {
            var report = try statusReport(rest, context: context)
            report.index = index
            report.status = status
            return .statusReport(report)
        }
        guard let data else { throw context.error("the <data> line is missing") }
        var message: SMSTextMessage
        if status == .storedSent || status == .storedUnsent {
            message = try submit(rest, data: data, listing: listing, context: context)
        } else if listing {
            // <oa>,[<alpha>],<scts>[,<tooa>,<length>]
            guard rest.count == 3 || rest.count == 5 else { throw context.error("expected <oa>,[<alpha>],<scts>[,<tooa>,<length>]") }
            message = SMSTextMessage(kind: .deliver, address: rest[0].text ?? "", alpha: nonEmpty(rest[1]), timestamp: nonEmpty(rest[2]), data: data)
            if rest.count == 5 {
                message.typeOfAddress = try number(rest, 3, "<tooa>", context)
                message.length = try number(rest, 4, "<length>", context)
            }
        } else {
            message = try deliver(rest, data: data, long: true, context: context)
        }
        message.index = index
        message.status = status
        return .message(message)
    }

    /// `<oa>,[<alpha>],<scts>[,<tooa>,<fo>,<pid>,<dcs>,<sca>,<tosca>,<length>]`; modems that
    /// leave `<alpha>` out entirely (2 or 9 fields) are read too.
    static func deliver(_ fields: [ATFields.Field], data: String, long: Bool, context: ATFieldsContext) throws(ATParseError) -> SMSTextMessage {
        var fields = fields
        if fields.count == 2 || fields.count == 9 { fields.insert(.empty, at: 1) }
        guard fields.count == 3 || fields.count == 10 else {
            throw context.error("expected <oa>,[<alpha>],<scts>[,<tooa>,<fo>,<pid>,<dcs>,<sca>,<tosca>,<length>], got \(fields.count) fields")
        }
        guard let stamp = nonEmpty(fields[2]) else { throw context.error("<scts> is empty") }
        var message = SMSTextMessage(kind: .deliver, address: fields[0].text ?? "", alpha: nonEmpty(fields[1]), timestamp: stamp, data: data)
        if fields.count == 10 { try readHeader(fields, into: &message, typeAt: 3, context) }
        return message
    }

    /// `<da>,[<alpha>][,<toda>,<fo>,<pid>,<dcs>,[<vp>],<sca>,<tosca>,<length>]` (`+CMGR`) or
    /// `<da>,[<alpha>],[<scts>][,<toda>,<length>]` (`+CMGL`).
    static func submit(_ fields: [ATFields.Field], data: String, listing: Bool, context: ATFieldsContext) throws(ATParseError) -> SMSTextMessage {
        var message = SMSTextMessage(kind: .submit, address: fields[0].text ?? "", alpha: fields.count > 1 ? nonEmpty(fields[1]) : nil, data: data)
        if listing {
            guard (1...3).contains(fields.count) || fields.count == 5 else { throw context.error("expected <da>,[<alpha>],[<scts>][,<toda>,<length>]") }
            if fields.count > 2 { message.timestamp = nonEmpty(fields[2]) }
            if fields.count == 5 {
                message.typeOfAddress = try number(fields, 3, "<toda>", context)
                message.length = try number(fields, 4, "<length>", context)
            }
        } else {
            guard fields.count <= 2 || fields.count == 10 else { throw context.error("expected <da>,[<alpha>][,<toda>,<fo>,<pid>,<dcs>,[<vp>],<sca>,<tosca>,<length>]") }
            if fields.count == 10 { try readHeader(fields, into: &message, typeAt: 2, context) }
        }
        return message
    }

    /// The `+CSDH=1` fields: `<tooa>,<fo>,<pid>,<dcs>` from `typeAt` (a SUBMIT's `<vp>` follows
    /// them), then `<sca>,<tosca>,<length>` as the last three of ten.
    static func readHeader(_ fields: [ATFields.Field], into message: inout SMSTextMessage, typeAt: Int, _ context: ATFieldsContext) throws(ATParseError) {
        message.typeOfAddress = try number(fields, typeAt, message.kind == .deliver ? "<tooa>" : "<toda>", context)
        message.firstOctet = try number(fields, typeAt + 1, "<fo>", context)
        message.protocolIdentifier = try number(fields, typeAt + 2, "<pid>", context)
        message.dataCodingScheme = try number(fields, typeAt + 3, "<dcs>", context)
        message.serviceCentre = nonEmpty(fields[7])
        message.serviceCentreType = try optionalNumber(fields, 8, "<tosca>", context)
        message.length = try number(fields, 9, "<length>", context)
    }

    /// `<fo>,<mr>,[<ra>],[<tora>],<scts>,<dt>,<st>`; also without the `<ra>`/`<tora>` pair.
    static func statusReport(_ fields: [ATFields.Field], context: ATFieldsContext) throws(ATParseError) -> SMSTextStatusReport {
        guard fields.count == 7 || fields.count == 5 else {
            throw context.error("expected <fo>,<mr>,[<ra>],[<tora>],<scts>,<dt>,<st> (is the modem in PDU mode?)")
        }
        let hasAddress = fields.count == 7
        let tail = hasAddress ? 4 : 2
        guard let scts = nonEmpty(fields[tail]), let discharge = nonEmpty(fields[tail + 1]) else {
            throw context.error("<scts> or <dt> is empty")
        }
        let reference = try number(fields, 1, "<mr>", context)
        guard reference <= 255 else { throw context.error("<mr> \(reference) is not 0...255") }
        return SMSTextStatusReport(
            index: nil, status: nil, firstOctet: try number(fields, 0, "<fo>", context), reference: reference,
            recipient: hasAddress ? nonEmpty(fields[2]) : nil,
            recipientType: hasAddress ? try optionalNumber(fields, 3, "<tora>", context) : nil,
            serviceCentreTimestamp: scts, dischargeTime: discharge, reportStatus: try number(fields, tail + 2, "<st>", context)
        )
    }

    static func nonEmpty(_ field: ATFields.Field) -> String? {
        guard let text = field.text, !text.isEmpty else { return nil }
        return text
    }

    /// A number 0...255 or a `<length>`; present.
    static func number(_ fields: [ATFields.Field], _ index: Int, _ name: String, _ context: ATFieldsContext) throws(ATParseError) -> Int {
        guard let value = try optionalNumber(fields, index, name, context) else { throw context.error("\(name) is empty") }
        return value
    }

    static func optionalNumber(_ fields: [ATFields.Field], _ index: Int, _ name: String, _ context: ATFieldsContext) throws(ATParseError) -> Int? {
        guard index < fields.count, let text = fields[index].text?.trimmingSpaces(), !text.isEmpty else { return nil }
        guard StandardParsing.isDigits(text), text.utf8.count <= 5, let value = Int(text) else {
            throw context.error("\(name) \"\(text)\" is not a number")
        }
        return value
    }
}
