import ATCodec
import ModemCore
import ModemKit
import ModemKitTestSupport
import Testing
import VirtualModem

/// Layer 5: a SIM blocked behind its PUK, against the virtual modem on a pty: the retries are
/// read per dialect and published, a wrong PUK is not retried, the right one brings data up.
@Suite("Modem lifecycle: SIM retries and PUK against the virtual modem")
struct ModemLifecyclePUKEndToEndTests {
    typealias E2E = ModemLifecycleEndToEndTests

    static func locked(_ event: ModemStatusEvent) -> ModemLifecycleStateMachine.SIMProblem? {
        if case .stateChanged(.simLocked(let problem)) = event { return problem }
        return nil
    }

    static func retries(_ event: ModemStatusEvent) -> SIMRetries? {
        if case .simRetriesChanged(let retries) = event { return retries }
        return nil
    }

    @Test("the last wrong PIN blocks the SIM; a wrong PUK is refused once; the right PUK and a new PIN bring data up",
          arguments: ["quectel-bg96", "simcom-sim7600", "ublox-sara-r4"])
    func blockedSIM(_ name: String) async throws {
        let profile = try #require(VirtualModemProfile.named(name))
        let sim = SIMConfiguration(pin: "1234", puk: "12345678", pinAttempts: 1, pukAttempts: 10)
        let (session, status) = try await E2E().start(profile, sim: sim, pin: "0000")
        let (problem, _) = try await E2E().next(status) { if case .pukRequired = Self.locked($0) { true } else { nil } }
        #expect(problem)
        let (left, _) = try await E2E().next(status, Self.retries)
        #expect(left == SIMRetries(pin: 0, puk: 10))
        #expect(await session.modem.snapshot.simRetries == left)

        await session.modem.enterPUK("00000000", newPIN: "4321")
        let (refused, _) = try await E2E().next(status) { if case .pukRejected(let final) = Self.locked($0) { final } else { nil } }
        #expect(refused == .cmeError(.incorrectPassword))
        let (after, _) = try await E2E().next(status, Self.retries)
        #expect(after.puk == 9)

        await session.modem.enterPUK("12345678", newPIN: "4321")
        let (addresses, seen) = try await E2E().next(status, E2E.addresses)
        #expect(!addresses.isEmpty)
        #expect(!seen.contains { if case .stateChanged(.simLocked) = $0 { true } else { false } })
        // The PIN counter is full again (this SIM allows one attempt).
        let counter = try await session.client.execute(ATCommandContext(echo: "AT+CPINR=\"SIM PIN\"", prefixes: ["+CPINR:"]), timeout: .seconds(1))
        #expect(counter.lines == ["+CPINR: SIM PIN,1,3"])
        await session.stop()
    }
}
