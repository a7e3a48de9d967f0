import ATCodec
import ModemCore
import ModemDialects
import ModemKitTestSupport
import Testing

/// Layers 1 and 2: the SIM800 CIP commands with lines as a SIM800 prints them (reference §1),
/// and whole exchanges fed to the engine whole, byte by byte and in random chunks.
@Suite("SIM800 CIPMUX, CSTT, CIICR, CIFSR, CIPSTART, CIPSEND, CIPRXGET, CIPCLOSE, CIPSHUT, socket URCs")
struct SIM800SocketCommandTests {
    @Test func bringUp() throws {
        #expect(SIM800.CIPMUX().text == "AT+CIPMUX=1")
        #expect(SIM800.ManualReceive().text == "AT+CIPRXGET=1")
        #expect(try SIM800.CSTT(apn: "internet", user: "user", password: "pass").text == "AT+CSTT=\"internet\",\"user\",\"pass\"")
        #expect(try SIM800.CSTT(apn: "internet").text == "AT+CSTT=\"internet\",\"\",\"\"")
        for (apn, user, password) in [("a\"b", "", ""), ("a", "x\r\nAT+CFUN=0", ""), ("a", "", "p\u{1A}"), ("a", "", "p\u{1B}"), ("a\\", "", ""),
                                      (String(repeating: "a", count: 51), "", "")] {
            #expect(throws: ATArgumentError.self) { try SIM800.CSTT(apn: apn, user: user, password: password) }
        }
        #expect(SIM800.CIICR.timeout == .seconds(85))
        let cifsr = SIM800.CIFSR()
        #expect(try cifsr.parse(ATResponse(command: "AT+CIFSR", final: .vendor("10.64.3.7", success: true))) == IPAddress("10.64.3.7"))
        #expect(throws: ATParseError.self) { try cifsr.parse(ATResponse(command: "AT+CIFSR", final: .ok)) }
        // The address line is the final; anything else that looks numeric is not.
        let classifier = ModemDialect.simcomSIM800.classifier
        for line in ["10.64.3.7", "100.121.5.200", "0.0.0.0"] {
            #expect(classifier.classify(ArraySlice(line.utf8), inFlight: cifsr.context) == .final(.vendor(line, success: true)))
        }
        for line in ["10.64.3", "10.64.3.7.1", "256.1.1.1", "10..3.7", "1234.1.1.1", "10.64.3.7 ", "0, CLOSED"] {
            #expect(classifier.classify(ArraySlice(line.utf8), inFlight: cifsr.context) != .final(.vendor(line, success: true)), "\(line)")
        }
        #expect(classifier.classify(ArraySlice("ERROR".utf8), inFlight: cifsr.context) == .final(.error))
    }

    @Test func cipstart() throws {
        #expect(try SIM800.CIPSTART(link: 0, service: .tcp, host: "127.0.0.1", port: 7000).text == "AT+CIPSTART=0,\"TCP\",\"127.0.0.1\",\"7000\"")
        #expect(try SIM800.CIPSTART(link: 5, service: .udp, host: "example.org", port: 53).text == "AT+CIPSTART=5,\"UDP\",\"example.org\",\"53\"")
        #expect(try SIM800.CIPSTART.result("0, CONNECT OK") == (0, .connected))          // SIM800, space after the comma
        #expect(try SIM800.CIPSTART.result("0, CONNECT FAIL") == (0, .failed))          // SIM800
        #expect(try SIM800.CIPSTART.result("3,CONNECT OK") == (3, .connected))
        #expect(try SIM800.CIPSTART.result("1, ALREADY CONNECT") == (1, .alreadyConnected))
        for bad in ["CONNECT OK", "6, CONNECT OK", "x, CONNECT OK", "0, CLOSED", "0, SEND OK", ""] {
            #expect(throws: ATParseError.self, "\(bad)") { try SIM800.CIPSTART.result(bad) }
        }
        for (link, host, port) in [(6, "h", 1), (-1, "h", 1), (0, "", 1), (0, "h", 0), (0, "h", 65_536), (0, "a\"b", 1), (0, "a\r\nb", 1), (0, "a\\b", 1)] {
            #expect(throws: ATArgumentError.self) { try SIM800.CIPSTART(link: link, service: .tcp, host: host, port: port) }
        }
    }

    @Test func cipsendAndClose() throws {
        let send = try SIM800.CIPSEND(link: 1, bytes: [0, 0x1A, 0x1B, 0x0D])
        #expect(send.text == "AT+CIPSEND=1,4")
        #expect(send.payload == [0, 0x1A, 0x1B, 0x0D])        // binary: the length says where it ends
        #expect(throws: ATArgumentError.self) { try SIM800.CIPSEND(link: 0, bytes: []) }
        #expect(throws: ATArgumentError.self) { try SIM800.CIPSEND(link: 0, bytes: Array(repeating: 1, count: 1461)) }
        let classifier = ModemDialect.simcomSIM800.classifier
        #expect(classifier.classify(ArraySlice("1, SEND OK".utf8), inFlight: send.context) == .final(.vendor("1, SEND OK", success: true)))
        #expect(classifier.classify(ArraySlice("1, SEND FAIL".utf8), inFlight: send.context) == .final(.vendor("1, SEND FAIL", success: false)))   // SIM800
        let close = SIM800.CIPCLOSE(link: 1)
        #expect(close.text == "AT+CIPCLOSE=1")
        #expect(classifier.classify(ArraySlice("1, CLOSE OK".utf8), inFlight: close.context) == .final(.vendor("1, CLOSE OK", success: true)))   // SIM800
        #expect(SIM800.CIPSHUT().text == "AT+CIPSHUT")
        #expect(classifier.classify(ArraySlice("SHUT OK".utf8), inFlight: SIM800.CIPSHUT().context) == .final(.vendor("SHUT OK", success: true)))
        // With nothing of theirs in flight the same lines are URCs.
        #expect(classifier.classify(ArraySlice("1, CLOSE OK".utf8), inFlight: nil) != .unknown)
    }

