import ModemKitTestSupport
import Testing
@testable import ATCodec

/// `Registration.hasReadShape` reads plain ASCII fields from the bytes; it must agree with the
/// answer ``ATFields`` gives for every line.
@Suite struct RegistrationReadShapeTests {
    /// The shape as the fields say it: two or more fields, the first two bare digits.
    static func reference(_ line: [UInt8]) -> Bool {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return false }
        let fields = ATFields(ATText.decode(line[(colon + 1)...]))
        guard fields.count >= 2, case .bare(let n) = fields[0], case .bare(let stat) = fields[1] else { return false }
        let digits: (String) -> Bool = { !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        return digits(n) && digits(stat)
    }

    @Test func randomLinesGetTheShapeTheirFieldsHave() {
        var generator = SeededGenerator(seed: 5)
        let pieces: [[UInt8]] = [
            Array("1".utf8), Array("2".utf8), Array("05".utf8), Array(",".utf8), Array(",".utf8), Array(" ".utf8), [0x09],
            Array("\"1A2B\"".utf8), Array("\"".utf8), Array("A".utf8), Array("é".utf8), [0xFF], [0x0D], Array(":".utf8),
        ]
        for _ in 0..<20_000 {
            var line = Array("+CEREG:".utf8)
            for _ in 0..<Int.random(in: 0...8, using: &generator) { line += pieces.randomElement(using: &generator)! }
            #expect(Registration.hasReadShape(line[...]) == Self.reference(line), "\(String(decoding: line, as: UTF8.self))")
        }
    }

    @Test(arguments: [
        ("+CREG: 2,1", true), ("+CREG: 2, 1 ,\"1A2B\",\"01A2B3C4\",7", true), ("+CREG:\t0\t,\t5", true),
        ("+CREG: 2", false), ("+CREG: 2,", false), ("+CREG: 1,\"1A2B\",\"01A2B3C4\",7", false),
        ("+CEREG: 2,,,,,,,,", false), ("+CREG: 1, 5C9, 39E5", false), ("+CREG: \"2\",1", false), ("+CREG: 2,1\"x\"", false),
    ])
    func namedLines(line: String, shaped: Bool) {
        #expect(Registration.hasReadShape(Array(line.utf8)[...]) == shaped)
        #expect(Self.reference(Array(line.utf8)) == shaped)
    }
}
