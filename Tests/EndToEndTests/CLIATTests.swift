import Foundation
import ModemKitTestSupport
import ModemTransport
import Testing

/// `modemkit at` run as a process against the demo modem on a pseudo-terminal.
@Suite struct CLIATTests {
    struct Exchange: Decodable {
        var command: String
        var lines: [String]
        var final: String?
        var ok: Bool
        var error: String?
        var urcs: [String]
    }

    @Test func signalQualityAsJSON() async throws {
        let modem = try await ModemOnPTY.start()
        let result = try await ModemkitProcess.run(["at", "--device", modem.path, "AT+CSQ", "AT+CGMI", "--json"])
        await modem.stop()
        #expect(result.status == 0, "\(result.stderr)")
        let exchanges = try result.json([Exchange].self)
        try #require(exchanges.count == 2)
        #expect(exchanges[0].command == "AT+CSQ")
        #expect(exchanges[0].lines == ["+CSQ: 21,99"])
        #expect(exchanges[0].final == "OK")
        #expect(exchanges[0].ok)
        #expect(exchanges[1].lines == ["ModemKit"])
    }

    @Test func humanOutputShowsLinesAndFinal() async throws {
        let modem = try await ModemOnPTY.start()
        let result = try await ModemkitProcess.run(["at", "--device", modem.path, "ATI"])
        await modem.stop()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "ATI\nModemKit\nVirtual LTE\nRevision: VM 1.0\nOK\n")
    }

    @Test func modemErrorExitsOneWithTheCMEText() async throws {
        let modem = try await ModemOnPTY.start()
        let result = try await ModemkitProcess.run(["at", "--device", modem.path, "--json", "AT+CMEE=2", "AT+QENG=\"servingcell\""])
        await modem.stop()
        #expect(result.status == 1)
        let exchanges = try result.json([Exchange].self)
        try #require(exchanges.count == 2)
        #expect(exchanges[0].ok)
        #expect(!exchanges[1].ok)
        #expect(exchanges[1].final == "+CME ERROR: 4 (operation not supported)")
    }

    @Test(arguments: ["AT+CSQ\rAT+CFUN=0", "AT+CMGS=\"+15551234567\"\u{1A}", "AT\u{1B}", "AT+CSQ\nAT+CFUN=0", "CFUN=0"])
    func injectionIsRefusedBeforeAnythingIsWritten(_ line: String) async throws {
        let modem = try await ModemOnPTY.start()
        let result = try await ModemkitProcess.run(["at", "--device", modem.path, "AT+CSQ", line])
        let received = await modem.receivedByteCount
        await modem.stop()
        #expect(result.status == 2)
        #expect(result.stderr.contains("Nothing was sent"))
        #expect(result.stdout.isEmpty)
        #expect(received == 0, "the modem received \(received) bytes")
    }

    @Test func missingDeviceExitsFour() async throws {
        let result = try await ModemkitProcess.run(["at", "--device", "/dev/modemkit-no-such-device", "AT"])
        #expect(result.status == 4)
        #expect(result.stderr.contains("cannot open /dev/modemkit-no-such-device"))
    }

    @Test func silentModemExitsThree() async throws {
        // A pseudo-terminal with nothing answering on its master side.
        let silent = try PseudoTerminalPair()
        let result = try await ModemkitProcess.run(["at", "--device", silent.slavePath, "--timeout", "0.3", "AT", "AT+CSQ"])
        await silent.close()
        #expect(result.status == 3)
        #expect(result.stderr.contains("no answer within"))
        #expect(result.stderr.contains("1 more command(s) not sent"))
    }

    @Test(arguments: [
        ["at", "AT"],                                          // no connection
        ["at", "--device", "/dev/null", "--tcp", "h:1", "AT"], // both
        ["at", "--tcp", "localhost", "AT"],                    // no port
        ["at", "--device", "/dev/null", "--stop-bits", "3", "AT"],
        ["at", "--device", "/dev/null"],                       // no command
        ["at", "--device", "/dev/null", "--parity", "sometimes", "AT"],
    ])
    func usageErrorsExitTwo(_ arguments: [String]) async throws {
        let result = try await ModemkitProcess.run(arguments)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
    }
}