    @Test func ciprxget() throws {
        let read = SIM800.read(link: 0)
        #expect(read.text == "AT+CIPRXGET=2,0,1460")
        #expect(read.payloadLength(announcedBy: ArraySlice("+CIPRXGET: 2,0,4,0".utf8)) == 4)    // SIM800
        let data = ATResponse(command: read.text, items: [.line("+CIPRXGET: 2,0,4,0"), .payload(Array("test".utf8))], final: .ok)
        #expect(try read.parse(data) == Array("test".utf8))
        #expect(throws: ATParseError.self) { try read.parse(ATResponse(command: read.text, items: [.line("+CIPRXGET: 2,1,4,0")], final: .ok)) }
    }

    @Test func urcs() throws {
        #expect(try SIM800.SocketURC.parse("+CIPRXGET: 1,0") == .dataWaiting(link: 0))          // SIM800
        #expect(try SIM800.SocketURC.parse("0, CLOSED") == .closed(link: 0))
        #expect(try SIM800.SocketURC.parse("2,CLOSED") == .closed(link: 2))
        #expect(try SIM800.SocketURC.parse("0, CONNECT FAIL") == .connectResult(link: 0, .failed))   // SIM800
        #expect(try SIM800.SocketURC.parse("+PDP: DEACT") == .bearerLost)
        for bad in ["+CIPRXGET: 1", "+CIPRXGET: 1,6", "+CIPRXGET: 2,0,4,0", "6, CLOSED", "0, SHUT", "+PDP: OTHER", "CLOSED", ""] {
            #expect(throws: ATParseError.self, "\(bad)") { try SIM800.SocketURC.parse(bad) }
        }
    }

    /// A SIM800 session as it prints it with echo off: bearer, open with the deferred result
    /// arriving inside the next command, a send, a read whose payload holds `OK` and a
    /// `0, CLOSED`-looking line, with URCs around it.
    static let session: (commands: [any ATCommand], stream: String) = (
        [SIM800.CIFSR(), try! SIM800.CIPSTART(link: 0, service: .tcp, host: "127.0.0.1", port: 7000),
         try! SIM800.CIPSEND(link: 0, bytes: Array("hello".utf8)), SIM800.read(link: 0), SIM800.CIPCLOSE(link: 0), SIM800.CIPSHUT()],
        "\r\n10.64.3.7\r\n"
            + "\r\nOK\r\n"
            + "\r\n> " + "\r\n0, CONNECT OK\r\n" + "\r\n0, SEND OK\r\n"
            + "\r\n+CIPRXGET: 1,0\r\n"
            + "\r\n+CIPRXGET: 2,0,17,0\r\nOK\r\n1, CLOSED\r\nAB\r\nOK\r\n"
            + "\r\n1, CLOSED\r\n\r\n0, CLOSE OK\r\n"
            + "\r\n+PDP: DEACT\r\n\r\nSHUT OK\r\n"
    )

    static func run(_ chunks: [[UInt8]]) -> [Step] {
        var engine = Engine(classifier: ModemDialect.simcomSIM800.classifier)
        var steps: [Step] = []
        for (index, command) in session.commands.enumerated() {
            steps += engine.steps(.submitted(Engine.Submission(id: UInt64(index + 1), context: command.context, timeout: .seconds(5))))
        }
        steps += engine.receive(chunks)
        return steps
    }

    @Test("a SIM800 session gives the same results whole, byte by byte and in random chunks")
    func splitInvariance() {
        let stream = Array(Self.session.stream.utf8)
        let expected = Self.run([stream])
        #expect(expected.contains(.completed(1, [], .vendor("10.64.3.7", success: true))))
        #expect(expected.contains(.completed(3, [], .vendor("0, SEND OK", success: true))))
        #expect(expected.contains(.completed(4, [.line("+CIPRXGET: 2,0,17,0"), .payload(Array("OK\r\n1, CLOSED\r\nAB".utf8))], .ok)))
        #expect(expected.contains(.completed(5, [], .vendor("0, CLOSE OK", success: true))))
        #expect(expected.contains(.completed(6, [], .vendor("SHUT OK", success: true))))
        let urcs = expected.compactMap { step -> String? in if case .urc(let urc) = step { urc.line } else { nil } }
        #expect(urcs == ["0, CONNECT OK", "+CIPRXGET: 1,0", "1, CLOSED", "+PDP: DEACT"])
        #expect(!expected.contains { if case .notice = $0 { true } else { false } })
        for split in StreamSplits.all(stream, randomRuns: 100, maxChunk: 17) {
            #expect(Self.run(split.chunks) == expected, "\(split.name)")
        }
    }
}
