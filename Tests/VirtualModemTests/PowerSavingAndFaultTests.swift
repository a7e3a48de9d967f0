import Testing
import VirtualModem

@Suite("Virtual modem: PSM, eDRX and faults")
struct PowerSavingAndFaultTests {
    @Test("PSM: asleep after the active time, deaf until T3412 or the power key")
    func psmSleep() {
        var harness = ModemHarness(VirtualModemConfiguration(profile: .quectelBG96))
        _ = harness.send("ATE0;+CEREG=4")
        // T3412 = 6 × 10 min = 1 h, T3324 = 1 × 1 min.
        #expect(harness.send("AT+CPSMS=1,,,\"00000110\",\"00100001\"") == "\r\nOK\r\n")
        #expect(harness.send("AT+CPSMS?") == "\r\n+CPSMS: 1,,,\"00000110\",\"00100001\"\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CEREG?") == "\r\n+CEREG: 4,1,\"1A2B\",\"01A2B3C4\",8,,,\"00100001\",\"00000110\"\r\n\r\nOK\r\n")
        harness.advance(by: .seconds(59))
        #expect(harness.send("AT") == "\r\nOK\r\n")  // activity restarts the active timer
        harness.advance(by: .seconds(61))
        #expect(harness.send("AT") == "")           // asleep
        #expect(harness.modem.status.power == "asleep")
        // An SMS while asleep waits; the modem wakes at the periodic TAU.
        harness.advance(by: .seconds(3600))
        #expect(harness.modem.status.power == "on")
        #expect(harness.send("AT") == "\r\nOK\r\n")
        harness.advance(by: .seconds(61))
        #expect(harness.modem.status.power == "asleep")
        _ = harness.modem.inject(.powerKey, at: harness.modem.now)
        #expect(harness.send("AT") == "\r\nOK\r\n")
        #expect(harness.modem.status.psmSleeps == 2)
    }

    @Test("PSM timer octets are checked; eDRX is reported")
    func psmParameters() {
        var harness = ModemHarness(VirtualModemConfiguration(profile: .ubloxSARAR4))
        _ = harness.send("ATE0;+CMEE=1")
        #expect(harness.send("AT+CPSMS=1,,,\"0000011\",\"00100001\"") == "\r\n+CME ERROR: 50\r\n")
        #expect(harness.send("AT+CEDRXS=2,4,\"1101\"") == "\r\nOK\r\n\r\n+CEDRXP: 4,\"1101\",\"1101\",\"0011\"\r\n")
        #expect(harness.send("AT+CEDRXS?") == "\r\n+CEDRXS: 4,\"1101\"\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CEDRXRDP") == "\r\n+CEDRXRDP: 4,\"1101\",\"1101\",\"0011\"\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CEDRXS=1,4,\"12\"") == "\r\n+CME ERROR: 50\r\n")
    }

    @Test("one-off faults: dropped, delayed and CME-failed answers, URC inside a response")
    func oneOffFaults() {
        var harness = ModemHarness()
        _ = harness.send("ATE0;+CMEE=1")
        _ = harness.modem.inject(.dropNextResponse, at: harness.modem.now)
        #expect(harness.send("AT+CGMI") == "\r\nModemKit\r\n")
        _ = harness.modem.inject(.delayNextResponse(milliseconds: 1500), at: harness.modem.now)
        #expect(harness.send("AT+CGMI") == "")
        #expect(harness.advance(by: .milliseconds(1499)) == "")
        #expect(harness.advance(by: .milliseconds(1)) == "\r\nModemKit\r\n\r\nOK\r\n")
        _ = harness.modem.inject(.cmeErrorOnNext(code: 30), at: harness.modem.now)
        #expect(harness.send("AT+COPS?") == "\r\n+CME ERROR: 30\r\n")
        _ = harness.modem.inject(.urcInsideNextResponse(urc: "+CEREG: 2"), at: harness.modem.now)
        #expect(harness.send("AT+CEREG?") == "\r\n+CEREG: 0,1\r\n\r\n+CEREG: 2\r\n\r\nOK\r\n")
        let storm = harness.text(harness.modem.inject(.urcStorm(urc: "+CSQ: 1,99", count: 3), at: harness.modem.now))
        #expect(storm == String(repeating: "\r\n+CSQ: 1,99\r\n", count: 3))
    }

    @Test("reboot in the middle of a command: no answer, then the boot URCs")
    func rebootMidCommand() {
        var harness = ModemHarness(VirtualModemConfiguration(profile: .simcomSIM800))
        _ = harness.send("ATE0")
        _ = harness.modem.inject(.rebootDuringNextCommand, at: harness.modem.now)
        #expect(harness.send("AT+CSQ") == "")
        let after = harness.advance(by: .seconds(10))
        #expect(after.hasPrefix("\r\nRDY\r\n"))
        #expect(harness.send("AT") == "AT\r\r\nOK\r\n")
    }

    @Test("a random fault plan with a seed fails the same way every run")
    func seededFaults() {
        func run() -> String {
            var harness = ModemHarness(VirtualModemConfiguration(profile: .generic, seed: 11))
            var plan = FaultPlan()
            plan.dropResponse = 0.2
            plan.urcInsideResponse = 0.3
            plan.garbage = 0.1
            _ = harness.modem.setFaults(plan, at: harness.modem.now)
            _ = harness.send("ATE0")
            var transcript = ""
            for _ in 0..<50 {
                transcript += harness.send("AT+CGMI")
                transcript += harness.advance(by: .seconds(1))
            }
            return transcript
        }
        let first = run()
        #expect(first == run())
        #expect(first.contains("+CSQ: 9,99"))
        #expect(first.split(separator: "OK", omittingEmptySubsequences: false).count - 1 < 50)
    }
}
