import ATCodec
import ModemCore
import Testing

/// Layer 3: baud detection in the probe as event-by-event transcripts.
@Suite("Lifecycle state machine: baud detection")
struct LifecycleBaudDetectionTests {
    typealias T = LifecycleTranscript

    static func configuration(detection: Lifecycle.BaudDetection?) -> Lifecycle.Configuration {
        var configuration = T.configuration()
        configuration.probeAttempts = 2
        configuration.baudRate = 115_200
        configuration.baudDetection = detection
        return configuration
    }

    /// Starts and lets the probes at the configured rate time out.
    static func silentAtConfiguredRate(_ detection: Lifecycle.BaudDetection?) -> (T, [Lifecycle.Action]) {
        var t = T(configuration(detection: detection))
        t.handle(.started)
        t.fail(.timedOut)
        let actions = t.fail(.timedOut)
        return (t, actions)
    }

    @Test("silent at 115200: switch to each candidate, probe it up to three times, keep the first that answers")
    func detects() {
        let detection = Lifecycle.BaudDetection(candidates: [115_200, 57_600, 9600])
        var (t, actions) = Self.silentAtConfiguredRate(detection)
        // 115200 already failed: the first other candidate, and no AT until the port switched.
        #expect(actions == [.publish(.stateChanged(.detectingBaud(rate: 57_600, attempt: 1))), .setBaudRate(57_600)])
        #expect(t.handle(.baudRateChanged(57_600)) == [.send(id: 3, .probe)])
        #expect(t.machine.baudRate == 57_600)
        #expect(t.fail(.timedOut) == [.publish(.stateChanged(.detectingBaud(rate: 57_600, attempt: 2))), .send(id: 4, .probe)])
        t.fail(.timedOut)
        #expect(t.fail(.timedOut) == [.publish(.stateChanged(.detectingBaud(rate: 9600, attempt: 1))), .setBaudRate(9600)])
        #expect(t.handle(.baudRateChanged(9600)) == [.send(id: 6, .probe)])
        // Autobaud: the first AT locks the modem on, the second is answered.
        t.fail(.timedOut)
        #expect(t.reply(.ok) == [
            .publish(.baudRateDetected(9600)), .publish(.stateChanged(.configuring(step: 0))), .send(id: 8, .echoOff),
        ])
        #expect(t.machine.detectedBaudRate == 9600)
        // Never AT+IPR unless asked.
        #expect(!t.machine.configurationRequests.contains(.fixBaudRate(9600)))
    }

    @Test("with fixRate, AT+IPR=<rate> is the first configuration step; a refusal is not fatal")
    func fixesRate() {
        var (t, _) = Self.silentAtConfiguredRate(.init(candidates: [9600], fixRate: true))
        t.handle(.baudRateChanged(9600))
        #expect(t.reply(.ok) == [
            .publish(.baudRateDetected(9600)), .publish(.stateChanged(.configuring(step: 0))), .send(id: 4, .fixBaudRate(9600)),
        ])
        #expect("\(Lifecycle.Request.fixBaudRate(9600))" == "AT+IPR=9600")
        #expect(T.requests(t.fail(.rejected(.error))) == [.echoOff])
    }

    @Test("no candidate answers: a typed failure naming every rate, back to the configured rate, backoff")
    func exhausted() {
        var (t, _) = Self.silentAtConfiguredRate(.init(candidates: [9600], probesPerRate: 1))
        t.handle(.baudRateChanged(9600))
        let failure = ProbeFailure(baudRates: [115_200, 9600], detectionEnabled: true)
        #expect(t.fail(.timedOut) == [
            .publish(.probeFailed(failure)), .setBaudRate(115_200),
            .publish(.stateChanged(.recovering(attempt: 1, reason: .unresponsive))), .startTimer(.backoff, .seconds(1)),
        ])
        #expect(t.handle(.baudRateChanged(115_200)).isEmpty)
        #expect(t.machine.baudRate == 115_200)
        #expect(T.requests(t.handle(.timerFired(.backoff))) == [.probe])
    }

    @Test("detection off: the failure names the rate and suggests detection")
    func detectionOff() {
        let (_, actions) = Self.silentAtConfiguredRate(nil)
        let failure = ProbeFailure(baudRates: [115_200], detectionEnabled: false)
        #expect(actions == [
            .publish(.probeFailed(failure)),
            .publish(.stateChanged(.recovering(attempt: 1, reason: .unresponsive))), .startTimer(.backoff, .seconds(1)),
        ])
        #expect(failure.description.contains("did not answer AT at 115200 bit/s"))
        #expect(failure.description.contains("--detect-baud"))
    }

    @Test("a rate the transport cannot take is skipped; a transport without a line speed ends detection")
    func switchFails() {
        var (t, _) = Self.silentAtConfiguredRate(.init(candidates: [9600, 19_200]))
        #expect(t.handle(.baudRateChangeFailed(9600, reason: "no")) == [
            .publish(.stateChanged(.detectingBaud(rate: 19_200, attempt: 1))), .setBaudRate(19_200),
        ])
        let actions = t.handle(.baudRateChangeFailed(19_200, reason: "no"))
        #expect(actions.first == .publish(.probeFailed(ProbeFailure(baudRates: [115_200], detectionEnabled: true))))
        #expect(!actions.contains(.setBaudRate(115_200)))   // never left it
        #expect(t.state == .recovering(attempt: 1, reason: .unresponsive))
    }

    @Test("boot lines and stale completions during detection change nothing")
    func ignoresNoise() {
        var (t, _) = Self.silentAtConfiguredRate(.init(candidates: [9600]))
        #expect(t.urc("RDY").isEmpty)
        #expect(t.handle(.completed(id: 1, .success(.ok))).isEmpty)
        #expect(t.handle(.baudRateChanged(19_200)).isEmpty)   // not the rate asked for
        #expect(t.state == .detectingBaud(rate: 9600, attempt: 1))
    }
}
