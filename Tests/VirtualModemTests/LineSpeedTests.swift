import Testing
import VirtualModem

@Suite("Virtual modem: fixed line speed")
struct LineSpeedTests {
    @Test("mismatched rates garble every byte into something no AT parser takes for text")
    func garble() {
        let all = (0...255).map(UInt8.init)
        let garbled = LineSpeedMismatch.garble(all)
        #expect(garbled.count == all.count)
        #expect(garbled.allSatisfy { $0 >= 0x80 })
        #expect(LineSpeedMismatch.garble(Array("AT\r".utf8)) == [0xEB, 0xB2, 0xCF])
        #expect(LineSpeedMismatch.garbles(host: 115_200, modem: 9600))
        #expect(!LineSpeedMismatch.garbles(host: 9600, modem: 9600))
        #expect(!LineSpeedMismatch.garbles(host: nil, modem: 9600))   // TCP, memory: no speed
        #expect(!LineSpeedMismatch.garbles(host: 115_200, modem: nil)) // follows the host
    }

    @Test("the modem hears nothing in garbage, and answers once the bytes are clean")
    func garbageIsNotACommand() {
        var harness = ModemHarness()
        _ = harness.send("ATE0")   // echo would print the garbage back (garbled again on a real line)
        #expect(harness.type(LineSpeedMismatch.garble(Array("AT\rAT\r".utf8))) == "")
        #expect(harness.send("AT") == "\r\nOK\r\n")
    }

    @Test("AT+IPR? reports the configured rate until one is stored", arguments: [
        (9600 as Int?, [("AT+IPR?", "+IPR: 9600"), ("AT+IPR=12345", "ERROR"), ("AT+IPR=57600", "OK"), ("AT+IPR?", "+IPR: 57600")]),
        (nil, [("AT+IPR?", "+IPR: 115200")]),
    ])
    func ipr(rate: Int?, exchanges: [(String, String)]) {
        var harness = ModemHarness(VirtualModemConfiguration(baudRate: rate))
        _ = harness.send("ATE0")
        for (command, answer) in exchanges {
            let expected = answer.hasPrefix("+") ? "\r\n\(answer)\r\n\r\nOK\r\n" : "\r\n\(answer)\r\n"
            #expect(harness.send(command) == expected, "\(command)")
        }
    }

    @Test("a scenario sets the rate; one out of range is a problem that says where")
    func scenario() throws {
        var scenario = Scenario()
        scenario.baudRate = 9600
        #expect(try scenario.configuration().baudRate == 9600)
        scenario.baudRate = 12
        #expect(throws: Scenario.Problem.self) { try scenario.configuration() }
    }
}
