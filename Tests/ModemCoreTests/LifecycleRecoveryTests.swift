import ATCodec
import ModemCore
import Testing

/// Layer 3: supervision and every recovery path, each from a connected modem.
@Suite("Lifecycle state machine: supervision and recovery")
struct LifecycleRecoveryTests {
    typealias T = LifecycleTranscript

    static func connected() -> T {
        var t = T()
        t.bringUp()
        return t
    }

    @Test("boot URCs mean a reboot: backoff, then the whole bring-up again", arguments: ["RDY", "+CFUN: 1"])
    func reboot(line: String) {
        var t = Self.connected()
        #expect(t.urc(line) == [
            .cancelTimer(.supervision), .publish(.stateChanged(.recovering(attempt: 1, reason: .rebooted))),
            .startTimer(.backoff, .seconds(1)),
        ])
        #expect(t.urc("+CPIN: READY").isEmpty)   // the rest of the boot lines
        #expect(t.urc("RDY").isEmpty)
        #expect(T.requests(t.handle(.timerFired(.backoff))) == [.probe])
        #expect(t.machine.registrations.isEmpty)
        #expect(t.urc("+CFUN: 1") == [])          // boot lines while probing are expected
    }

    @Test("a command cut short by a reboot, and a read showing lost settings (u-blox), mean a reboot")
    func silentReboot() throws {
        var cut = Self.connected()
        cut.handle(.timerFired(.supervision))
        #expect(cut.fail(.modemRebooted).last == .startTimer(.backoff, .seconds(1)))
        #expect(cut.state == .recovering(attempt: 1, reason: .rebooted))

        var silent = Self.connected()
        silent.handle(.timerFired(.supervision))
        silent.reply(.registration(try Registration.parse("+CEREG: 0,2", form: .read)))
        #expect(silent.state == .recovering(attempt: 1, reason: .rebooted))
    }

    @Test("N consecutive timeouts mean the modem is gone; a success in between resets the count")
    func unresponsive() {
        var t = Self.connected()
        t.handle(.timerFired(.supervision))
        #expect(T.requests(t.fail(.timedOut)) == [.readSignal])
        #expect(t.fail(.timedOut) == [.startTimer(.supervision, .seconds(30))])
        t.handle(.timerFired(.supervision))
        #expect(t.fail(.timedOut) == [
            .publish(.stateChanged(.recovering(attempt: 1, reason: .unresponsive))),
            .startTimer(.backoff, .seconds(1)),
        ])
        var reset = Self.connected()
        reset.handle(.timerFired(.supervision))
        reset.fail(.timedOut)
        reset.reply(.signal(rssiDBm: -80))
        reset.handle(.timerFired(.supervision))
        reset.fail(.timedOut)
        #expect(reset.state == .connected([T.address]))
    }

    @Test("registration lost: backoff, wait for the URC, then attach and reactivate")
    func registrationLost() throws {
        var t = Self.connected()
        let lost = try Registration.parse("+CEREG: 2", form: .unsolicited)
        #expect(t.urc("+CEREG: 2") == [
            .publish(.registrationChanged(lost)), .cancelTimer(.supervision),
            .publish(.stateChanged(.recovering(attempt: 1, reason: .registrationLost))), .startTimer(.backoff, .seconds(1)),
        ])
        #expect(T.requests(t.handle(.timerFired(.backoff))) == [.readRegistration(.eps)])
        t.reply(.registration(try Registration.parse("+CEREG: 3,2", form: .read)))
        #expect(t.state == .awaitingRegistration)
        #expect(T.requests(t.urc(T.home)) == [.attach])
        t.reply(.ok)
        // LTE brought cid 1 up again with the network's APN: take it down and redefine.
        #expect(T.requests(t.fail(.rejected(.cmeError(.operationNotAllowed)))) == [.deactivateContext(cid: 1)])
        #expect(T.requests(t.reply(.ok)) == [.defineContext(cid: 1, type: .ip, apn: "")])
        #expect(T.requests(t.reply(.ok)) == [.activateContext(cid: 1)])
        t.reply(.ok)
        t.reply(.addresses([T.address]))
        #expect(t.state == .connected([T.address]))
    }

    @Test("PDP deactivated, by each dialect's URC: backoff, then attach and reactivate", arguments: [
        "+CGEV: NW PDN DEACT 1", "+CGEV: PDN DEACT 1", "+CGEV: NW DETACH", "+CGEV: NW DEACT \"IP\",\"10.64.1.2\",1",
        "+QIURC: \"pdpdeact\",1", "+PDP: DEACT", "+UUPSDD: 0",
    ])
    func pdpDeactivated(line: String) {
        var t = Self.connected()
        #expect(t.urc(line) == [
            .cancelTimer(.supervision), .publish(.stateChanged(.recovering(attempt: 1, reason: .pdpDeactivated))),
            .startTimer(.backoff, .seconds(1)),
        ])
        #expect(T.requests(t.handle(.timerFired(.backoff))) == [.attach])
    }

    @Test("other contexts and the modem's own deactivations are not a loss", arguments: [
        "+CGEV: NW PDN DEACT 2", "+CGEV: ME PDN DEACT 1", "+QIURC: \"pdpdeact\",2", "+QIURC: \"closed\",0", "+CGEV: ME PDN ACT 1",
    ])
    func notALoss(line: String) {
        var t = Self.connected()
        #expect(t.urc(line).isEmpty)
        #expect(t.state == .connected([T.address]))
    }

    @Test("denial carries the reject cause and recovers by waiting for registration")
    func denied() throws {
        var t = T()
        t.bootToRegistration()
        let denied = try Registration.parse("+CEREG: 3,,,,0,15", form: .unsolicited)
        #expect(denied.rejectCause == 15)
        #expect(t.urc("+CEREG: 3,,,,0,15") == [
            .publish(.registrationChanged(denied)), .cancelTimer(.registrationPoll), .cancelTimer(.registrationTimeout),
            .publish(.stateChanged(.recovering(attempt: 1, reason: .registrationDenied(rejectCause: 15)))),
            .startTimer(.backoff, .seconds(1)),
        ])
        #expect(T.requests(t.handle(.timerFired(.backoff))) == [.readRegistration(.eps)])
        // Denied again: the backoff doubles.
        t.reply(.registration(try Registration.parse("+CEREG: 3,3,,,,0,15", form: .read)))
        #expect(t.state == .recovering(attempt: 2, reason: .registrationDenied(rejectCause: 15)))
    }

    @Test("backoff doubles to its cap while recovery fails, and starts over once connected")
    func backoffGrowth() {
        var t = Self.connected()
        var delays: [Duration] = []
        for case .startTimer(.backoff, let delay) in t.urc("+PDP: DEACT") { delays.append(delay) }
        for _ in 0..<5 {
            t.handle(.timerFired(.backoff))                    // AT+CGATT=1
            for case .startTimer(.backoff, let delay) in t.fail(.rejected(.error)) { delays.append(delay) }
        }
        #expect(delays == [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(8), .seconds(8)])
        t.handle(.timerFired(.backoff))
        t.reply(.ok); t.reply(.ok); t.reply(.ok)
        t.reply(.addresses([T.address]))
        #expect(t.state == .connected([T.address]))
        #expect(t.urc("+PDP: DEACT").last == .startTimer(.backoff, .seconds(1)))
    }

    @Test("jitter is drawn from the seed: same seed, same waits, within the jitter range")
    func seededJitter() {
        let backoff = Lifecycle.Backoff(initial: .seconds(10), maximum: .seconds(10), jitter: 0.2)
        #expect(backoff.delay(attempt: 1, unit: 0) == .seconds(8))
        #expect(backoff.delay(attempt: 1, unit: 0.5) == .seconds(10))
        #expect(backoff.delay(attempt: 3, unit: 0.999_999) == .milliseconds(12_000))

        func delays(seed: UInt64) -> [Duration] {
            var machine = Lifecycle(configuration: .init(probeAttempts: 1, backoff: .init(initial: .seconds(10), maximum: .seconds(10), jitter: 0.2, seed: seed)))
            var result: [Duration] = []
            var id: UInt64 = 0
            for case .send(let sent, _) in machine.handle(.started) { id = sent }
            for _ in 0..<6 {
                for case .startTimer(.backoff, let delay) in machine.handle(.completed(id: id, .failure(.timedOut))) { result.append(delay) }
                for case .send(let sent, _) in machine.handle(.timerFired(.backoff)) { id = sent }
            }
            return result
        }
        let first = delays(seed: 7)
        #expect(first.count == 6)
        #expect(first == delays(seed: 7))
        #expect(first != delays(seed: 8))
        #expect(Set(first).count > 1)
        for delay in first { #expect(delay >= .seconds(8) && delay <= .seconds(12)) }
    }
}
