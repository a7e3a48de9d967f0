import ATCodec
import ModemCore
import Testing

/// Layer 3: retries left and the PUK. The PUK is sent once, only when the user gives it.
@Suite("Lifecycle state machine: SIM retries and PUK")
struct LifecyclePUKTests {
    typealias T = LifecycleTranscript

    /// Up to the SIM read, then the SIM asks for its PUK.
    func toPUKLock() -> T {
        var t = T.atSIM(T.configuration(pin: "1234"))
        t.reply(.sim(.simPUK))
        return t
    }

    @Test("a lock reads the retries left and publishes them; a failed read publishes them unknown")
    func retriesRead() {
        var t = T.atSIM(T.configuration())
        #expect(t.reply(.sim(.simPIN)) == [
            .publish(.stateChanged(.enteringPIN)), .publish(.stateChanged(.simLocked(.pinRequired))),
            .send(id: 10, .readSIMRetries),
        ])
        #expect(t.reply(.simRetries(SIMRetries(pin: 3, puk: 10))) == [.publish(.simRetriesChanged(SIMRetries(pin: 3, puk: 10)))])
        var failed = toPUKLock()
        #expect(failed.fail(.rejected(.error)) == [.publish(.simRetriesChanged(SIMRetries()))])
        #expect(failed.state == .simLocked(.pukRequired))
    }

    @Test("a refused PIN reads the retries too")
    func retriesAfterRefusedPIN() {
        var t = T.atSIM(T.configuration(pin: "1234"))
        t.reply(.sim(.simPIN))
        #expect(T.requests(t.fail(.rejected(.cmeError(.incorrectPassword)))) == [.readSIMRetries])
        #expect(t.reply(.simRetries(SIMRetries(pin: 2, puk: 10))) == [.publish(.simRetriesChanged(SIMRetries(pin: 2, puk: 10)))])
    }

    @Test("PUK locked: nothing is sent until the user gives the PUK, then once, and the bring-up resumes")
    func pukAccepted() {
        var t = toPUKLock()
        #expect(t.state == .simLocked(.pukRequired))
        t.reply(.simRetries(SIMRetries(pin: 0, puk: 10)))
        #expect(t.handle(.timerFired(.simRetry)).isEmpty)
        #expect(t.handle(.timerFired(.backoff)).isEmpty)
        #expect(t.handle(.pukProvided(puk: "12345678", newPIN: "4321")) == [
            .publish(.stateChanged(.enteringPUK)), .send(id: 11, .enterPUK(puk: "12345678", newPIN: "4321")),
        ])
        #expect(t.reply(.ok) == [.publish(.stateChanged(.checkingSIM(attempt: 1))), .send(id: 12, .readSIM)])
        #expect(T.requests(t.reply(.sim(.ready))) == [.readRegistration(.eps)])
        #expect(t.state == .awaitingRegistration)
    }

    @Test("after a PUK, a SIM asking for a PIN (a reboot) gets the new PIN, not the configured one")
    func newPINAfterReboot() {
        var t = toPUKLock()
        t.handle(.pukProvided(puk: "12345678", newPIN: "4321"))
        t.reply(.ok)
        t.reply(.sim(.ready))
        t.urc("RDY")
        t.handle(.timerFired(.backoff))
        t.reply(.ok)
        for _ in t.machine.configurationRequests { t.reply(.ok) }
        t.reply(.identity(T.identity))
        #expect(T.requests(t.reply(.sim(.simPIN))) == [.enterPIN("4321")])
    }

    @Test("a refused PUK locks again with the error; it is not resent, only a new one from the user is")
    func pukRejected() {
        var t = toPUKLock()
        t.handle(.pukProvided(puk: "12345678", newPIN: "4321"))
        #expect(t.fail(.rejected(.cmeError(.incorrectPassword))) == [
            .publish(.stateChanged(.simLocked(.pukRejected(.cmeError(.incorrectPassword))))),
            .send(id: 12, .readSIMRetries),
        ])
        #expect(t.reply(.simRetries(SIMRetries(pin: 0, puk: 9))) == [.publish(.simRetriesChanged(SIMRetries(pin: 0, puk: 9)))])
        #expect(t.handle(.timerFired(.simRetry)).isEmpty)
        #expect(t.handle(.pinProvided("1111")).isEmpty)
        #expect(T.requests(t.handle(.pukProvided(puk: "87654321", newPIN: "4321"))) == [.enterPUK(puk: "87654321", newPIN: "4321")])
    }

    @Test("a PUK timeout reads the SIM instead of sending the PUK again")
    func pukTimedOut() {
        var t = toPUKLock()
        t.handle(.pukProvided(puk: "12345678", newPIN: "4321"))
        #expect(T.requests(t.fail(.timedOut)) == [.readSIM])
        #expect(t.reply(.sim(.simPUK)) == [.publish(.stateChanged(.simLocked(.pukRequired))), .send(id: 13, .readSIMRetries)])
    }

    @Test("a PUK is ignored unless the SIM waits for one")
    func pukIgnoredElsewhere() {
        var t = T(T.configuration())
        #expect(t.handle(.pukProvided(puk: "12345678", newPIN: "4321")).isEmpty)
        t.bringUp()
        #expect(t.handle(.pukProvided(puk: "12345678", newPIN: "4321")).isEmpty)
        var pin = T.atSIM(T.configuration())
        pin.reply(.sim(.simPIN))
        #expect(pin.handle(.pukProvided(puk: "12345678", newPIN: "4321")).isEmpty)
    }

    @Test("the PUK never shows in a request's description")
    func pukRedacted() {
        let request = Lifecycle.Request.enterPUK(puk: "12345678", newPIN: "4321")
        #expect(request.description == "AT+CPIN=***,***")
    }
}

extension LifecyclePUKTests {
    @Test("a refused PIN that spent the last attempt (0 left) is a PUK lock")
    func lastPINAttempt() {
        var t = T.atSIM(T.configuration(pin: "1234"))
        t.reply(.sim(.simPIN))
        t.fail(.rejected(.cmeError(.incorrectPassword)))
        #expect(t.reply(.simRetries(SIMRetries(pin: 0, puk: 10))) == [
            .publish(.stateChanged(.simLocked(.pukRequired))), .send(id: 12, .readSIMRetries),
            .publish(.simRetriesChanged(SIMRetries(pin: 0, puk: 10))),
        ])
        #expect(T.requests(t.handle(.pukProvided(puk: "12345678", newPIN: "4321"))) == [.enterPUK(puk: "12345678", newPIN: "4321")])
    }
}
