import ATCodec
import Testing

@Suite("ATCommandLine")
struct ATCommandLineTests {
    @Test("builds execute, read, test and set forms")
    func forms() throws {
        #expect(ATCommandLine.execute("+CSQ") == "AT+CSQ")
        #expect(ATCommandLine.read("+CREG") == "AT+CREG?")
        #expect(ATCommandLine.test("+COPS") == "AT+COPS=?")
        #expect(try ATCommandLine.set("+CGDCONT", [.int(1), .string("IP"), .string("internet")]) == "AT+CGDCONT=1,\"IP\",\"internet\"")
        #expect(try ATCommandLine.set("+CPSMS", [.int(1), .omitted, .omitted, .string("00000110"), .string("00000000")])
            == "AT+CPSMS=1,,,\"00000110\",\"00000000\"")
        #expect(try ATCommandLine.set("+CREG", [.int(2), .omitted]) == "AT+CREG=2")
    }

    @Test("refuses values that would inject AT syntax, before producing any text", arguments: [
        ("inter\rnet", UInt8(0x0D)), ("inter\nnet", 0x0A), ("x\u{1A}", 0x1A), ("x\u{1B}", 0x1B), ("a\u{0}b", 0x00), ("del\u{7F}", 0x7F),
    ])
    func injection(value: String, byte: UInt8) {
        #expect(throws: ATEncodingError.self) { try ATCommandLine.set("+CGDCONT", [.int(1), .string("IP"), .string(value)]) }
        do {
            _ = try ATCommandLine.set("+CSTT", [.string(value)])
            Issue.record("accepted \(value.debugDescription)")
        } catch {
            guard case .forbiddenCharacter(let parameter, _, let found) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(parameter == 0)
            #expect(found == byte)
            #expect(!error.description.contains(value), "the value may be a secret; it is not repeated")
        }
    }

    @Test("refuses quotes and backslashes inside strings")
    func quotes() {
        #expect(throws: ATEncodingError.unescapableCharacter(parameter: 2, offset: 1, character: "\"")) {
            try ATCommandLine.set("+CGDCONT", [.int(1), .string("IP"), .string("a\"b")])
        }
        #expect(throws: ATEncodingError.unescapableCharacter(parameter: 0, offset: 3, character: "\\")) {
            try ATCommandLine.set("+CSTT", [.string("abc\\")])
        }
    }

    @Test("raw lines: must start with AT and hold no control characters")
    func raw() throws {
        #expect(try ATCommandLine.raw("AT+QENG=\"servingcell\"") == "AT+QENG=\"servingcell\"")
        #expect(try ATCommandLine.raw("at") == "at")
        #expect(try ATCommandLine.raw("A/") == "A/")
        #expect(throws: ATEncodingError.missingPrefix) { try ATCommandLine.raw("+CSQ") }
        #expect(throws: ATEncodingError.self) { try ATCommandLine.raw("AT+CMGS=\"123\"\rhello\u{1A}") }
        #expect(throws: ATEncodingError.self) { try ATRawCommand("AT\r\nAT+CFUN=0") }
    }

    @Test("compound lines join extended commands with semicolons")
    func compound() throws {
        #expect(try ATCommandLine.compound(["AT+CMEE=1", "AT+CREG=2"]) == "AT+CMEE=1;+CREG=2")
        #expect(try ATCommandLine.compound(["ATE0", "ATV1", "AT+CMEE=2", "AT+CEREG=5"]) == "ATE0V1+CMEE=2;+CEREG=5")
        #expect(throws: ATEncodingError.self) { try ATCommandLine.compound(["AT+CMEE=1", "AT+CPIN=\"1\r\""]) }
    }

    @Test("invalid command names are refused")
    func names() {
        #expect(throws: ATEncodingError.invalidName("+C REG")) { try ATCommandLine.set("+C REG", [.int(1)]) }
        #expect(throws: ATEncodingError.invalidName("")) { try ATCommandLine.set("", [.int(1)]) }
    }
}
