import ATCodec
import Testing
@testable import ModemReplay

/// The table of command lines seen gives back the text and shape each line was added with,
/// tells apart lines that differ in any byte, and keeps working once it has been emptied.
@Suite struct KnownCommandsTests {
    static func shape(_ text: String) -> CommandShape { CommandShape(text, urcs: .standard) }

    @Test func linesAreFoundByTheirBytes() {
        var commands = KnownCommands()
        let lines = ["AT+CSQ", "AT+CSQ ", "at+csq", "AT+CMGS=19", "AT", "", "AT+C\u{301}SQ"].map { Array($0.utf8) }
            + [[0x41, 0x54, 0xFF]]
        for line in lines {
            #expect(commands.entry(for: line) == nil)
            let text = String(decoding: line, as: UTF8.self)
            let added = commands.add(line, text: text, shape: Self.shape(text))
            #expect(added.text == text)
        }
        for line in lines {
            let found = commands.entry(for: line)
            #expect(found?.text == String(decoding: line, as: UTF8.self))
            #expect(found?.shape.context.echo == Self.shape(String(decoding: line, as: UTF8.self)).context.echo)
            #expect(found?.shape.expectsPrompt == Self.shape(String(decoding: line, as: UTF8.self)).expectsPrompt)
        }
    }

    @Test func theTableIsBoundedAndStillFindsWhatWasAddedAfterEmptying() {
        var commands = KnownCommands()
        var found = 0
        for index in 0..<5_000 {
            let line = Array("AT+CMGR=\(index)".utf8)
            #expect(commands.entry(for: line) == nil)
            _ = commands.add(line, text: "AT+CMGR=\(index)", shape: Self.shape("AT+CMGR=\(index)"))
            if commands.entry(for: line)?.text == "AT+CMGR=\(index)" { found += 1 }
        }
        #expect(found == 5_000)
        // Early lines were dropped when the table was emptied; the last one is there.
        #expect(commands.entry(for: Array("AT+CMGR=0".utf8)) == nil)
        #expect(commands.entry(for: Array("AT+CMGR=4999".utf8))?.text == "AT+CMGR=4999")
    }
}
