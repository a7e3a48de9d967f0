import ModemKitTestSupport
import Testing
@testable import ATCodec

/// Mutated device lines never trap the SMS parsers: each either parses or throws a typed error
/// carrying a line.
@Suite("SMS parsers on mutated lines")
struct SMSParserRobustnessTests {
    static let pdu = "07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07"
    static let seeds: [String] = [
        "+CMTI: \"SM\",3", "+CDSI: \"SR\",2", "+CMT: ,30", "+CDS: 30", "+CUSD: 0,\"Balance 5.00\",15",
        "+CMGR: 0,,30", "+CMGL: 1,1,\"\",30", "+CPMS: \"SM\",2,30,\"SM\",2,30,\"SM\",2,30", "+CSMP: 17,167,0,0",
        "+CNMI: 2,1,0,0,0", "+CMGS: 12", "+CSCA: \"+447785016005\",145",
    ]
    static let alphabet = Array("0123456789,\"+-: ABCDEFSMR\u{0}\u{1A}é")

    static func mutate(_ line: String, _ generator: inout SeededGenerator) -> String {
        var characters = Array(line)
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            let position = Int.random(in: 0...characters.count, using: &generator)
            switch Int.random(in: 0..<3, using: &generator) {
            case 0 where position < characters.count: characters.remove(at: position)
            case 1 where position < characters.count: characters[position] = alphabet.randomElement(using: &generator) ?? "x"
            default: characters.insert(alphabet.randomElement(using: &generator) ?? "x", at: position)
            }
        }
        return String(characters)
    }

    @Test(arguments: 0..<8)
    func mutatedLinesParseOrThrowWithTheLine(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let read = try CMGR.Execute(index: 1)
        for _ in 0..<300 {
            let line = Self.mutate(Self.seeds.randomElement(using: &generator) ?? "", &generator)
            let next = Bool.random(using: &generator) ? Self.pdu : Self.mutate(Self.pdu, &generator)
            let response = ATResponse(command: "AT", lines: [line, next])
            Self.check { () throws(ATParseError) in _ = try CMTI.Unsolicited.parse(line) }
            Self.check { () throws(ATParseError) in _ = try CDSI.Unsolicited.parse(line) }
            Self.check { () throws(ATParseError) in _ = try CMT.Unsolicited.parse(line, following: [next]) }
            Self.check { () throws(ATParseError) in _ = try CDS.Unsolicited.parse(line, following: [next]) }
            Self.check { () throws(ATParseError) in _ = try CUSD.Unsolicited.parse(line) }
            Self.check { () throws(ATParseError) in _ = try read.parse(response) }
            Self.check { () throws(ATParseError) in _ = try CMGL.Execute().parse(response) }
            Self.check { () throws(ATParseError) in _ = try CPMS.Read().parse(response) }
            Self.check { () throws(ATParseError) in _ = try CSMP.Read().parse(response) }
            Self.check { () throws(ATParseError) in _ = try CNMI.Read().parse(response) }
            Self.check { () throws(ATParseError) in _ = try CSCA.Read().parse(response) }
        }
    }

    /// Either parses or fails with an error that names a line.
    static func check(_ attempt: () throws(ATParseError) -> Void) {
        do {
            try attempt()
        } catch {
            #expect(error.line != nil, "\(error)")
        }
    }
}
