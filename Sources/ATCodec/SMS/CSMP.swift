/// Text-mode parameters, TS 27.005 §3.3.2: the first octet, validity period, protocol
/// identifier and data coding scheme used by `+CMGS`/`+CMGW` in text mode.
public enum CSMP {
    public static let name = "+CSMP"

    /// `<fo>,<vp>,<pid>,<dcs>`.
    public struct Parameters: Sendable, Hashable {
        /// First octet of the SMS-SUBMIT: 17 (0x11, relative validity), 49 (0x31, + status report).
        public var firstOctet: Int
        /// Relative validity (TS 23.040 §9.2.3.12.1): 167 is one day.
        public var validityPeriod: Int
        public var protocolIdentifier: Int
        /// 0 GSM 7-bit, 8 UCS-2, 16 (0x10) class 0 7-bit (flash), 24 (0x18) class 0 UCS-2.
        public var dataCodingScheme: Int

        public init(firstOctet: Int = 17, validityPeriod: Int = 167, protocolIdentifier: Int = 0, dataCodingScheme: Int = 0) {
            self.firstOctet = firstOctet
            self.validityPeriod = validityPeriod
            self.protocolIdentifier = protocolIdentifier
            self.dataCodingScheme = dataCodingScheme
        }
    }

    /// Sets the parameters; each must be 0...255.
    ///
    ///     → AT+CSMP=49,167,0,8
    ///     ← OK
    public struct Set: ATCommand {
        public let parameters: Parameters

        /// - Throws: ``ATArgumentError`` when a value is outside 0...255.
        public init(_ parameters: Parameters) throws(ATArgumentError) {
            let values = [("fo", parameters.firstOctet), ("vp", parameters.validityPeriod),
                          ("pid", parameters.protocolIdentifier), ("dcs", parameters.dataCodingScheme)]
            for (name, value) in values where !(0...255).contains(value) {
                throw ATArgumentError(command: CSMP.name, parameter: name, reason: "must be 0...255, not \(value)")
            }
            self.parameters = parameters
        }

        public var text: String {
            StandardParsing.setLine(CSMP.name, numbers: [parameters.firstOctet, parameters.validityPeriod,
                                                         parameters.protocolIdentifier, parameters.dataCodingScheme])
        }
        public static var timeout: Duration { .seconds(1) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }

    /// Reads the parameters.
    ///
    ///     → AT+CSMP?
    ///     ← +CSMP: 17,167,0,0      (BG96, SIM800 defaults)
    ///     ← OK
    public struct Read: ATCommand {
        public init() {}
        public var text: String { ATCommandLine.read(CSMP.name) }
        public static var prefixes: [String] { ["+CSMP:"] }
        public static var timeout: Duration { .seconds(1) }

        public func parse(_ response: ATResponse) throws(ATParseError) -> Parameters {
            let (body, context) = try StandardParsing.line(response, prefix: "+CSMP:")
            let fields = try StandardParsing.fields(body, context)
            var numbers: [Int] = []
            for (index, name) in ["<fo>", "<vp>", "<pid>", "<dcs>"].enumerated() {
                // <vp> may be an absolute time in quotes; it is then reported as 0.
                if index == 1, case .quoted = fields.count > 1 ? fields[1] : .empty { numbers.append(0); continue }
                numbers.append(try StandardParsing.count(fields, index, name: name, in: context))
            }
            return Parameters(firstOctet: numbers[0], validityPeriod: numbers[1], protocolIdentifier: numbers[2], dataCodingScheme: numbers[3])
        }
    }
}
