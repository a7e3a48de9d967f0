import Testing
import VirtualModem

@Suite("Virtual modem: SMS settings (+CSMS, +CPMS, +CMGF, +CSCA, +CSMP, +CSDH, +CNMI)")
struct SMSSettingsTests {
    @Test("storages: test, read and set answer as TS 27.005 §3.2.2 shows")
    func preferredStorage() {
        var harness = ModemHarness.sms()
        #expect(harness.send("AT+CPMS=?") == "\r\n+CPMS: (\"SM\",\"ME\",\"MT\"),(\"SM\",\"ME\",\"MT\"),(\"SM\",\"ME\",\"MT\")\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CPMS?") == "\r\n+CPMS: \"SM\",0,30,\"SM\",0,30,\"SM\",0,30\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CPMS=\"ME\",\"me\"") == "\r\n+CPMS: 0,50,0,50,0,30\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CPMS=\"MT\",\"MT\",\"MT\";+CPMS?") == "\r\n+CPMS: 0,80,0,80,0,80\r\n\r\n+CPMS: \"MT\",0,80,\"MT\",0,80,\"MT\",0,80\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CPMS=\"SR\"") == "\r\n+CMS ERROR: 302\r\n")
        #expect(harness.send("AT+CPMS=\"SM\",\"SM\",\"SM\",\"SM\"") == "\r\n+CMS ERROR: 304\r\n")
        _ = harness.send("AT+CSCS=\"UCS2\"")
        #expect(harness.send("AT+CPMS=\"0053004D\"") == "\r\n+CPMS: 0,30,0,80,0,80\r\n\r\nOK\r\n")
    }

    @Test("message format, header display and service")
    func formatAndService() {
        var harness = ModemHarness.sms()
        #expect(harness.send("AT+CMGF?") == "\r\n+CMGF: 0\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CMGF=?") == "\r\n+CMGF: (0,1)\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CMGF=1;+CMGF?") == "\r\n+CMGF: 1\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CMGF=2") == "\r\n+CMS ERROR: 305\r\n")
        #expect(harness.send("AT+CSDH=1;+CSDH?") == "\r\n+CSDH: 1\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CSMS?") == "\r\n+CSMS: 0,1,1,1\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CSMS=1") == "\r\n+CSMS: 1,1,1\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CSMS=?") == "\r\n+CSMS: (0,1)\r\n\r\nOK\r\n")
    }

    @Test("service centre address in IRA and UCS2")
    func serviceCentre() {
        var harness = ModemHarness.sms()
        #expect(harness.send("AT+CSCA?") == "\r\n+CSCA: \"+15550100000\",145\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CSCA=\"+447785016005\",145;+CSCA?") == "\r\n+CSCA: \"+447785016005\",145\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CSCA=\"0170111000\",129;+CSCA?") == "\r\n+CSCA: \"0170111000\",129\r\n\r\nOK\r\n")
        _ = harness.send("AT+CSCS=\"UCS2\"")
        #expect(harness.send("AT+CSCA?") == "\r\n+CSCA: \"0030003100370030003100310031003000300030\",129\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CSCA=\"002B0034003900310037\",145;+CSCS=\"IRA\";+CSCA?") == "\r\n+CSCA: \"+4917\",145\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CSCA=\"12AB\"") == "\r\n+CMS ERROR: 304\r\n")
    }

    @Test("text-mode parameters and indication routing are kept and read back")
    func parameters() {
        var harness = ModemHarness.sms()
        #expect(harness.send("AT+CSMP?") == "\r\n+CSMP: 17,167,0,0\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CSMP=49,170,0,8;+CSMP?") == "\r\n+CSMP: 49,170,0,8\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CSMP=17,\"26/12/31,23:59:59+00\",0,0;+CSMP?") == "\r\n+CSMP: 17,170,0,0\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CNMI?") == "\r\n+CNMI: 2,1,0,0,0\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CNMI=?") == "\r\n+CNMI: (0-3),(0-3),(0-3),(0-2),(0,1)\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CNMI=1,2,0,1;+CNMI?") == "\r\n+CNMI: 1,2,0,1,0\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CNMI=3,1,0,2,1;+CNMI?") == "\r\n+CNMI: 3,1,0,2,1\r\n\r\nOK\r\n")
    }

    @Test("a reset forgets the selections but not the storage or the service centre")
    func reset() {
        var harness = ModemHarness.sms()
        _ = harness.send("AT+CMGF=1;+CPMS=\"ME\",\"ME\",\"ME\";+CNMI=2,2;+CSCA=\"+4917\"")
        _ = harness.inject(.incomingSMS(from: "+4917", text: "kept"))
        _ = harness.send("AT+CFUN=1,1")
        harness.advance(by: .seconds(30))
        _ = harness.send("ATE0")
        #expect(harness.send("AT+CMGF?;+CNMI?;+CSCA?") == "\r\n+CMGF: 0\r\n\r\n+CNMI: 2,1,0,0,0\r\n\r\n+CSCA: \"+4917\",145\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CPMS=\"ME\"") == "\r\n+CPMS: 0,50,0,30,0,30\r\n\r\nOK\r\n")
        #expect(harness.modem.status.storedMessages == 0)  // +CNMI=2,2 sent it straight to the terminal
    }

    @Test("malformed parameters get +CMS ERROR, whatever +CMEE says, and never stop the modem")
    func malformed() {
        var harness = ModemHarness.sms()
        for line in ["AT+CNMI=4", "AT+CNMI=1,1,0,3", "AT+CNMI=a", "AT+CSMP=256", "AT+CSMP=1,2,3,4,5", "AT+CSMS=2",
                     "AT+CMGR=x", "AT+CMGR", "AT+CMGL=9", "AT+CMGD=1,5", "AT+CMGS=0", "AT+CMGW=999"] {
            #expect(harness.send(line).hasPrefix("\r\n+CMS ERROR: 30"), "\(line)")
        }
        // An unterminated quote is refused before any handler runs (plain ERROR with +CMEE=0).
        #expect(harness.send("AT+CMGS=\"") == "\r\nERROR\r\n")
        _ = harness.send("AT+CMEE=2")
        #expect(harness.send("AT+CMGR=31") == "\r\n+CMS ERROR: invalid memory index\r\n")
        _ = harness.send("AT+CMEE=0")
        #expect(harness.send("AT+CMGR=0") == "\r\n+CMS ERROR: 321\r\n")
        #expect(harness.send("AT+CMGD=") == "\r\n+CMS ERROR: 321\r\n")
        #expect(harness.send("AT+CNMA") == "\r\n+CMS ERROR: 340\r\n")
        #expect(harness.send("AT") == "\r\nOK\r\n")
    }

    @Test("SMS commands report the SIM's state as CMS errors")
    func simStates() {
        var pinLocked = ModemHarness.sms(VirtualModemConfiguration(sim: SIMConfiguration(pin: "1234")))
        #expect(pinLocked.send("AT+CPMS?") == "\r\n+CMS ERROR: 311\r\n")
        #expect(pinLocked.send("AT+CMGL=4") == "\r\n+CMS ERROR: 311\r\n")
        var absent = ModemHarness.sms(VirtualModemConfiguration(sim: SIMConfiguration(present: false)))
        #expect(absent.send("AT+CMGS=23") == "\r\n+CMS ERROR: 310\r\n")
        #expect(absent.send("AT+CPMS=?").hasPrefix("\r\n+CPMS: (\"SM\""))
    }
}
