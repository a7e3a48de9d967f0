import Testing
import VirtualModem

@Suite("Virtual modem: V.250 command lines")
struct V250Tests {
    @Test("boots with the profile's URCs, then answers AT with echo on")
    func boot() {
        var harness = ModemHarness(VirtualModemConfiguration(profile: .simcomSIM800), booted: false)
        #expect(harness.send("AT") == "")  // still booting: deaf
        let boot = harness.boot()
        #expect(boot.hasPrefix("\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\nCall Ready\r\n\r\nSMS Ready\r\n"))
        #expect(harness.send("AT") == "AT\r\r\nOK\r\n")
    }

    @Test("echo off, numeric results, quiet")
    func resultForms() {
        var harness = ModemHarness()
        #expect(harness.send("ATE0") == "ATE0\r\r\nOK\r\n")
        #expect(harness.send("AT") == "\r\nOK\r\n")
        #expect(harness.send("ATV0") == "0\r")
        #expect(harness.send("AT+CMEE=1;+CGMI") == "ModemKit\r\n0\r")
        #expect(harness.send("ATV1Q1") == "")
        #expect(harness.send("ATQ0") == "\r\nOK\r\n")
        #expect(harness.send("AT&F") == "\r\nOK\r\n")
        #expect(harness.send("AT").hasPrefix("AT\r"))
    }

    @Test("compound lines run in order and stop at the first error")
    func compound() {
        var harness = ModemHarness()
        _ = harness.send("ATE0")
        #expect(harness.send("AT+CMEE=1;+CREG=2;+CREG?") == "\r\n+CREG: 2,1,\"1A2B\",\"01A2B3C4\",7\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CMEE=2;+CFUN=9;+CGMI") == "\r\n+CME ERROR: incorrect parameters\r\n")
        #expect(harness.send("AT+CGMI;+FOO;+CGMM") == "\r\nModemKit\r\n\r\n+CME ERROR: operation not supported\r\n")
        #expect(harness.send("ATX9Y") == "\r\nERROR\r\n")
    }

    @Test("A/ repeats the last line without a terminator; bytes before AT are ignored")
    func repeatAndNoise() {
        var harness = ModemHarness()
        _ = harness.send("ATE0")
        #expect(harness.send("AT+CGMM") == "\r\nVirtual LTE\r\n\r\nOK\r\n")
        #expect(harness.type(Array("A/".utf8)) == "\r\nVirtual LTE\r\n\r\nOK\r\n")
        #expect(harness.type([0x1B, 0x0D, 0x0A, 0x00, 0x41, 0x54, 0x0D]) == "\r\nOK\r\n")
        #expect(harness.send("xyzAT+CGMI") == "\r\nModemKit\r\n\r\nOK\r\n")
    }

    @Test("S registers: S3 changes the terminator, reads print three digits")
    func sRegisters() {
        var harness = ModemHarness()
        _ = harness.send("ATE0")
        #expect(harness.send("ATS3?") == "\r\n013\r\n\r\nOK\r\n")
        #expect(harness.send("ATS5=8S7=60;S7?") == "\r\n060\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CSQ\u{8}\u{8}\u{8}GMI") == "\r\nModemKit\r\n\r\nOK\r\n")
    }

    @Test("unknown commands answer as +CMEE says")
    func unknownCommands() {
        var harness = ModemHarness()
        _ = harness.send("ATE0")
        #expect(harness.send("AT+NOPE") == "\r\nERROR\r\n")
        _ = harness.send("AT+CMEE=1")
        #expect(harness.send("AT+NOPE") == "\r\n+CME ERROR: 4\r\n")
        _ = harness.send("AT+CMEE=2")
        #expect(harness.send("AT+NOPE?") == "\r\n+CME ERROR: operation not supported\r\n")
    }

    @Test("character sets and the command list")
    func characterSets() {
        var harness = ModemHarness()
        _ = harness.send("ATE0")
        #expect(harness.send("AT+CSCS=?") == "\r\n+CSCS: (\"IRA\",\"GSM\",\"UCS2\",\"HEX\",\"PCCP437\",\"8859-1\")\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CSCS=\"UCS2\";+CSCS?") == "\r\n+CSCS: \"UCS2\"\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CSCS=\"KOI8\"") == "\r\nERROR\r\n")
        #expect(harness.send("AT+CLAC").contains("AT+CSQ\r\n"))
    }

    @Test("random bytes never stop the modem from answering")
    func randomBytes() {
        var harness = ModemHarness()
        var generator = SplitMix64(seed: 7)
        for _ in 0..<200 {
            let chunk = (0..<Int.random(in: 1...64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = harness.type(chunk)
            harness.advance(by: .seconds(5))
        }
        // Whatever state the noise left (echo, V0, a prompt), a reset gets an answer.
        _ = harness.type([0x1B, 0x0D])
        harness.advance(by: .seconds(60))
        let answer = harness.send("AT&F")
        #expect(answer.contains("OK") || answer.contains("0\r"), "answer: \(answer.debugDescription)")
    }
}
