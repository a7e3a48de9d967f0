/// Send message, TS 27.005 §3.5.1 (PDU mode) and §4.3 (text mode): the command line, the
/// `> ` prompt, the message and Ctrl-Z; the answer is the TP-Message-Reference.
public enum CMGS {
    public static let name = "+CMGS"
    /// Ctrl-Z: ends the payload and sends.
    public static let ctrlZ: UInt8 = 0x1A

    /// Whether `number` is what ``Text`` and ``CSCA/Set`` take: an optional `+` and 1 to 20 digits.
    public static func isValidNumber(_ number: String) -> Bool {
        let digits = number.hasPrefix("+") ? number.dropFirst() : Substring(number)
        return digits.utf8.count <= 20 && StandardParsing.isDigits(digits)
    }

    /// `0x002B` → `"002B"`: one UTF-16 unit as `+CSCS="UCS2"` writes it.
    public static func hex4(_ unit: UInt16) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(unit >> 12)], digits[Int(unit >> 8 & 0xF)], digits[Int(unit >> 4 & 0xF)], digits[Int(unit & 0xF)]])
    }

    /// Manuals give 120 s (BG96) to 60 s (SIM800) for the network's answer.
    static let sendTimeout: Duration = .seconds(120)

    /// `+CMGS: <mr>[,<scts>|<ackpdu>]` → `<mr>` (0...255).
    static func reference(_ response: ATResponse) throws(ATParseError) -> Int {
        let (body, context) = try StandardParsing.line(response, prefix: "+CMGS:")
        let reference = try StandardParsing.count(StandardParsing.fields(body, context), 0, name: "<mr>", in: context)
        guard reference <= 255 else { throw context.error("<mr> \(reference) is not 0...255") }
        return reference
    }

    /// Sends a PDU: `tpduLength` octets of TPDU after the SMSC part, the whole PDU in hex.
    ///
    ///     → AT+CMGS=19
    ///     ← >␠
    ///     → 0011000B911326880736F40000AA05C8329BFD06^Z
    ///     ← +CMGS: 12             (BG96, SIM800; some add ,"<ackpdu>")
    ///     ← OK
    public struct PDU: ATCommand {
        public let tpduLength: Int
        public let hex: String

        /// - Throws: ``ATArgumentError`` when `hex` is not an even number of hex digits holding at
        ///   least `tpduLength` octets, or `tpduLength` is not 1...175.
        public init(hex: String, tpduLength: Int) throws(ATArgumentError) {
            guard StandardParsing.isHex(hex), hex.utf8.count % 2 == 0 else {
                throw ATArgumentError(command: CMGS.name, parameter: "pdu", reason: "must be an even number of hex digits")
            }
            guard (1...175).contains(tpduLength), hex.utf8.count / 2 >= tpduLength else {
                throw ATArgumentError(command: CMGS.name, parameter: "length", reason: "must be 1...175 and fit the PDU")
            }
            self.hex = hex.uppercased()
            self.tpduLength = tpduLength
        }

        public var text: String { StandardParsing.setLine(CMGS.name, numbers: [tpduLength]) }
        public var payload: [UInt8]? { Array(hex.utf8) + [CMGS.ctrlZ] }
        public static var prefixes: [String] { ["+CMGS:"] }
        public static var timeout: Duration { CMGS.sendTimeout }
        public func parse(_ response: ATResponse) throws(ATParseError) -> Int { try CMGS.reference(response) }
    }

    /// Sends a text in text mode (`+CMGF=1`), coded as `+CSMP` says. With `+CSCS="UCS2"`
    /// (`ucs2: true`) the number is written as hex of UTF-16 and `body` must already be that hex.
    ///
    ///     → AT+CMGS="+447700900123"          (UCS2: AT+CMGS="002B0034...")
    ///     ← >␠
    ///     → Hello^Z
    ///     ← +CMGS: 13
    ///     ← OK
    public struct Text: ATCommand {
        public let text: String
        public let body: String

        /// - Throws: ``ATArgumentError`` when `destination` is not an optional `+` and 1 to 20
        ///   digits, `body` holds Ctrl-Z, ESC, NUL or CR (they would end or cancel the message),
        ///   or with `ucs2` is not hex of whole UTF-16 units.
        public init(destination: String, body: String, ucs2: Bool = false) throws(ATArgumentError) {
            guard CMGS.isValidNumber(destination) else {
                throw ATArgumentError(command: CMGS.name, parameter: "da", reason: "must be an optional + and 1 to 20 digits")
            }
            if ucs2, !body.isEmpty, !(StandardParsing.isHex(body) && body.utf8.count % 4 == 0) {
                throw ATArgumentError(command: CMGS.name, parameter: "text", reason: "must be hex of UTF-16 with +CSCS=\"UCS2\"")
            }
            if let bad = body.utf8.firstIndex(where: { $0 == CMGS.ctrlZ || $0 == 0x1B || $0 == 0 || $0 == 0x0D }) {
                let offset = body.utf8.distance(from: body.utf8.startIndex, to: bad)
                throw ATArgumentError(command: CMGS.name, parameter: "text", reason: "holds a control character at offset \(offset)")
            }
            text = Self.line(destination, ucs2: ucs2)
            self.body = body
        }

        /// Sends TP-UD octets, header first, as hex: what text mode takes when the `+CSMP` first
        /// octet has TP-UDHI set (0x51, 0x71 with a status report) and `<dcs>` names 8-bit or UCS-2
        /// data (TS 27.005 §3.1 `<data>`), so one part of a concatenated message can be sent.
        ///
        ///     → AT+CMGS="002B0034003400370037"     (with AT+CSCS="UCS2" the number is UCS-2 hex too)
        ///     ← >␠
        ///     → 0500030A0201041F04400438^Z          (8-bit reference 0x0A, part 1 of 2, UCS-2 "При")
        ///     ← +CMGS: 14
        ///
        /// - Throws: ``ATArgumentError`` when `destination` is not an optional `+` and 1 to 20
        ///   digits, or `userData` is empty or longer than the 140 octets of a TP-UD.
        public init(destination: String, userData: [UInt8], ucs2Address: Bool) throws(ATArgumentError) {
            guard CMGS.isValidNumber(destination) else {
                throw ATArgumentError(command: CMGS.name, parameter: "da", reason: "must be an optional + and 1 to 20 digits")
            }
            guard (1...140).contains(userData.count) else {
                throw ATArgumentError(command: CMGS.name, parameter: "data", reason: "must be 1...140 octets, not \(userData.count)")
            }
            text = Self.line(destination, ucs2: ucs2Address)
            let digits = Array("0123456789ABCDEF".utf8)
            body = String(decoding: userData.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] }, as: UTF8.self)
        }

        private static func line(_ destination: String, ucs2: Bool) -> String {
            let written = ucs2 ? destination.utf16.map(CMGS.hex4).joined() : destination
            return StandardParsing.setLine(CMGS.name, safeStrings: [written])
        }

        public var payload: [UInt8]? { Array(body.utf8) + [CMGS.ctrlZ] }
        public static var prefixes: [String] { ["+CMGS:"] }
        public static var timeout: Duration { CMGS.sendTimeout }
        public func parse(_ response: ATResponse) throws(ATParseError) -> Int { try CMGS.reference(response) }
    }
}
