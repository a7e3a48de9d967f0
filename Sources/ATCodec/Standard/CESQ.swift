/// Extended signal quality, TS 27.007 §8.69.
public enum CESQ {
    public static let name = "+CESQ"

    /// `+CESQ: <rxlev>,<ber>,<rscp>,<ecno>,<rsrq>,<rsrp>`, the "not known" values (99 for
    /// rxlev and ber, 255 for the others) mapped to `nil`.
    ///
    /// Each number stands for a 1 dB (or 0.5 dB) step; the conversions give the step's lower
    /// edge, and the lowest number ("less than") one step below it, as §8.69 tabulates:
    /// rxlev 0 < −110 dBm … 63 ≥ −48 dBm; rscp 0 < −120 dBm … 96 ≥ −25 dBm;
    /// ecno 0 < −24 dB … 49 ≥ 0 dB; rsrq 0 < −19.5 dB … 34 ≥ −3 dB; rsrp 0 < −140 dBm … 97 ≥ −44 dBm.
    public struct SignalQuality: Sendable, Hashable {
        /// GSM received level, 0...63.
        public var rxlev: Int?
        /// GSM bit error rate (RXQUAL), 0...7.
        public var ber: Int?
        /// UTRA received signal code power, 0...96.
        public var rscp: Int?
        /// UTRA Ec/No, 0...49.
        public var ecno: Int?
        /// E-UTRA reference signal received quality, 0...34.
        public var rsrq: Int?
        /// E-UTRA reference signal received power, 0...97.
        public var rsrp: Int?

        public init(rxlev: Int?, ber: Int?, rscp: Int?, ecno: Int?, rsrq: Int?, rsrp: Int?) {
            self.rxlev = rxlev
            self.ber = ber
            self.rscp = rscp
            self.ecno = ecno
            self.rsrq = rsrq
            self.rsrp = rsrp
        }

        /// −111 + rxlev dBm.
        public var rxlevDBm: Int? { SignalQuality.inRange(rxlev).map { -111 + $0 } }
        /// −121 + rscp dBm.
        public var rscpDBm: Int? { SignalQuality.inRange(rscp).map { -121 + $0 } }
        /// −24.5 + ecno / 2 dB.
        public var ecnoDB: Double? { SignalQuality.inRange(ecno).map { -24.5 + Double($0) / 2 } }
        /// −20 + rsrq / 2 dB.
        public var rsrqDB: Double? { SignalQuality.inRange(rsrq).map { -20 + Double($0) / 2 } }
        /// −141 + rsrp dBm.
        public var rsrpDBm: Int? { SignalQuality.inRange(rsrp).map { -141 + $0 } }

        /// Values a conversion applies to: the tables' ranges with room for later extensions.
        private static func inRange(_ value: Int?) -> Int? {
            guard let value, (0...254).contains(value) else { return nil }
            return value
        }
    }

    /// Reads the extended signal quality.
    ///
    ///     → AT+CESQ
    ///     ← +CESQ: 99,99,255,255,20,47          (LTE: RSRQ −10 dB, RSRP −94 dBm)
    ///     ← OK
    ///
    /// Timeout: a local reading; 1 s, as for `+CSQ`.
    public struct Execute: ATCommand {
        public init() {}
        public var text: String { ATCommandLine.execute(CESQ.name) }
        public static var prefixes: [String] { ["+CESQ:"] }
        public static var timeout: Duration { .seconds(1) }

        public func parse(_ response: ATResponse) throws(ATParseError) -> SignalQuality {
            let (body, context) = try StandardParsing.line(response, prefix: "+CESQ:")
            let fields = try StandardParsing.fields(body, context)
            func value(_ index: Int, _ name: String, unknown: Int) throws(ATParseError) -> Int? {
                let value = try StandardParsing.count(fields, index, name: name, in: context)
                return value == unknown ? nil : value
            }
            return SignalQuality(
                rxlev: try value(0, "<rxlev>", unknown: 99),
                ber: try value(1, "<ber>", unknown: 99),
                rscp: try value(2, "<rscp>", unknown: 255),
                ecno: try value(3, "<ecno>", unknown: 255),
                rsrq: try value(4, "<rsrq>", unknown: 255),
                rsrp: try value(5, "<rsrp>", unknown: 255)
            )
        }
    }
}
