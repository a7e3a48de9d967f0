import ModemKitTestSupport
import SMSPDU

/// The PDUs and texts the SMS benchmarks use, made once from a fixed seed with ModemKit's own
/// encoder: SMS-DELIVERs as a modem hands them over (`+CMT`/`+CMGR`, SMSC prefix included), mostly
/// GSM 7-bit of 20...160 characters, some UCS-2, some concatenated parts.
public struct SMSCorpus: Sendable {
    /// The PDUs end to end, and each one's length.
    public let bytes: [UInt8]
    public let lengths: [Int]
    /// The PDUs one by one (what the Swift decoder is given).
    public let pdus: [[UInt8]]
    /// Single-part texts for the encode benchmark.
    public let texts: [String]

    public init(count: Int = 1000, seed: UInt64 = 0x5135) {
        var generator = SeededGenerator(seed: seed)
        let gsm = Array("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 .,!?'-:;()@£$ÄÖÜäöüßéè".unicodeScalars)
        let ucs = Array("Привет мир 你好 😀 こんにちは".unicodeScalars)
        func text(_ pool: [Unicode.Scalar], _ count: Int) -> String {
            var view = String.UnicodeScalarView()
            for _ in 0..<count { view.append(pool[Int.random(in: 0..<pool.count, using: &generator)]) }
            return String(view)
        }
        var pdus: [[UInt8]] = []
        var texts: [String] = []
        let smsc = SMSAddress("+447785016005")
        for index in 0..<count {
            let body: String = index % 10 == 9 ? text(ucs, Int.random(in: 10...60, using: &generator))
                : text(gsm, Int.random(in: 20...(index % 10 == 8 ? 300 : 160), using: &generator))
            texts.append(index % 10 == 9 ? body : String(body.prefix(160)))
            // Force unwraps are fine here: the corpus is ours and checked by the tests.
            let plan = try! SMSEncoder.plan(body)
            let userData = plan.userData(reference: UInt16(index & 0xFF))[0]
            let deliver = SMSDeliver(
                originator: SMSAddress("+4479" + String(100_000_000 + index)), dataCodingScheme: plan.dataCodingScheme(),
                serviceCentreTimestamp: SMSTimestamp(year: 2024, month: 6, day: 1 + index % 28, hour: 12, minute: index % 60, second: 7, timeZoneQuarterHours: 4),
                userData: userData
            )
            pdus.append(try! SMSPDU(smsc: smsc, tpdu: .deliver(deliver)).encoded().bytes)
        }
        self.pdus = pdus
        self.lengths = pdus.map(\.count)
        self.bytes = pdus.flatMap { $0 }
        self.texts = texts
    }
}
