import ATCodec
import ModemCore
import Testing

/// Layer 3: PSM and eDRX. Requested while configuring; the grant read from `+CEREG`; a modem
/// asleep in PSM is waited for, not recovered.
@Suite("Lifecycle state machine: PSM and eDRX")
struct LifecyclePowerSavingTests {
    typealias T = LifecycleTranscript

    static let tau = GPRSTimer(bits: "00000110", coding: .timer3)!     // 1 h
    static let active = GPRSTimer(bits: "00000101", coding: .timer2)!  // 10 s
    /// A home registration at <n> 5 granting active 10 s and TAU 1 h (field order of TS 27.007).
    static let granted = "+CEREG: 1,\"1A2B\",\"01A2D001\",8,,,\"00000101\",\"00000110\""

    static func configuration(edrx: Bool = false) throws -> Lifecycle.Configuration {
        var configuration = T.configuration()
        configuration.powerSaving = PowerSavingSettings(
            psm: try .init(periodicTAU: .seconds(3600), activeTime: .seconds(10)),
            edrx: edrx ? .init(accessType: .lteM, value: CEDRXS.Value(bits: "0101")!) : nil
        )
        return configuration
    }

    /// Brought up over the granting URC.
    static func connected() throws -> T {
        var t = T(try configuration())
        t.bootToRegistration()
        t.urc(granted)
        t.reply(.ok)                                   // +CGATT=1
        t.reply(.ok)                                   // +CGDCONT
        t.reply(.ok)                                   // +CGACT=1,1
        t.reply(.addresses([T.address]))
        t.reply(.networkOperator(name: "Virtual", technology: AccessTechnology(code: 8)))
        t.reply(.signal(rssiDBm: -71))
        return t
    }

    /// Connected, then asleep: a supervision read timed out.
    static func asleep() throws -> T {
        var t = try connected()
        t.handle(.timerFired(.supervision))
        t.fail(.timedOut)
        return t
    }

