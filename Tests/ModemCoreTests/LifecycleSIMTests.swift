import ATCodec
import ModemCore
import Testing

/// Layer 3: SIM handling. A refused PIN is never entered again by itself.
@Suite("Lifecycle state machine: SIM and PIN")
struct LifecycleSIMTests {
    typealias T = LifecycleTranscript

    mutating func toSIM(_ configuration: Lifecycle.Configuration) -> T {
        T.atSIM(configuration)
    }

    @Test("PIN entered once, then the SIM is read again")
    mutating func pinAccepted() {
        var t = toSIM(T.configuration(pin: "1234"))
        #expect(t.reply(.sim(.simPIN)) == [.publish(.stateChanged(.enteringPIN)), .send(id: 10, .enterPIN("1234"))])
        #expect(t.reply(.ok) == [.publish(.stateChanged(.checkingSIM(attempt: 1))), .send(id: 11, .readSIM)])
        #expect(T.requests(t.reply(.sim(.ready))) == [.readRegistration(.eps)])
    }

    @Test("a wrong PIN locks: no retry, not after a reboot either, until the user gives one")
    mutating func pinRejected() {
        var t = toSIM(T.configuration(pin: "1234"))
        t.reply(.sim(.simPIN))
        #expect(t.fail(.rejected(.cmeError(.incorrectPassword))) == [
            .publish(.stateChanged(.simLocked(.pinRejected(.cmeError(.incorrectPassword))))),
            .send(id: 11, .readSIMRetries),
        ])
        #expect(t.handle(.timerFired(.simRetry)).isEmpty)
        // A reboot restarts the bring-up, but the refused PIN is not entered again.
        t.urc("RDY")
        t.handle(.timerFired(.backoff))
        t.reply(.ok)
        for _ in t.machine.configurationRequests { t.reply(.ok) }
        t.reply(.identity(T.identity))
        #expect(t.reply(.sim(.simPIN)) == [
            .publish(.stateChanged(.enteringPIN)), .publish(.stateChanged(.simLocked(.pinRequired))),
            .send(id: 21, .readSIMRetries),
        ])
        // The user's PIN is entered once.
        #expect(T.requests(t.handle(.pinProvided("4321"))) == [.enterPIN("4321")])
        #expect(T.requests(t.reply(.ok)) == [.readSIM])
        #expect(T.requests(t.reply(.sim(.ready))) == [.readRegistration(.eps)])
    }

    @Test("the SIM still asking for the PIN after OK counts as a refusal")
    mutating func pinStillRequired() {
        var t = toSIM(T.configuration(pin: "1234"))
        t.reply(.sim(.simPIN))
        t.reply(.ok)
        #expect(t.reply(.sim(.simPIN)) == [.publish(.stateChanged(.simLocked(.pinRejected(nil)))), .send(id: 12, .readSIMRetries)])
    }

    @Test("no PIN configured; PUK reported; no SIM; other codes; SIM failure")
    mutating func locks() {
        var none = toSIM(T.configuration())
        #expect(none.reply(.sim(.simPIN)).suffix(2) == [.publish(.stateChanged(.simLocked(.pinRequired))), .send(id: 10, .readSIMRetries)])
        var puk = toSIM(T.configuration(pin: "1234"))
        #expect(puk.reply(.sim(.simPUK)) == [.publish(.stateChanged(.simLocked(.pukRequired))), .send(id: 10, .readSIMRetries)])
        #expect(puk.handle(.pinProvided("1111")).isEmpty)   // a PIN does not help a PUK lock
        var pukByError = toSIM(T.configuration(pin: "1234"))
        pukByError.reply(.sim(.simPIN))
        #expect(pukByError.fail(.rejected(.cmeError(.simPUKRequired))) == [
            .publish(.stateChanged(.simLocked(.pukRequired))), .send(id: 11, .readSIMRetries),
        ])
        var absent = toSIM(T.configuration())
        #expect(absent.fail(.rejected(.cmeError(.simNotInserted))) == [.publish(.stateChanged(.simLocked(.notInserted)))])
        var absentWord = toSIM(T.configuration())
        #expect(absentWord.reply(.sim(.notInserted)) == [.publish(.stateChanged(.simLocked(.notInserted)))])
        var other = toSIM(T.configuration())
        #expect(other.reply(.sim(.phSIMPIN)) == [.publish(.stateChanged(.simLocked(.codeRequired(.phSIMPIN))))])
        var failed = toSIM(T.configuration())
        #expect(failed.fail(.rejected(.cmeError(.simFailure))) == [
            .publish(.stateChanged(.simLocked(.failure(CMEError.simFailure.text)))),
        ])
    }

    @Test("a busy SIM is read again after the retry interval, up to the limit")
    mutating func simBusy() {
        var t = toSIM(T.configuration())
        #expect(t.fail(.rejected(.cmeError(.simBusy))) == [
            .publish(.stateChanged(.checkingSIM(attempt: 2))), .startTimer(.simRetry, .seconds(1)),
        ])
        #expect(T.requests(t.handle(.timerFired(.simRetry))) == [.readSIM])
        #expect(t.reply(.sim(.notReady)) == [.publish(.stateChanged(.checkingSIM(attempt: 3))), .startTimer(.simRetry, .seconds(1))])
        t.handle(.timerFired(.simRetry))
        #expect(t.fail(.rejected(.cmeError(.simBusy))) == [
            .publish(.stateChanged(.simLocked(.failure(CMEError.simBusy.text)))),
        ])
    }
}
