import ATCodec
import Testing

@Suite("ATLineClassifier")
struct ATLineClassifierTests {
    static func line(_ text: String) -> ArraySlice<UInt8> { ArraySlice(Array(text.utf8)) }

    let classifier = ATLineClassifier()

    @Test("standard finals, as real modems print them", arguments: [
        ("OK", ATFinalResult.ok),                                              // every modem
        ("ERROR", .error),
        ("NO CARRIER", .noCarrier),
        ("BUSY", .busy),
        ("NO ANSWER", .noAnswer),
        ("NO DIALTONE", .noDialtone),
        ("NO DIAL TONE", .noDialtone),                                         // older Siemens/Wavecom form
        ("CONNECT", .connect(nil)),
        ("CONNECT 150000000", .connect("150000000")),                          // Quectel EC25 PPP
        ("+CME ERROR: 10", .cmeError(.simNotInserted)),                        // Quectel BG96, CMEE=1
        ("+CME ERROR: SIM not inserted", .cmeError(.simNotInserted)),          // SIM800, CMEE=2
        ("+CME ERROR: 30", .cmeError(CMEError(code: 30))),
        ("+CMS ERROR: 500", .cmsError(CMSError(code: 500))),                   // SIM800 on +CMGS failure
        ("+CMS ERROR: 330", .cmsError(CMSError(code: 330))),
        ("+CME ERROR: frobnicator jammed", .unrecognizedError("+CME ERROR: frobnicator jammed")),
    ])
    func finals(text: String, expected: ATFinalResult) {
        let context = ATCommandContext(echo: "AT+CPIN?", prefixes: ["+CPIN:"])
        #expect(classifier.classify(Self.line(text), inFlight: context) == .final(expected))
    }

    @Test("lines that look like finals but are not")
    func notFinals() {
        let context = ATCommandContext(echo: "ATI", acceptsBareLines: true)
        for text in ["OKAY", "ERRORS", "CONNECTED", "+CME ERROR", "NO CARRIERS", "OK "] {
            #expect(classifier.classify(Self.line(text), inFlight: context) == .information, "\(text)")
        }
    }

    @Test("the echo, in the case sent or normalised by the modem")
    func echo() {
        let context = ATCommandContext(echo: "at+csq", prefixes: ["+CSQ:"])
        #expect(classifier.classify(Self.line("at+csq"), inFlight: context) == .echo)
        #expect(classifier.classify(Self.line("AT+CSQ"), inFlight: context) == .echo)
        #expect(classifier.classify(Self.line("AT+CSQ?"), inFlight: context) == .unknown)
    }

    @Test("the echo of a prompt payload, with its Ctrl-Z and with the prompt before it")
    func payloadEcho() {
        let pdu = Array("0011000B916407281553F80000AA0AE8329BFD4697D9EC37".utf8)
        let context = ATCommandContext(echo: "AT+CMGS=23", prefixes: ["+CMGS:"], payloadEcho: pdu + [0x1A])
        #expect(classifier.classify(ArraySlice(pdu + [0x1A]), inFlight: context) == .echo)
        #expect(classifier.classify(ArraySlice(pdu), inFlight: context) == .echo)
        #expect(classifier.classify(ArraySlice(Array("> ".utf8) + pdu + [0x1A]), inFlight: context) == .echo)
        #expect(classifier.classify(Self.line("+CMGS: 12"), inFlight: context) == .information)
    }

    @Test("a prefix shared by a response and a URC goes to the command in flight")
    func responseBeatsURC() {
        let read = ATCommandContext(echo: "AT+CREG?", prefixes: ["+CREG:"])
        #expect(classifier.classify(Self.line("+CREG: 2,1,\"1A2B\",\"01A2D001\",7"), inFlight: read) == .information)
        // With nothing in flight, or another command in flight, it is a URC.
        let urc = classifier.urcs.match(Self.line("+CREG: 1"))
        #expect(urc != nil)
        #expect(classifier.classify(Self.line("+CREG: 1"), inFlight: nil) == .urc(urc!))
        let other = ATCommandContext(echo: "AT+CSQ", prefixes: ["+CSQ:"])
        #expect(classifier.classify(Self.line("+CREG: 1"), inFlight: other) == .urc(urc!))
    }

    @Test("a URC-shaped line inside a read response is still a URC (nRF9160: +CEREG: 2 inside AT+CEREG?)")
    func urcShapeInsideRead() {
        let read = ATCommandContext(echo: "AT+CEREG?", prefixes: ["+CEREG:"], ownsLine: { line in line.contains(UInt8(ascii: ",")) })
        let id = classifier.urcs.match(Self.line("+CEREG: 2"))!
        #expect(classifier.classify(Self.line("+CEREG: 2"), inFlight: read) == .urc(id))
        #expect(classifier.classify(Self.line("+CEREG: 1,2"), inFlight: read) == .information)
    }

