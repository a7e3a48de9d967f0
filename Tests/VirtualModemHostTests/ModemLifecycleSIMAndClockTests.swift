import ATCodec
import ModemCore
import ModemKit
import ModemKitTestSupport
import ModemTransport
import Testing
import VirtualModem
import VirtualModemHost

/// Layer 5: PIN handling and the backoff clock, against the virtual modem on a pty.
@Suite("Modem lifecycle: PIN and backoff timing against the virtual modem")
struct ModemLifecycleSIMAndClockTests {
    typealias E2E = ModemLifecycleEndToEndTests

    static func state(_ event: ModemStatusEvent) -> ModemLifecycleStateMachine.State? {
        if case .stateChanged(let state) = event { return state }
        return nil
    }

    @Test("the configured PIN is entered and data comes up")
    func pinAccepted() async throws {
        let profile = try #require(VirtualModemProfile.named("quectel-bg96"))
        let (session, status) = try await E2E().start(profile, sim: SIMConfiguration(pin: "1234"), pin: "1234")
        let (addresses, _) = try await E2E().next(status, E2E.addresses)
        #expect(!addresses.isEmpty)
        await session.stop()
    }

    @Test("a wrong PIN is entered once and never again; the user's PIN then brings data up")
    func pinRejected() async throws {
        let profile = try #require(VirtualModemProfile.named("simcom-sim7600"))
        let (session, status) = try await E2E().start(profile, sim: SIMConfiguration(pin: "1234"), pin: "0000")
        let (problem, _) = try await E2E().next(status) { if case .simLocked(let problem) = Self.state($0) { problem } else { nil } }
        guard case .pinRejected(.some(.cmeError(.incorrectPassword))) = problem else {
            Issue.record("expected a refused PIN, got \(problem)")
            return await session.stop()
        }
        // One attempt used, two left: the lifecycle did not spend them.
        let counter = try await session.client.execute(ATCommandContext(echo: "AT+CPINR=\"SIM PIN\"", prefixes: ["+CPINR:"]), timeout: .seconds(1))
        #expect(counter.lines == ["+CPINR: SIM PIN,2,3"])
        await session.modem.enterPIN("1234")
        let (addresses, _) = try await E2E().next(status, E2E.addresses)
        #expect(!addresses.isEmpty)
        await session.stop()
    }

    @Test("the backoff runs on the modem's clock: no retry until it has passed")
    func backoffOnTestClock() async throws {
        let profile = try #require(VirtualModemProfile.named("quectel-bg96"))
        let vm = try await VirtualModemOnPTY.start(VirtualModemConfiguration(profile: profile))
        let client = ATClient(transport: try SerialTransport(path: vm.path, baud: 115_200))
        // Let the SIM finish starting first, so bring-up needs no timer to fire.
        try await bounded {
            while true {
                if (try? await client.send(CPIN.Read(), timeout: .milliseconds(200))) == .ready { return }
            }
        }
        let clock = ManualClock()
        let lifecycle = ModemLifecycleStateMachine.Configuration(
            registrationPollInterval: .seconds(3600), registrationTimeout: .seconds(7200),
            supervisionInterval: .seconds(3600), backoff: .init(initial: .seconds(10), maximum: .seconds(60), jitter: 0.2, seed: 9)
        )
        let modem = Modem(client: client, configuration: .init(lifecycle: lifecycle), clock: clock)
        let status = modem.status()
        await modem.start()
        _ = try await E2E().next(status, E2E.addresses)

        await vm.runner.inject(.pdpDeactivated(cid: 1))
        _ = try await E2E().next(status) { if case .recovering = Self.state($0) { true } else { nil } }
        await clock.waitForSleepers(1)      // the backoff (supervision was cancelled)
        #expect(await modem.state == .recovering(attempt: 1, reason: .pdpDeactivated))
        clock.advance(by: .seconds(7))      // below the least the jitter allows (8 s)
        #expect(await modem.state == .recovering(attempt: 1, reason: .pdpDeactivated))
        clock.advance(by: .seconds(5))      // past the most (12 s)
        let (addresses, _) = try await E2E().next(status, E2E.addresses)
        #expect(!addresses.isEmpty)
        await modem.stop()
        await client.close()
        await vm.stop()
    }
}
