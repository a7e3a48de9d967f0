import Testing
import VirtualModem

@Suite("Virtual modem: scenarios")
struct ScenarioTests {
    @Test("a scenario's timeline runs on the modem's clock")
    func timeline() throws {
        var scenario = Scenario()
        scenario.profile = "simcom-sim800"
        scenario.seed = 5
        scenario.network = .init(registration: "roaming", signal: .init(fixed: 14))
        scenario.timeline = [
            .init(at: 20, event: .init(registrationLost: 5)),
            .init(at: 40, event: .init(signal: 2)),
            .init(at: 50, fault: .dropNextResponse),
        ]
        var harness = ModemHarness(VirtualModemConfiguration(), booted: false)
        harness.modem = try VirtualModem(scenario: scenario)
        harness.advance(by: .seconds(10))
        _ = harness.send("ATE0;+CREG=1")
        #expect(harness.send("AT+CREG?") == "\r\n+CREG: 1,5\r\n\r\nOK\r\n")
        #expect(harness.advance(by: .seconds(12)) == "\r\n+CREG: 2\r\n")
        #expect(harness.advance(by: .seconds(5)) == "\r\n+CREG: 5\r\n")
        #expect(harness.send("AT+CSQ") == "\r\n+CSQ: 14,99\r\n\r\nOK\r\n")
        harness.advance(by: .seconds(15))
        #expect(harness.send("AT+CSQ") == "\r\n+CSQ: 2,99\r\n\r\nOK\r\n")
        harness.advance(by: .seconds(10))
        #expect(harness.send("AT") == "")
    }

    @Test("scenario mistakes are reported with where they are")
    func problems() {
        var scenario = Scenario()
        scenario.profile = "nokia-3310"
        #expect(throws: Scenario.Problem.self) { try scenario.configuration() }
        scenario.profile = nil
        scenario.network = .init(registration: "maybe")
        do {
            _ = try scenario.configuration()
            Issue.record("accepted")
        } catch {
            #expect(error.location == "network.registration")
        }
        scenario.network = nil
        scenario.timeline = [.init(at: 3)]
        do {
            _ = try scenario.steps()
            Issue.record("accepted")
        } catch {
            #expect(error.location == "timeline[0]")
        }
    }
}
