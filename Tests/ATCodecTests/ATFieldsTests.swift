import ATCodec
import Testing

@Suite("ATFields")
struct ATFieldsTests {
    @Test("quoted, bare and empty fields as real modems print them", arguments: [
        ("1,\"IP\",\"internet\",\"0.0.0.0\",0,0", [ATFields.Field.bare("1"), .quoted("IP"), .quoted("internet"), .quoted("0.0.0.0"), .bare("0"), .bare("0")]),
        ("2,,,,,,,,", [.bare("2"), .empty, .empty, .empty, .empty, .empty, .empty, .empty, .empty]),        // SARA-R422 +CEREG
        (" 21 , 99 ", [.bare("21"), .bare("99")]),
        ("0,0,\"Vodafone, D2\",7", [.bare("0"), .bare("0"), .quoted("Vodafone, D2"), .bare("7")]),
        ("\"\"", [.quoted("")]),
        ("", []),
    ])
    func fields(text: String, expected: [ATFields.Field]) {
        let fields = ATFields(text)
        #expect(Array(fields) == expected)
        #expect(!fields.unterminatedQuote)
    }

    @Test("an unterminated quote keeps the text and says so")
    func unterminated() {
        let fields = ATFields("1,\"abc")
        #expect(Array(fields) == [.bare("1"), .quoted("abc")])
        #expect(fields.unterminatedQuote)
        #expect(ATFields("\"IP,\"10.0.0.1\",1").strayTextAfterQuote)
        #expect(!ATFields("1,\"IP\" ,2").strayTextAfterQuote)
    }

    @Test("typed accessors report the raw line on error")
    func accessors() throws {
        let context = ATFieldsContext(command: "AT+CSQ", line: "+CSQ: x,99")
        let fields = ATFields("x,99,1A")
        #expect(throws: ATParseError.self) { try fields.int(0, in: context) }
        #expect(try fields.int(1, in: context) == 99)
        #expect(try fields.hex(2, in: context) == 0x1A)
        #expect(try fields.int(7, in: context) == nil)
        do {
            _ = try fields.requiredInt(0, in: context)
        } catch {
            #expect(error.line == "+CSQ: x,99")
            #expect(error.command == "AT+CSQ")
        }
    }
}
