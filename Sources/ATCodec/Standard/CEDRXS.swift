/// eDRX setting, TS 27.007 §7.40; the cycle values of TS 24.008 §10.5.5.32.
///
/// Timeout: 5 s.
public enum CEDRXS {
    public static let name = "+CEDRXS"

    /// `<AcT-type>`: which radio the value is for.
    public enum AccessType: Int, Sendable, Hashable, CaseIterable {
        case ecGSMIoT = 1, gsm = 2, utran = 3
        /// E-UTRAN WB-S1 (LTE-M).
        case lteM = 4
        /// E-UTRAN NB-S1 (NB-IoT).
        case nbIoT = 5
    }

    /// A 4-bit eDRX cycle value, `"0000"` to `"1111"`.
    public struct Value: Sendable, Hashable, CustomStringConvertible {
        public let code: UInt8

        /// `nil` unless `bits` is 4 binary digits.
        public init?(bits: String) {
            guard bits.utf8.count == 4 else { return nil }
            var code: UInt8 = 0
            for byte in bits.utf8 {
                guard byte == 0x30 || byte == 0x31 else { return nil }
                code = code << 1 | (byte - 0x30)
            }
            self.code = code
        }

        /// The code for the shortest cycle not shorter than `seconds` on LTE-M (WB-S1), or the
        /// longest when `seconds` exceeds it.
        ///
        ///     Value(lteMCycleAtLeast: 80)?.bits   // "0101": 81.92 s
        public init(lteMCycleAtLeast seconds: Double) {
            let index = Value.lteMCycles.firstIndex { $0 >= seconds } ?? Value.lteMCycles.count - 1
            code = UInt8(index)
        }

        public var bits: String {
            String((0..<4).map { code >> UInt8(3 - $0) & 1 == 1 ? "1" : "0" })
        }

        /// The LTE-M (WB-S1) cycle in seconds, TS 24.008 Table 10.5.5.32.
        public var lteMCycleSeconds: Double { Value.lteMCycles[Int(code & 0x0F)] }

        static let lteMCycles: [Double] = [
            5.12, 10.24, 20.48, 40.96, 61.44, 81.92, 102.4, 122.88,
            143.36, 163.84, 327.68, 655.36, 1310.72, 2621.44, 5242.88, 10485.76,
        ]

        public var description: String { "\(bits) (\(lteMCycleSeconds) s on LTE-M)" }
    }

    /// Requests eDRX with a cycle on one radio, or turns it off.
    ///
    ///     → AT+CEDRXS=1,4,"0101"      (LTE-M, 81.92 s)
    ///     ← OK
    ///
    ///     → AT+CEDRXS=0
    ///     ← OK
    public struct Set: ATCommand {
        public let text: String

        public init(accessType: AccessType, value: Value) {
            text = "AT+CEDRXS=1,\(accessType.rawValue),\"\(value.bits)\""
        }

        /// `AT+CEDRXS=0`.
        public static var disable: Set { Set(text: "AT+CEDRXS=0") }

        private init(text: String) { self.text = text }

        public static var timeout: Duration { .seconds(5) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }
}
