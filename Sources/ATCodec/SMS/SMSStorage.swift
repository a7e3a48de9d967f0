/// A message storage of TS 27.005 §3.1 `<mem1>`...`<mem3>`: `"SM"` (SIM), `"ME"` (modem),
/// `"MT"` (both), `"SR"` (status reports), `"BM"` (broadcast), or a vendor name kept as printed
/// (SIM800 prints `"SM_P"`, `"ME_P"` for the preferred ones).
public struct SMSStorage: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: String

    /// Any name; ``isSendable`` says whether it can be put on a command line.
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let sim = SMSStorage(rawValue: "SM")
    public static let modem = SMSStorage(rawValue: "ME")
    public static let both = SMSStorage(rawValue: "MT")
    public static let statusReports = SMSStorage(rawValue: "SR")
    public static let broadcast = SMSStorage(rawValue: "BM")

    /// Whether the name is 1 to 8 letters, digits or `_`, so it cannot break a command line.
    public var isSendable: Bool {
        (1...8).contains(rawValue.utf8.count) && rawValue.utf8.allSatisfy { byte in
            (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F
        }
    }

    public var description: String { rawValue }
}

/// `<stat>` of TS 27.005 §3.1: a number in PDU mode, a word in text mode.
public enum SMSMessageStatus: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case receivedUnread = 0
    case receivedRead = 1
    case storedUnsent = 2
    case storedSent = 3
    /// Only as a `+CMGL` filter.
    case all = 4

    /// `REC UNREAD`, `REC READ`, `STO UNSENT`, `STO SENT`, `ALL`.
    public var text: String {
        switch self {
        case .receivedUnread: "REC UNREAD"
        case .receivedRead: "REC READ"
        case .storedUnsent: "STO UNSENT"
        case .storedSent: "STO SENT"
        case .all: "ALL"
        }
    }

    /// From the PDU-mode number (`0`) or the text-mode word (`"REC UNREAD"`, any case).
    public init?(field: String) {
        if let number = Int(field.trimmingSpaces()) {
            self.init(rawValue: number)
        } else if let match = Self.allCases.first(where: { $0.text == field.trimmingSpaces().uppercased() }) {
            self = match
        } else {
            return nil
        }
    }

    public var description: String { text }
}

/// A message as `+CMGR`/`+CMGL` print it in PDU mode: its status, the optional alpha field, the
/// TPDU length and the PDU (SMSC address first) in hex. Decoding the PDU is `SMSPDU`'s work.
public struct SMSStoredPDU: Sendable, Hashable {
    /// The slot, for `+CMGL` (for `+CMGR` the index that was asked for).
    public var index: Int
    public var status: SMSMessageStatus
    /// `<alpha>`: a phone-book name, rarely given; `nil` when empty.
    public var alpha: String?
    /// `<length>`: TPDU octets, without the SMSC part.
    public var tpduLength: Int
    /// The PDU as printed, hex, SMSC address first.
    public var pdu: String

    public init(index: Int, status: SMSMessageStatus, alpha: String? = nil, tpduLength: Int, pdu: String) {
        self.index = index
        self.status = status
        self.alpha = alpha
        self.tpduLength = tpduLength
        self.pdu = pdu
    }
}

extension SMSStoredPDU {
    /// Parses `<stat>,[<alpha>],<length>` (`+CMGR`) or `<index>,<stat>,[<alpha>],<length>`
    /// (`+CMGL`) and the PDU line that follows.
    static func parse(
        body: Substring, pduLine: String?, index: Int?, context: ATFieldsContext
    ) throws(ATParseError) -> SMSStoredPDU {
        let fields = try StandardParsing.fields(body, context)
        let base = index == nil ? 1 : 0
        guard fields.count - base == 2 || fields.count - base == 3 else {
            throw context.error("expected \(index == nil ? "<index>," : "")<stat>,[<alpha>],<length>")
        }
        let slot: Int
        if let index { slot = index } else { slot = try StandardParsing.count(fields, 0, name: "<index>", in: context) }
        let statText = try fields.requiredText(base, in: context)
        guard let status = SMSMessageStatus(field: statText), status != .all else {
            throw context.error("<stat> \"\(statText)\" is not 0...3")
        }
        let length = try StandardParsing.count(fields, fields.count - 1, name: "<length>", in: context)
        let alpha = fields.count - base == 3 ? StandardParsing.text(fields, base + 1) : nil
        guard let pduLine else { throw context.error("the PDU line is missing") }
        let pdu = pduLine.trimmingSpaces()
        guard StandardParsing.isHex(pdu), pdu.utf8.count % 2 == 0 else {
            throw ATParseError(command: context.command, line: pduLine, reason: "the PDU is not an even number of hex digits")
        }
        guard pdu.utf8.count / 2 >= length else {
            throw ATParseError(command: context.command, line: pduLine, reason: "the PDU is shorter than <length> \(length)")
        }
        return SMSStoredPDU(index: slot, status: status, alpha: alpha, tpduLength: length, pdu: pdu)
    }

    /// The `(header, next line)` pairs of a PDU-mode response whose headers start with `prefix`.
    static func headers(_ response: ATResponse, prefix: String) -> [(line: String, body: Substring, next: String?)] {
        let lines = response.lines
        var result: [(String, Substring, String?)] = []
        for (position, line) in lines.enumerated() where line.hasPrefix(prefix) {
            let body = line.dropFirst(prefix.count).drop(while: { $0 == " " })
            let next = position + 1 < lines.count && !lines[position + 1].hasPrefix(prefix) ? lines[position + 1] : nil
            result.append((line, body, next))
        }
        return result
    }
}
