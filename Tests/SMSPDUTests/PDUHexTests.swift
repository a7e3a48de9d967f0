import ModemKitTestSupport
import Testing
import SMSPDU

/// `PDUHex.bytes` reads contiguous strings through a pointer; it must give the bytes and the
/// errors of reading the hex one character at a time.
@Suite struct PDUHexTests {
    /// Hex read one UTF-8 byte at a time: the bytes, or the offset of the first fault (an odd
    /// length is reported at the end).
    static func reference(_ hex: String) -> (bytes: [UInt8]?, faultOffset: Int?) {
        var bytes: [UInt8] = []
        var high: UInt8?
        for (offset, byte) in hex.utf8.enumerated() {
            let nibble: UInt8
            switch byte {
            case 0x30...0x39: nibble = byte - 0x30
            case 0x61...0x66: nibble = byte - 0x61 + 10
            case 0x41...0x46: nibble = byte - 0x41 + 10
            default: return (nil, offset)
            }
            if let pending = high {
                bytes.append(pending << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return high == nil ? (bytes, nil) : (nil, hex.utf8.count)
    }

    @Test func randomHexDecodesAsReadOneCharacterAtATime() {
        var generator = SeededGenerator(seed: 3)
        let alphabet = Array("0123456789abcdefABCDEF")
        let faults: [Character] = ["g", " ", "é", "\n", "Z"]
        for round in 0..<5_000 {
            let length = Int.random(in: 0...40, using: &generator)
            var text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            if round % 3 == 0, !text.isEmpty {
                let at = text.index(text.startIndex, offsetBy: Int.random(in: 0..<length, using: &generator))
                text.insert(faults.randomElement(using: &generator)!, at: at)
            }
            let expected = Self.reference(text)
            for input in [text[...], ("00" + text).dropFirst(2)] {
                do throws(PDUError) {
                    let bytes = try PDUHex.bytes(input)
                    #expect(bytes == expected.bytes, "\(text)")
                } catch {
                    #expect(error.offset == expected.faultOffset, "\(text): \(error)")
                }
            }
        }
    }

    @Test func faultsNameTheCharacter() {
        #expect(throws: PDUError(.invalidHex("é"), offset: 2)) { try PDUHex.bytes("07é1") }
        #expect(throws: PDUError(.oddHexLength, offset: 3)) { try PDUHex.bytes("079") }
    }
}
