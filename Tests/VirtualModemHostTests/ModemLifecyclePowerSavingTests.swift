import ATCodec
import ModemCore
import ModemKit
import ModemKitTestSupport
import Testing
import VirtualModem

/// Layer 5: PSM through the lifecycle against the virtual modem on a pty. The modem is asked
/// for a 4 s TAU and a 2 s active time, grants them (reported in `+CEREG` at `<n>` 5), falls
/// asleep between supervision reads and stops answering; the lifecycle waits, probes, and is
/// connected again when the modem wakes, without a recovery.
@Suite("Modem lifecycle: PSM against the virtual modem", .serialized)
struct ModemLifecyclePowerSavingEndToEndTests {
    typealias E2E = ModemLifecycleEndToEndTests

    static func state(_ event: ModemStatusEvent) -> ModemLifecycleStateMachine.State? {
        if case .stateChanged(let state) = event { return state }
        return nil
    }

    @Test("PSM requested, granted, slept through and woken from", arguments: ["quectel-bg96", "ublox-sara-r4"])
    func sleepAndWake(_ name: String) async throws {
        let profile = try #require(VirtualModemProfile.named(name))
        var lifecycle = E2E.lifecycle
        lifecycle.powerSaving = PowerSavingSettings(psm: try .init(periodicTAU: .seconds(4), activeTime: .seconds(2)))
        lifecycle.supervisionInterval = .seconds(3)
        lifecycle.sleepProbeInterval = .milliseconds(500)
        lifecycle.wakeGrace = .seconds(20)
        let (session, status) = try await E2E().start(profile, lifecycle: lifecycle)

        let (grant, _) = try await E2E().next(status) { if case .powerSavingGranted(let grant) = $0 { grant } else { nil } }
        #expect(grant.periodicUpdate?.bits == "01100010")   // 2 × 2 s
        #expect(grant.activeTime?.bits == "00000001")       // 1 × 2 s
        _ = try await E2E().next(status, E2E.addresses)
        #expect(await session.modem.snapshot.powerSavingGrant == grant)

        let (asleep, _) = try await E2E().next(status) { if case .sleeping(let addresses) = Self.state($0) { addresses ?? [] } else { nil } }
        #expect(!asleep.isEmpty)
        let (woken, seen) = try await E2E().next(status) { if case .connected(let addresses) = Self.state($0) { addresses } else { nil } }
        #expect(woken == asleep)
        #expect(!seen.contains { if case .recovering = Self.state($0) { true } else { false } })
        await session.stop()
    }

    @Test("a modem without PSM (SIM7600 refuses +CPSMS) still comes up; nothing is granted")
    func refused() async throws {
        let profile = try #require(VirtualModemProfile.named("simcom-sim7600"))
        var lifecycle = E2E.lifecycle
        lifecycle.powerSaving = PowerSavingSettings(psm: try .init(periodicTAU: .seconds(4), activeTime: .seconds(2)))
        let (session, status) = try await E2E().start(profile, lifecycle: lifecycle)
        let (_, seen) = try await E2E().next(status, E2E.addresses)
        #expect(!seen.contains { if case .powerSavingGranted = $0 { true } else { false } })
        #expect(seen.contains { if case .powerSavingRefused(let request, .rejected) = $0 { request.hasPrefix("AT+CPSMS=1") } else { false } })
        #expect(await session.modem.snapshot.powerSavingGrant == nil)
        await session.stop()
    }
}
