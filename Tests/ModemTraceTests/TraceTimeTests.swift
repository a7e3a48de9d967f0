import ModemTrace
import Testing

@Suite struct TraceTimeTests {
    @Test(arguments: [
        (Int64(0), "0.000000"), (12_345, "0.012345"), (1_000_000, "1.000000"),
        (3_600_123_456, "3600.123456"),
    ])
    func formatsSixDecimals(microseconds: Int64, text: String) {
        #expect(TraceTime(microseconds: microseconds).description == text)
        #expect(TraceTime(parsing: text) == TraceTime(microseconds: microseconds))
    }

    @Test(arguments: [("0.5", Int64(500_000)), ("2", 2_000_000), ("0.000001", 1), ("10.25", 10_250_000)])
    func parsesShorterForms(text: String, microseconds: Int64) {
        #expect(TraceTime(parsing: text)?.microseconds == microseconds)
    }

    @Test(arguments: ["", ".5", "1.", "1.2345678", "-1", "1e3", "1.2.3", "0x10", "1 ", "9999999999999"])
    func rejectsMalformed(text: String) {
        #expect(TraceTime(parsing: text) == nil)
    }

    /// The grammar read another way, from the string's parts: 1–12 digits, then optionally a dot
    /// and 1–6 digits.
    static func expected(_ text: String) -> Int64? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            parts[0].count <= 12, parts.count == 1 || parts[1].count <= 6, let whole = Int64(parts[0])
        else { return nil }
        let fraction = parts.count == 2 ? Int64(parts[1] + String(repeating: "0", count: 6 - parts[1].count)) ?? 0 : 0
        return whole * 1_000_000 + fraction
    }

    @Test func parsesExactlyTheGrammarOnRandomTexts() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789..9 x٣")
        var texts = ["999999999999.999999", "0000000000000", "000000000000.0000000", "1.000000", "٣", "1.٣"]
        for _ in 0..<20_000 {
            texts.append(String((0..<Int.random(in: 0...20, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }))
        }
        for text in texts {
            #expect(TraceTime(parsing: text)?.microseconds == Self.expected(text), "\(text)")
            #expect(TraceTime(parsing: text[...])?.microseconds == Self.expected(text), "\(text)")
        }
    }

    @Test func convertsDurations() {
        #expect(TraceTime(.milliseconds(1500)) == TraceTime(microseconds: 1_500_000))
        #expect(TraceTime(.nanoseconds(1999)) == TraceTime(microseconds: 1))
        #expect(TraceTime(.seconds(-3)) == .zero)
        #expect(TraceTime(.seconds(Int64.max)) == .maximum)
        #expect(TraceTime(microseconds: 2_500).duration == .microseconds(2_500))
    }
}