    @Test("command finals come before the standard ones; dialect finals apply to any command")
    func vendorFinals() {
        let send = ATCommandContext(echo: "AT+CIPSEND=0,5", finals: ATFinalPattern.sendResult("SEND OK", success: true)
            + ATFinalPattern.sendResult("SEND FAIL", success: false))
        #expect(classifier.classify(Self.line("0, SEND OK"), inFlight: send) == .final(.vendor("0, SEND OK", success: true)))
        #expect(classifier.classify(Self.line("1, SEND FAIL"), inFlight: send) == .final(.vendor("1, SEND FAIL", success: false)))
        #expect(classifier.classify(Self.line("SEND OK"), inFlight: send) == .final(.vendor("SEND OK", success: true)))
        // Not a link number: three digits at most, then a comma.
        #expect(classifier.classify(Self.line("0000, SEND OK"), inFlight: send) == .unknown)

        var dialect = ATLineClassifier()
        dialect.dialectFinals = [ATFinalPattern(.exact("COMMAND NOT SUPPORT"), success: false)]
        let context = ATCommandContext(echo: "AT+FOO")
        #expect(dialect.classify(Self.line("COMMAND NOT SUPPORT"), inFlight: context) == .final(.vendor("COMMAND NOT SUPPORT", success: false)))
    }

    @Test("bare lines belong to commands that print them, and are unknown otherwise")
    func bareLines() {
        let imei = ATCommandContext(echo: "AT+CGSN", acceptsBareLines: true)
        #expect(classifier.classify(Self.line("490154203237518"), inFlight: imei) == .information)
        let csq = ATCommandContext(echo: "AT+CSQ", prefixes: ["+CSQ:"])
        #expect(classifier.classify(Self.line("490154203237518"), inFlight: csq) == .unknown)
        // A URC is still a URC while a bare-line command is in flight.
        #expect(classifier.classify(Self.line("RING"), inFlight: imei) == .urc(classifier.urcs.match(Self.line("RING"))!))
    }

    @Test("with nothing in flight: URCs, stray finals and unknown lines")
    func nothingInFlight() {
        #expect(classifier.classify(Self.line("NO CARRIER"), inFlight: nil) == .final(.noCarrier))
        #expect(classifier.classify(Self.line("hello"), inFlight: nil) == .unknown)
        let rdy = classifier.urcs.match(Self.line("RDY"))!
        #expect(classifier.urcs[rdy].bootRole == .powerOn)
        #expect(classifier.urcs[classifier.urcs.match(Self.line("SMS Ready"))!].bootRole == .readiness)
    }

    @Test("numeric result codes under ATV0")
    func numeric() {
        let numeric = ATLineClassifier(numericResults: true)
        let context = ATCommandContext(echo: "ATE0")
        #expect(numeric.classify(Self.line("0"), inFlight: context) == .final(.ok))
        #expect(numeric.classify(Self.line("4"), inFlight: context) == .final(.error))
        #expect(numeric.classify(Self.line("3"), inFlight: context) == .final(.noCarrier))
        #expect(classifier.classify(Self.line("0"), inFlight: context) == .unknown)
    }

    @Test("multi-line URCs declare their following lines")
    func followingLines() {
        let urcs = URCRegistry.standard
        let cmt = urcs.match(Self.line("+CMT: ,24"))!
        #expect(urcs[cmt].followingLines(Self.line("+CMT: ,24")) == 1)
        let cds = urcs.match(Self.line("+CDS: 25"))!
        #expect(urcs[cds].followingLines(Self.line("+CDS: 25")) == 1)                     // PDU mode
        #expect(urcs[cds].followingLines(Self.line("+CDS: 6,12,\"+4917\",145,\"24/01/01,10:00:00+04\",\"24/01/01,10:00:05+04\",0")) == 0)  // text mode
        #expect(urcs[urcs.match(Self.line("+CMTI: \"SM\",3"))!].followingLines(Self.line("+CMTI: \"SM\",3")) == 0)
    }

    @Test("later registrations take precedence")
    func registryPrecedence() {
        var urcs = URCRegistry.standard
        urcs.register(URCDescriptor("+CREG-vendor", .prefix("+CREG: 9")))
        #expect(urcs[urcs.match(Self.line("+CREG: 9,1"))!].name == "+CREG-vendor")
        #expect(urcs[urcs.match(Self.line("+CREG: 1"))!].name == "+CREG")
    }
}
