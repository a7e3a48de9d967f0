import ModemKitTestSupport
import ModemTransport
import Testing
import VirtualModem
import VirtualModemHost

/// `modemkit connect --puk` against a virtual Quectel modem on a pty whose SIM allows one PIN
/// attempt: a wrong PIN blocks it (exit 1, the retries printed), then the PUK and a new PIN
/// bring data up. The PUK is never printed.
@Suite(.serialized) struct CLIPUKTests {
    @Test("connect: a wrong --pin blocks the SIM; --puk with a new --pin brings data up")
    func pukUnblocks() async throws {
        var configuration = VirtualModemConfiguration(profile: try #require(VirtualModemProfile.named("quectel-bg96")))
        configuration.sim = SIMConfiguration(pin: "1234", puk: "12345678", pinAttempts: 1, pukAttempts: 10)
        configuration.profile.timing = VirtualModemProfile.Timing(
            bootTime: .milliseconds(1), simBusyTime: .milliseconds(1), searchDelay: .milliseconds(1),
            registrationDelay: .milliseconds(5), operatorScanTime: .milliseconds(20),
            activationTime: .milliseconds(5), signalStep: .seconds(5)
        )
        let pair = try PseudoTerminalPair()
        let runner = VirtualModemRunner(modem: VirtualModem(configuration: configuration), transport: pair)
        await runner.start()
        defer { Task { await runner.stop() } }

        let blocked = try await ModemkitProcess.run(["connect", "--device", pair.slavePath, "--pin", "0000", "--once", "--timeout", "20"])
        #expect(blocked.status == 1, "\(blocked.stdout)\(blocked.stderr)")
        #expect(blocked.stdout.contains("sim retries: PIN 0 left, PUK 10 left"), "\(blocked.stdout)")
        #expect(blocked.stdout.contains("state: SIM locked: PUK required"))

        let unblocked = try await ModemkitProcess.run([
            "connect", "--device", pair.slavePath, "--puk", "12345678", "--pin", "4321", "--once", "--timeout", "20",
        ])
        #expect(unblocked.status == 0, "\(unblocked.stdout)\(unblocked.stderr)")
        #expect(unblocked.stdout.contains("state: entering PUK"))
        #expect(unblocked.stdout.split(separator: "\n").last?.hasPrefix("state: connected 10.") == true, "\(unblocked.stdout)")
        #expect(!unblocked.stdout.contains("12345678") && !unblocked.stderr.contains("12345678"))
    }

    @Test("--puk must be 8 digits and needs --pin", arguments: [["--puk", "1234"], ["--puk", "1234567a", "--pin", "1234"], ["--puk", "12345678"]])
    func badPUK(arguments: [String]) async throws {
        let result = try await ModemkitProcess.run(["connect", "--sim", "generic", "--once"] + arguments)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
    }
}
