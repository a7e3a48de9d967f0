import ATCodec
import ModemKitTestSupport
import Testing

@Suite("ATText")
struct ATTextTests {
    @Test("decoding never loses a byte", arguments: 0..<20)
    func roundTrip(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let bytes = (0..<64).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let text = ATText.decode(bytes)
        if ATText.isUTF8(bytes) {
            #expect(Array(text.utf8) == bytes)
        } else {
            #expect(ATText.latin1Bytes(text) == bytes)
        }
    }

    @Test("UTF-8 text stays UTF-8")
    func utf8() {
        let text = "Grüße ✓"
        #expect(ATText.decode(Array(text.utf8)) == text)
        #expect(ATText.isUTF8(Array(text.utf8)))
        #expect(ATText.latin1Bytes(text) == nil)
        #expect(ATText.decode([0x47, 0x72, 0xFC]) == "Grü")   // ISO 8859-1, as some modems print with +CSCS="8859-1"
    }

    @Test("escaping shows control bytes")
    func escaping() {
        #expect(ATText.escaped(Array("AT\r\n\u{1A}\\".utf8)) == "AT\\r\\n\\x1a\\\\")
    }
}
