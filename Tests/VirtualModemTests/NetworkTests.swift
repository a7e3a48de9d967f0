import Testing
import VirtualModem

@Suite("Virtual modem: SIM, registration, packet domain")
struct NetworkTests {
    func configuration(_ profile: VirtualModemProfile = .generic) -> VirtualModemConfiguration {
        VirtualModemConfiguration(profile: profile, seed: 3)
    }

    @Test("registration progresses searching → home with URCs at every reporting level")
    func registrationURCs() {
        var harness = ModemHarness(configuration(), booted: false)
        harness.advance(by: .milliseconds(500))  // booted, SIM still busy
        _ = harness.send("ATE0")
        #expect(harness.send("AT+CPIN?") == "\r\nERROR\r\n")
        _ = harness.send("AT+CMEE=1")
        #expect(harness.send("AT+CIMI") == "\r\n+CME ERROR: 14\r\n")
        #expect(harness.send("AT+CREG=1;+CGREG=2;+CEREG=4") == "\r\nOK\r\n")
        let progress = harness.advance(by: .seconds(5))
        #expect(progress == "\r\n+CPIN: READY\r\n"
            + "\r\n+CREG: 2\r\n\r\n+CGREG: 2\r\n\r\n+CEREG: 2\r\n"
            + "\r\n+CREG: 1\r\n\r\n+CGREG: 1,\"1A2B\",\"01A2B3C4\",7\r\n\r\n+CEREG: 1,\"1A2B\",\"01A2B3C4\",7\r\n")
        #expect(harness.send("AT+CEREG?") == "\r\n+CEREG: 4,1,\"1A2B\",\"01A2B3C4\",7\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CREG=4") == "\r\n+CME ERROR: 50\r\n")
        #expect(harness.send("AT+CGATT?;+CGACT?") == "\r\n+CGATT: 1\r\n\r\n+CGACT: 1,1\r\n\r\nOK\r\n")
    }

    @Test("registration denied reports the reject cause with n=3")
    func denied() {
        var config = configuration()
        config.network.registration = .denied(cause: 15)
        var harness = ModemHarness(config, booted: false)
        harness.advance(by: .milliseconds(900))
        _ = harness.send("ATE0;+CEREG=3")
        let urcs = harness.advance(by: .seconds(5))
        #expect(urcs.contains("\r\n+CEREG: 3,,,,0,15\r\n"))
        #expect(harness.send("AT+CGATT=1") == "")  // tries to attach for a while
        #expect(harness.advance(by: .seconds(5)) == "\r\nERROR\r\n")  // +CME ERROR: 148 with +CMEE=0
    }

    @Test("PIN entry: wrong PINs count down to PUK, PUK sets a new PIN")
    func pinAndPuk() {
        var config = configuration()
        config.sim.pin = "1234"
        var harness = ModemHarness(config)
        _ = harness.send("ATE0;+CMEE=1")
        #expect(harness.send("AT+CPIN?") == "\r\n+CPIN: SIM PIN\r\n\r\nOK\r\n")
        #expect(harness.send("AT+COPS?") == "\r\n+COPS: 0\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CPIN=\"1111\"") == "\r\n+CME ERROR: 16\r\n")
        #expect(harness.send("AT+CPINR=\"SIM PIN\"") == "\r\n+CPINR: SIM PIN,2,3\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CPIN=\"2222\"") == "\r\n+CME ERROR: 16\r\n")
        #expect(harness.send("AT+CPIN=\"3333\"") == "\r\n+CME ERROR: 16\r\n\r\n+CPIN: SIM PUK\r\n")
        #expect(harness.send("AT+CPIN?") == "\r\n+CPIN: SIM PUK\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CPIN=\"1234\"") == "\r\n+CME ERROR: 50\r\n")  // PUK needs a new PIN
        #expect(harness.send("AT+CPIN=\"12345678\",\"4321\"") == "\r\nOK\r\n\r\n+CPIN: READY\r\n")
        #expect(harness.advance(by: .seconds(5)).contains("+CREG") == false)  // reporting is off
        #expect(harness.send("AT+CREG?") == "\r\n+CREG: 0,1\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CPWD=\"SC\",\"4321\",\"5555\"") == "\r\nOK\r\n")
        #expect(harness.send("AT+CLCK=\"SC\",2") == "\r\n+CLCK: 1\r\n\r\nOK\r\n")
    }

    @Test("an absent SIM answers +CME ERROR: 10 and never registers")
    func absentSIM() {
        var config = configuration()
        config.sim.present = false
        var harness = ModemHarness(config)
        _ = harness.send("ATE0;+CMEE=2")
        #expect(harness.send("AT+CPIN?") == "\r\n+CME ERROR: SIM not inserted\r\n")
        #expect(harness.send("AT+CREG?") == "\r\n+CREG: 0,0\r\n\r\nOK\r\n")
    }

    @Test("+COPS=? takes the scan time; manual selection of a forbidden network fails")
    func operators() {
        var harness = ModemHarness(configuration(.simcomSIM800))
        _ = harness.send("ATE0;+CMEE=1")
        #expect(harness.send("AT+COPS=?") == "")
        #expect(harness.send("AT") == "")  // busy: typed ahead
        let list = harness.advance(by: .seconds(3))
        #expect(list == "\r\n+COPS: (2,\"ModemKit Mobile\",\"MKM\",\"00101\",0),(1,\"Test Roam\",\"TRM\",\"00102\",0),(3,\"Closed Net\",\"CLN\",\"00103\",0),,(0-4),(0-2)\r\n\r\nOK\r\n\r\nOK\r\n")
        #expect(harness.send("AT+COPS=1,2,\"00103\"") == "\r\n+CME ERROR: 32\r\n")
        #expect(harness.send("AT+COPS=3,2;+COPS?") == "\r\n+COPS: 0,2,\"00101\",0\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CEREG?") == "\r\n+CME ERROR: 4\r\n")  // a 2G modem
    }

    @Test("PDP context define, activate, address, network deactivation with +CGEV")
    func pdp() {
        var harness = ModemHarness(configuration(.simcomSIM800))
        _ = harness.send("ATE0;+CMEE=1;+CGEREP=1")
        #expect(harness.send("AT+CGDCONT=1,\"IP\",\"internet\"") == "\r\nOK\r\n")
        #expect(harness.send("AT+CGDCONT=2,\"X25\",\"a\"") == "\r\n+CME ERROR: 50\r\n")
        #expect(harness.send("AT+CGDCONT=2,\"IP\",\"bad\"\"apn\"") == "\r\n+CME ERROR: 50\r\n")
        #expect(harness.send("AT+CGACT=1,1") == "")
        #expect(harness.advance(by: .seconds(1)) == "\r\nOK\r\n\r\n+CGEV: ME PDN ACT 1\r\n")
        let address = harness.send("AT+CGPADDR=1")
        #expect(address.hasPrefix("\r\n+CGPADDR: 1,\"10."))
        #expect(harness.modem.inject(.pdpDeactivated(cid: 1), at: harness.modem.now) == [.write(Array("\r\n+CGEV: NW PDN DEACT 1\r\n".utf8))])
        #expect(harness.send("AT+CGACT?") == "\r\n+CGACT: 1,0\r\n\r\nOK\r\n")
    }

    @Test("CFUN=0 deregisters; CFUN=1,1 reboots with the profile's boot URCs")
    func functionality() {
        var harness = ModemHarness(configuration(.quectelBG96))
        _ = harness.send("ATE0;+CREG=1")
        #expect(harness.send("AT+CFUN=0") == "\r\nOK\r\n\r\n+CREG: 0\r\n")  // the URC waits for the final result
        #expect(harness.send("AT+CFUN?") == "\r\n+CFUN: 0\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CFUN=1,1") == "\r\nOK\r\n")
        let boot = harness.advance(by: .seconds(20))
        #expect(boot.hasPrefix("\r\nPOWERED DOWN\r\n\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\n+QUSIM: 1\r\n\r\n+QIND: SMS DONE\r\n"))
        #expect(harness.send("AT") == "AT\r\r\nOK\r\n")  // echo is back on after the reset
        #expect(harness.modem.status.reboots == 1)
    }

    @Test("signal follows a scripted profile and an injected change")
    func signal() {
        var config = configuration()
        config.network.signal = .scripted([25, 12, 3])
        var harness = ModemHarness(config)
        _ = harness.send("ATE0")
        #expect(harness.send("AT+CSQ") == "\r\n+CSQ: 3,99\r\n\r\nOK\r\n")  // 30 s: the script has ended on 3
        _ = harness.modem.inject(.signal(rssi: 17), at: harness.modem.now)
        harness.advance(by: .seconds(60))
        #expect(harness.send("AT+CSQ") == "\r\n+CSQ: 17,99\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CESQ") == "\r\n+CESQ: 99,99,255,255,18,41\r\n\r\nOK\r\n")
    }

    @Test("the same seed gives the same random-walk signal")
    func reproducibleWalk() {
        func walk(seed: UInt64) -> [String] {
            var harness = ModemHarness(VirtualModemConfiguration(profile: .generic, seed: seed))
            _ = harness.send("ATE0")
            return (0..<20).map { _ in
                harness.advance(by: .seconds(5))
                return harness.send("AT+CSQ")
            }
        }
        #expect(walk(seed: 9) == walk(seed: 9))
        #expect(walk(seed: 9) != walk(seed: 10))
    }
}

