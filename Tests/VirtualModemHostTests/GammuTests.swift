import Foundation
import Testing
import VirtualModem
import VirtualModemHost

/// Real gammu (Debian's `gammu` package) against the virtual modem on a pseudo-terminal, with a
/// generated gammurc (`connection = at115200`). Skipped only when gammu is not installed.
@Suite("gammu against the virtual modem on a pty", .serialized, .enabled(if: ClientProgram.find("gammu") != nil, "gammu is not installed (apt-get install gammu)"))
struct GammuTests {
    /// Runs `gammu <arguments>` against `modem` and returns its exit status and output.
    func gammu(_ arguments: [String], on modem: VirtualModemOnPTY) async throws -> (status: Int32, output: String) {
        let folder = try temporaryFolder("gammu")
        defer { try? FileManager.default.removeItem(at: folder) }
        let configuration = folder.appendingPathComponent("gammurc")
        try """
        [gammu]
        device = \(modem.path)
        connection = at115200
        logfile = \(folder.appendingPathComponent("gammu.log").path)
        logformat = textall

        """.write(to: configuration, atomically: true, encoding: .utf8)
        let gammu = try #require(ClientProgram.find("gammu"))
        let result = try await ClientProgram.run(gammu, ["-c", configuration.path] + arguments, directory: folder)
        let log = (try? String(contentsOf: folder.appendingPathComponent("gammu.log"), encoding: .utf8)) ?? ""
        return (result.status, result.output + "\n--- gammu.log (last 4000 characters) ---\n" + String(log.suffix(4000)))
    }

    @Test("identify: manufacturer, model, firmware, IMEI, IMSI")
    func identify() async throws {
        let modem = try await VirtualModemOnPTY.start(VirtualModemOnPTY.clientConfiguration)
        let result = try await gammu(["identify"], on: modem)
        await modem.stop()
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("Manufacturer         : ModemKit"))
        #expect(result.output.contains("IMEI                 : 356938035643809"))
        #expect(result.output.contains("SIM IMSI             : 001010123456789"))
    }

    @Test("getsecuritystatus: nothing to enter on a ready SIM, the PIN on a locked one")
    func securityStatus() async throws {
        let modem = try await VirtualModemOnPTY.start(VirtualModemOnPTY.clientConfiguration)
        let ready = try await gammu(["getsecuritystatus"], on: modem)
        await modem.stop()
        #expect(ready.status == 0, "\(ready.output)")
        #expect(ready.output.contains("Nothing to enter."))

        var locked = VirtualModemOnPTY.clientConfiguration
        locked.sim.pin = "1234"
        let lockedModem = try await VirtualModemOnPTY.start(locked)
        let pin = try await gammu(["getsecuritystatus"], on: lockedModem)
        await lockedModem.stop()
        #expect(pin.output.contains("Waiting for PIN"), "\(pin.output)")
    }

    @Test("monitor: battery, signal, SMS memories, network and GPRS state (reads +CBC, +CGATT?, +CPMS)")
    func monitor() async throws {
        let modem = try await VirtualModemOnPTY.start(VirtualModemOnPTY.clientConfiguration)
        await modem.runner.inject(.incomingSMS(from: "+447700900123", text: "stored"))
        let result = try await gammu(["monitor", "1"], on: modem)
        await modem.stop()
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("Battery level        : 95 percent"))
        #expect(result.output.contains("SIM SMS status       : 1 used,"))
        #expect(result.output.contains("Phone SMS status     : 0 used, 0 unread, 50 locations"))
        #expect(result.output.contains("Signal strength      : -71 dBm"))  // +CSQ 21
        #expect(result.output.contains("Network state        : home network"))
        #expect(result.output.contains("GPRS                 : attached"))
    }

    @Test("getallsms: stored messages, a long one delivered out of order, in UCS-2 too")
    func getAllSMS() async throws {
        let modem = try await VirtualModemOnPTY.start(VirtualModemOnPTY.clientConfiguration)
        await modem.runner.inject(.incomingSMS(from: "+447700900123", text: "hello from the network"))
        await modem.runner.inject(.incomingSMS(from: "+447700900124", text: String(repeating: "long message part ", count: 12), parts: [2, 1]))
        await modem.runner.inject(.incomingSMS(from: "+491701234567", text: "Grüße aus Köln 😀"))
        let result = try await gammu(["getallsms"], on: modem)
        let left = await modem.runner.snapshot.status.storedMessages
        await modem.stop()
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("Remote number        : \"+447700900123\""))
        #expect(result.output.contains("hello from the network"))
        #expect(result.output.contains("Concatenated (linked) message, ID (8 bit) 0, part 2 of 2"))
        #expect(result.output.contains("Concatenated (linked) message, ID (8 bit) 0, part 1 of 2"))
        #expect(result.output.contains("Grüße aus Köln 😀"))
        #expect(result.output.contains("4 SMS parts in 4 SMS sequences"))
        #expect(left == 4)  // listing does not delete
    }

    @Test("sendsms: a text, a status report request, a long UCS-2 text to the modem's own number")
    func sendSMS() async throws {
        let modem = try await VirtualModemOnPTY.start(VirtualModemOnPTY.clientConfiguration)
        let plain = try await gammu(["sendsms", "TEXT", "+447700900123", "-text", "hello from gammu", "-report"], on: modem)
        #expect(plain.status == 0, "\(plain.output)")
        #expect(plain.output.contains("OK, message reference=0"))
        let long = try await gammu(["sendsms", "TEXT", VirtualModem.ownNumber, "-unicode", "-len", "200",
                                    "-text", String(repeating: "Grüße € ", count: 25)], on: modem)
        #expect(long.status == 0, "\(long.output)")
        #expect(long.output.contains("Sending SMS 3/3"))
        // The long message (200 UCS-2 characters) comes back (own number) as three stored parts.
        let arrived = await modem.waitUntil(within: 10) { await modem.runner.snapshot.status.storedMessages == 3 }
        let sent = await modem.runner.snapshot.sentMessages
        await modem.stop()
        #expect(arrived)
        #expect(sent.first == SentSMS(reference: 0, destination: "+447700900123", text: "hello from gammu", statusReportRequested: true))
        #expect(sent.dropFirst().map(\.part?.sequence) == [1, 2, 3])
        #expect(sent.dropFirst().map(\.text).joined() == String(repeating: "Grüße € ", count: 25))
    }
}
