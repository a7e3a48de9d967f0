import Testing
import VirtualModem

/// Layer 2: whatever a host types, every command of every profile answers with the modem's
/// own error or result, never traps, and the modem keeps answering.
@Suite("Virtual modem: malformed input")
struct MalformedInputTests {
    static let arguments = [
        "", "0", "1", "-1", "99999999999999999999", "\"", "\"a\"", "1,2,3,4,5,6,7,8,9,10,11,12", ",,,,,,",
        "\"\",\"\"", "\"x\"\"y\"", "255,255", "1,\"IP\",\"internet\"", "0,\"TCP\",\"8.8.8.8\",53", "\u{1}\u{2}",
        "1,,,\"11111111\",\"11111111\"", "\"SC\",1,\"0000\"", "65536", "1,1", "2,4,\"1111\"", "0,0,\"\u{FF}\"",
    ]

    @Test("every command with hostile arguments, in every form", arguments: VirtualModemProfile.builtIn.map(\.name))
    func everyCommand(profileName: String) throws {
        let profile = try #require(VirtualModemProfile.named(profileName))
        var harness = ModemHarness(VirtualModemConfiguration(profile: profile, seed: 1))
        let names = HandlerTable(profile: profile).names
        for name in names {
            var lines = ["AT\(name)", "AT\(name)?", "AT\(name)=?"]
            // S3 and S5 change how lines are typed (the terminator, backspace): a host that
            // sets them speaks differently afterwards, so they are tested on their own.
            if name != "S3" && name != "S5" { lines += Self.arguments.map { "AT\(name)=\($0)" } }
            for line in lines {
                _ = harness.send(line)
                recover(&harness)
                let answer = harness.send("AT")
                #expect(answer.hasSuffix("OK\r\n") || answer.hasSuffix("0\r"), "after \(line.debugDescription): \(answer.debugDescription)")
            }
        }
    }

    /// Whatever the last line did (a prompt, a long scan, sleep, power off, V0/Q1), get the
    /// modem back to answering with results in the default form.
    func recover(_ harness: inout ModemHarness) {
        _ = harness.type([0x1B])
        harness.advance(by: .seconds(600))
        if harness.modem.status.power != "on" {
            _ = harness.modem.inject(.powerKey, at: harness.modem.now)
            harness.advance(by: .seconds(600))
        }
        _ = harness.send("ATZ")
    }
}
