import ATCodec
import ModemCore
import ModemKit
import ModemKitTestSupport
import ModemTransport
import Testing
import VirtualModem
import VirtualModemHost

/// Layer 5: the ``Modem`` actor over the real serial transport against the virtual modem of
/// every profile on a pty: bring-up to an IP address, then recovery from a reboot, a
/// registration loss and a PDP deactivation, each back to an address.
@Suite("Modem lifecycle against every virtual modem profile over a pty", .serialized)
struct ModemLifecycleEndToEndTests {
    static let profiles = VirtualModemProfile.builtIn.map(\.name)

    /// Short timings, so recovery happens in milliseconds; the backoff is still seeded.
    static let lifecycle = ModemLifecycleStateMachine.Configuration(
        simRetryInterval: .milliseconds(50), registrationPollInterval: .seconds(2), registrationTimeout: .seconds(15),
        dataSession: try! DataSessionSettings(apn: "internet"), supervisionInterval: .seconds(1),
        backoff: .init(initial: .milliseconds(50), maximum: .milliseconds(400), jitter: 0.2, seed: 42)
    )

    struct Session {
        let vm: VirtualModemOnPTY
        let client: ATClient
        let modem: Modem

        func stop() async {
            await modem.stop()
            await client.close()
            await vm.stop()
        }
    }

    func start(
        _ profile: VirtualModemProfile, sim: SIMConfiguration = SIMConfiguration(), pin: String? = nil,
        lifecycle: ModemLifecycleStateMachine.Configuration = Self.lifecycle
    ) async throws -> (Session, AsyncStream<ModemStatusEvent>) {
        let vm = try await VirtualModemOnPTY.start(VirtualModemConfiguration(profile: profile, sim: sim))
        let client = ATClient(transport: try SerialTransport(path: vm.path, baud: 115_200))
        var lifecycle = lifecycle
        lifecycle.pin = pin
        let modem = Modem(client: client, configuration: .init(lifecycle: lifecycle, probeTimeout: .milliseconds(200)))
        let status = modem.status()
        await modem.start()
        return (Session(vm: vm, client: client, modem: modem), status)
    }

    /// Waits for the first event `match` accepts, within a bound; `seen` collects every event.
    func next<T: Sendable>(
        _ status: AsyncStream<ModemStatusEvent>, _ match: @escaping @Sendable (ModemStatusEvent) -> T?
    ) async throws -> (T, [ModemStatusEvent]) {
        try await bounded(.seconds(30)) {
            var seen: [ModemStatusEvent] = []
            for await event in status {
                seen.append(event)
                if let value = match(event) { return (value, seen) }
            }
            throw TimedOut(limit: .zero)
        }
    }

    static func addresses(_ event: ModemStatusEvent) -> [IPAddress]? {
        if case .addressesAssigned(let addresses) = event { return addresses }
        return nil
    }

    static func recoveries(_ events: [ModemStatusEvent]) -> [ModemLifecycleStateMachine.RecoveryReason] {
        events.compactMap {
            if case .stateChanged(.recovering(_, let reason)) = $0 { return reason }
            return nil
        }
    }

    @Test("bring-up to an address, then recovery from reboot, registration loss and PDP deactivation", arguments: profiles)
    func lifecycle(profileName: String) async throws {
        let profile = try #require(VirtualModemProfile.named(profileName))
        let (session, status) = try await start(profile)

        let (addresses, bringUp) = try await next(status, Self.addresses)
        #expect(addresses.allSatisfy { $0.isIPv4 })
        #expect(addresses.first.map { $0.description.hasPrefix("10.") } == true)
        #expect(bringUp.contains(.dialectSelected(profile.dialect.rawValue)))
        let identity = bringUp.compactMap { if case .identified(let identity) = $0 { identity } else { nil } }.first
        #expect(identity?.manufacturer == profile.manufacturer)
        #expect(identity?.model == profile.model)
        #expect(identity?.firmware.map { profile.revision.hasSuffix($0) } == true)   // "Revision:" / "+CGMR: " prefixes dropped
        #expect(bringUp.contains { if case .registrationChanged(let r) = $0 { r.status == .home } else { false } })
        let snapshot = await session.modem.snapshot
        #expect(snapshot.addresses == addresses)
        #expect(snapshot.dialect == profile.dialect.rawValue)
        #expect(await session.modem.state == .connected(addresses))

        // Signal and operator arrive after the address.
        _ = try await next(status) { if case .signalChanged(let dBm) = $0 { dBm } else { nil } }

        let disruptions: [(NetworkEvent, ModemLifecycleStateMachine.RecoveryReason)] = [
            (.reboot, .rebooted),
            (.registrationLost(recoverAfter: .milliseconds(300)), .registrationLost),
            (.pdpDeactivated(cid: 1), .pdpDeactivated),
        ]
        for (event, reason) in disruptions {
            await session.vm.runner.inject(event)
            let (again, events) = try await next(status, Self.addresses)
            #expect(Self.recoveries(events).first == reason, "\(event) on \(profileName): \(Self.recoveries(events))")
            #expect(!again.isEmpty)
            guard case .connected = await session.modem.state else {
                Issue.record("\(event) on \(profileName): not connected again")
                break
            }
        }
        await session.stop()
    }
}

/// Layer 5: the recovery paths that need the network or the modem to misbehave for a while.
@Suite("Modem lifecycle: denial and AT silence against the virtual modem", .serialized)
struct ModemLifecycleFaultEndToEndTests {
    typealias E2E = ModemLifecycleEndToEndTests

    @Test("registration denied: the reject cause is reported, and data comes up once the network accepts")
    func denied() async throws {
        let profile = try #require(VirtualModemProfile.named("simcom-sim7600"))
        let (session, status) = try await E2E().start(profile)
        _ = try await E2E().next(status, E2E.addresses)
        await session.vm.runner.inject(.register(.denied(cause: 15)))
        let (cause, events) = try await E2E().next(status) { event -> Int?? in
            if case .stateChanged(.recovering(_, .registrationDenied(let cause))) = event { return .some(cause) }
            return nil
        }
        #expect(cause == 15)
        #expect(events.contains { if case .registrationChanged(let r) = $0 { r.status == .denied && r.rejectCause == 15 } else { false } })
        await session.vm.runner.inject(.register(.home))
        let (addresses, _) = try await E2E().next(status, E2E.addresses)
        #expect(!addresses.isEmpty)
        await session.stop()
    }

    @Test("N consecutive AT timeouts: recovery probes until the modem answers again")
    func silence() async throws {
        let profile = try #require(VirtualModemProfile.named("quectel-bg96"))
        var lifecycle = E2E.lifecycle
        lifecycle.consecutiveTimeoutLimit = 2
        let (session, status) = try await E2E().start(profile, lifecycle: lifecycle)
        _ = try await E2E().next(status, E2E.addresses)
        var faults = FaultPlan()
        faults.dropResponse = 1
        await session.vm.runner.setFaults(faults)
        _ = try await E2E().next(status) { event -> Bool? in
            if case .stateChanged(.recovering(_, .unresponsive)) = event { return true }
            return nil
        }
        await session.vm.runner.setFaults(FaultPlan())
        let (addresses, _) = try await E2E().next(status, E2E.addresses)
        #expect(!addresses.isEmpty)
        await session.stop()
    }
}
