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

    @Test func convertsDurations() {
        #expect(TraceTime(.milliseconds(1500)) == TraceTime(microseconds: 1_500_000))
        #expect(TraceTime(.nanoseconds(1999)) == TraceTime(microseconds: 1))
        #expect(TraceTime(.seconds(-3)) == .zero)
        #expect(TraceTime(.seconds(Int64.max)) == .maximum)
        #expect(TraceTime(microseconds: 2_500).duration == .microseconds(2_500))
    }
}
