import ModemTrace
import Testing

@Suite struct TraceWriterTests {
    let header = TraceHeader(
        tool: "modemkit 0.1.0", device: "/dev/ttyUSB2", profile: "generic", baud: 115_200,
        start: "2026-11-25T16:00:00.000Z")

    @Test func writesTheDocumentedExample() {
        let records: [TraceRecord] = [
            .tx(Array("AT+CSQ\r".utf8), at: TraceTime(microseconds: 12_345)),
            .rx(Array("\r\n+CSQ: 21,99\r\n\r\nOK\r\n".utf8), at: TraceTime(microseconds: 34_000)),
            .tx(Array("AT+CPIN=\"***\"\r".utf8), at: TraceTime(microseconds: 1_200_000), redacted: true),
            .rx(Array("AT+CPIN=\"***\"\r\r\nOK\r\n".utf8), at: TraceTime(microseconds: 1_250_000), redacted: true),
            .event("reboot", at: TraceTime(microseconds: 2_000_000)),
            .event("note", text: "after AT+CFUN=1,1", at: TraceTime(microseconds: 2_000_001)),
            .rx([0x1A, 0xFF, 0x5C, 0x20], at: TraceTime(microseconds: 9_500_000)),
        ]
        let expected = #"""
            #modemkit-trace v1
            # tool: modemkit 0.1.0
            # device: /dev/ttyUSB2
            # profile: generic
            # baud: 115200
            # start: 2026-11-25T16:00:00.000Z
            0.012345 tx AT+CSQ\r
            0.034000 rx \r\n+CSQ: 21,99\r\n\r\nOK\r\n
            1.200000 tx:redacted AT+CPIN="***"\r
            1.250000 rx:redacted AT+CPIN="***"\r\r\nOK\r\n
            2.000000 ev reboot
            2.000001 ev note after AT+CFUN=1,1
            9.500000 rx \x1a\xff\\\x20

            """#
        #expect(TraceWriter().document(header: header, records: records) == expected)
    }

    @Test func writesEmptyPayloadsWithoutTrailingSpace() {
        #expect(TraceWriter().line(for: .tx([], at: .zero)) == "0.000000 tx")
    }

    @Test func sanitizesInvalidNamesAndKeys() {
        #expect(TraceWriter().line(for: .event("bad name/x", at: .zero)) == "0.000000 ev bad_name_x")
        #expect(TraceWriter().line(for: .event("", text: "t", at: .zero)) == "0.000000 ev event t")
        var header = TraceHeader()
        header["sim card"] = "line\nbreak"
        #expect(TraceWriter().headerLines(header) == ["#modemkit-trace v1", #"# sim_card: line\nbreak"#])
    }

    @Test func headerAccessorsEditFieldsInPlace() {
        var header = self.header
        header.baud = 9600
        header["Extra"] = "x"
        header.profile = nil
        #expect(header.fields.map(\.key) == ["tool", "device", "baud", "start", "Extra"])
        #expect(header["extra"] == "x")
        #expect(header.baud == 9600)
        #expect(TraceHeader.isValidKey("sim-profile.v2"))
        #expect(!TraceHeader.isValidKey("has space"))
        #expect(TraceRecord.isValidEventName("reboot"))
        #expect(!TraceRecord.isValidEventName(""))
    }
}