    @Test("PSM raises registration reporting to 5 and is requested with the TS 24.008 encodings, then eDRX")
    func requests() throws {
        let machine = Lifecycle(configuration: try Self.configuration(edrx: true))
        #expect(machine.configurationRequests == [
            .echoOff, .verboseErrors,
            .registrationReporting(.circuitSwitched, .locationAndCause),
            .registrationReporting(.gprs, .locationPSMAndCause),
            .registrationReporting(.eps, .locationPSMAndCause),
            .packetEventReporting,
            .requestPSM(periodicTAU: Self.tau, activeTime: Self.active),
            .requestEDRX(.lteM, CEDRXS.Value(bits: "0101")!),
        ])
        #expect(Lifecycle.Request.requestPSM(periodicTAU: Self.tau, activeTime: Self.active).description
            == "AT+CPSMS=1,,,\"00000110\",\"00000101\"")
        #expect(Lifecycle(configuration: T.configuration()).configurationRequests.count == 6)
    }

    @Test("a modem refusing +CPSMS or +CEDRXS still comes up")
    func refusedRequests() throws {
        var t = T(try Self.configuration(edrx: true))
        t.handle(.started)
        t.reply(.ok)
        for _ in 0..<6 { t.reply(.ok) }
        let psm = t.fail(.rejected(.error))
        #expect(psm.first == .publish(.powerSavingRefused(request: "AT+CPSMS=1,,,\"00000110\",\"00000101\"", .rejected(.error))))
        #expect(T.requests(psm) == [.requestEDRX(.lteM, CEDRXS.Value(bits: "0101")!)])
        #expect(T.requests(t.fail(.rejected(.cmeError(.operationNotSupported)))) == [.identify])
    }

    @Test("the grant in +CEREG is published once per change")
    func grantPublished() throws {
        var t = T(try Self.configuration())
        t.bootToRegistration()
        let registration = try Registration.parse(Self.granted, form: .unsolicited)
        let grant = PowerSavingGrant(activeTime: Self.active, periodicUpdate: Self.tau)
        let actions = t.urc(Self.granted)
        #expect(Array(actions.prefix(2)) == [.publish(.registrationChanged(registration)), .publish(.powerSavingGranted(grant))])
        #expect(t.machine.powerSavingGrant == grant)
        t.reply(.ok)
        #expect(!t.urc(Self.granted).contains(.publish(.powerSavingGranted(grant))))
        let refused = "+CEREG: 1,\"1A2B\",\"01A2D001\",8,,,\"11100000\",\"11100000\""
        let off = PowerSavingGrant(activeTime: .deactivated(.timer2), periodicUpdate: .deactivated(.timer3))
        #expect(t.urc(refused).contains(.publish(.powerSavingGranted(off))))
        #expect(!off.allowsSleep)
    }

    @Test("connected with PSM granted: a supervision timeout is sleep, probed until the modem answers, then connected again")
    func sleepAndWake() throws {
        var t = try Self.connected()
        #expect(T.requests(t.handle(.timerFired(.supervision))) == [.readRegistration(.eps)])
        #expect(t.fail(.timedOut) == [
            .publish(.stateChanged(.sleeping(addresses: [T.address]))),
            .startTimer(.wakeProbe, .seconds(10)),
            .startTimer(.wakeDeadline, .seconds(3660)),
        ])
        let probe = t.lastID + 1
        #expect(t.handle(.timerFired(.wakeProbe)) == [.send(id: probe, .probe), .startTimer(.wakeProbe, .seconds(10))])
        // Silence is expected: no recovery, however many probes time out.
        for _ in 0..<5 {
            #expect(t.fail(.timedOut).isEmpty)
            t.handle(.timerFired(.wakeProbe))
        }
        #expect(t.state == .sleeping(addresses: [T.address]))
        let next = t.lastID + 1
        #expect(t.reply(.ok) == [
            .cancelTimer(.wakeDeadline), .cancelTimer(.wakeProbe),
            .publish(.stateChanged(.connected([T.address]))), .publish(.addressesAssigned([T.address])),
            .send(id: next, .readOperator),
        ])
    }

    @Test("a URC wakes the lifecycle and is then handled (a lost registration recovers)")
    func urcWakes() throws {
        var t = try Self.asleep()
        let actions = t.urc("+CEREG: 2")
        #expect(actions.contains(.publish(.stateChanged(.connected([T.address])))))
        #expect(t.state == .recovering(attempt: 1, reason: .registrationLost))
    }

    @Test("silence past the granted TAU plus the grace is a failure")
    func wakeDeadline() throws {
        var t = try Self.asleep()
        t.handle(.timerFired(.wakeDeadline))
        #expect(t.state == .recovering(attempt: 1, reason: .unresponsive))
    }

    @Test("a boot line while asleep is a reboot")
    func rebootWhileAsleep() throws {
        var t = try Self.asleep()
        t.urc("RDY")
        #expect(t.state == .recovering(attempt: 1, reason: .rebooted))
    }

    @Test("without a grant, timeouts still count toward unresponsive")
    func noGrantNoSleep() {
        var t = T()
        t.bringUp()
        for _ in 0..<3 {
            t.handle(.timerFired(.supervision))
            t.fail(.timedOut)
        }
        #expect(t.state == .recovering(attempt: 1, reason: .unresponsive))
    }

    @Test("PSM durations that no unit holds are refused before anything is sent")
    func invalidDurations() {
        #expect(throws: PowerSavingSettingsError.self) { try PowerSavingSettings.PSM(periodicTAU: .seconds(-1), activeTime: .seconds(10)) }
        #expect(throws: PowerSavingSettingsError.self) { try PowerSavingSettings.PSM(periodicTAU: .seconds(3600), activeTime: .seconds(187 * 60)) }
    }
}
