/// Signal quality, TS 27.007 §8.5.
public enum CSQ {
    public static let name = "+CSQ"

    /// `+CSQ: <rssi>,<ber>`.
    public struct SignalQuality: Sendable, Hashable {
        /// `<rssi>`: 0...31, `nil` when the modem says 99 (not known). Values outside 0...31 are
        /// kept as printed (SIM7600 uses 100...199 on TD-SCDMA) but have no ``rssiDBm``.
        public var rssi: Int?
        /// `<ber>`: RXQUAL 0...7, `nil` when 99.
        public var ber: Int?

        public init(rssi: Int?, ber: Int?) {
            self.rssi = rssi
            self.ber = ber
        }

        /// The received power: −113 + 2 × rssi dBm (0 is −113 dBm or less, 31 −51 dBm or more).
        public var rssiDBm: Int? {
            guard let rssi, (0...31).contains(rssi) else { return nil }
            return -113 + 2 * rssi
        }
    }

    /// Reads the received signal strength and bit error rate.
    ///
    ///     → AT+CSQ
    ///     ← +CSQ: 14,0          (SIM800: −85 dBm, RXQUAL 0)
    ///     ← OK
    ///
    /// Timeout: a local reading; Quectel gives 300 ms, we allow 1 s.
    public struct Execute: ATCommand {
        public init() {}
        public var text: String { ATCommandLine.execute(CSQ.name) }
        public static var prefixes: [String] { ["+CSQ:"] }
        public static var timeout: Duration { .seconds(1) }

        public func parse(_ response: ATResponse) throws(ATParseError) -> SignalQuality {
            let (body, context) = try StandardParsing.line(response, prefix: "+CSQ:")
            let fields = try StandardParsing.fields(body, context)
            let rssi = try StandardParsing.count(fields, 0, name: "<rssi>", in: context)
            let ber = try StandardParsing.count(fields, 1, name: "<ber>", in: context)
            return SignalQuality(rssi: rssi == 99 ? nil : rssi, ber: ber == 99 ? nil : ber)
        }
    }
}
