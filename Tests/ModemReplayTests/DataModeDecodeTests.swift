import Foundation
import ModemKitTestSupport
import ModemReplay
import ModemTrace
import Testing

func sessions(_ events: [DecodedEvent]) -> [DecodedDataSession] {
    events.compactMap { if case .dataSession(let session) = $0 { session } else { nil } }
}

/// A trace record line carrying `bytes`.
func record(_ time: String, _ tag: String, _ bytes: [UInt8]) -> String {
    "\(time) \(tag) \(TraceEscaping.escape(bytes))\n"
}

@Suite struct DataModeDecodeTests {
    static let configureRequest = hdlcFrame([0xFF, 0x03, 0xC0, 0x21, 1, 1, 0, 10, 5, 6, 0x12, 0x34, 0x56, 0x78])
    static let terminateAck = hdlcFrame([0xFF, 0x03, 0xC0, 0x21, 6, 2, 0, 4])

    @Test func pppDialEscapedAndHungUp() throws {
        var trace = header + "1.0 tx ATD*99***1#\\r\n1.1 rx \\r\\nCONNECT 150\\r\\n\n"
        trace += record("1.2", "tx", Self.configureRequest)
        trace += record("1.3", "rx", Self.configureRequest + Self.terminateAck)
        trace += "3.0 tx +++\n4.0 rx \\r\\nOK\\r\\n\n4.1 tx ATH\\r\n4.2 rx \\r\\nOK\\r\\n\n"
        let events = decode(trace)
        #expect(problems(events).isEmpty)
        #expect(transactions(events).map { "\($0.command) → \($0.final.map { "\($0)" } ?? "-")" } == ["ATD*99***1# → CONNECT 150", "ATH → OK"])
        let session = try #require(sessions(events).first)
        #expect(session.command == "ATD*99***1#")
        #expect(session.connect == "CONNECT 150")
        #expect(session.ppp)
        #expect(session.ending == .escaped)
        #expect(session.line == 4 && session.endLine == 8)
        #expect(session.duration == .milliseconds(2900))
        #expect(session.bytesWritten == Self.configureRequest.count)
        #expect(session.bytesRead == Self.configureRequest.count + Self.terminateAck.count)
        #expect(session.frames.map { "\($0.direction) \($0.summary)" } == [
            "tx LCP Configure-Request id 1: magic 0x12345678",
            "rx LCP Configure-Request id 1: magic 0x12345678",
            "rx LCP Terminate-Ack id 2",
        ])
        #expect(session.badFrames == 0)
        // The session comes out between the dial and the hang-up.
        let order = events.map { event -> String in
            switch event {
            case .transaction(let t): t.command
            case .dataSession: "data"
            default: "other"
            }
        }
        #expect(order == ["ATD*99***1#", "data", "ATH"])
        let text = events.flatMap(\.textLines)
        #expect(text.contains("    1.100000  data mode (PPP) after ATD*99***1# → CONNECT 150  2900.000 ms  (line 4)"))
        #expect(text.contains("              27 bytes written, 45 bytes read; ended by +++ escape, then OK  (line 8)"))
    }

    @Test func noCarrierInTheMiddleOfARecordEndsDataModeAndLinesResume() throws {
        var bad = Self.terminateAck
        bad[5] ^= 0x10
        var trace = header + "1.0 tx ATD*99#\\r\n1.1 rx \\r\\nCONNECT\\r\\n\n"
        trace += record("2.0", "rx", bad + Array("\r\nNO CARRIER\r\n\r\n+CEREG: 2\r\n".utf8))
        let events = decode(trace)
        let session = try #require(sessions(events).first)
        #expect(session.ending == .noCarrier)
        #expect(session.bytesRead == bad.count)
        #expect(session.badFrames == 1)
        #expect(session.frames.map(\.fcsValid) == [false])
        let last: String? = if case .urc(let urc) = events.last { urc.text } else { nil }
        #expect(last == "+CEREG: 2")
        #expect(events.flatMap(\.textLines).contains { $0.hasSuffix("!! bad FCS") })
        #expect(problems(events).isEmpty)
    }

    @Test func traceEndingOrTransportClosingInDataModeIsSaid() throws {
        let open = header + "1.0 tx ATD*99#\\r\n1.1 rx \\r\\nCONNECT\\r\\n\n" + record("1.2", "tx", Array(Self.configureRequest.dropLast(3)))
        let ended = try #require(sessions(decode(open)).first)
        #expect(ended.ending == .traceEnded)
        #expect(ended.frames.map(\.aborted) == [true])
        let closed = try #require(sessions(decode(open + "2.0 ev closed device gone\n")).first)
        #expect(closed.ending == .transportEnded("ev closed device gone"))
        let rebooted = try #require(sessions(decode(open + "2.0 ev reboot\n")).first)
        #expect(rebooted.ending == .restarted)
    }

    @Test func transparentSocketModeIsCountedNotFramed() throws {
        // Quectel: AT+QIOPEN with access mode 2 answers CONNECT and the socket is transparent.
        let trace = header + """
            1.0 tx AT+QIOPEN=1,0,"TCP","10.0.0.1",7,0,2\\r
            1.1 rx \\r\\nCONNECT\\r\\n
            1.2 tx hello~world
            1.3 rx hello~world
            2.0 rx \\r\\nNO CARRIER\\r\\n

            """
        let session = try #require(sessions(decode(trace, dialect: .quectel)).first)
        #expect(!session.ppp)
        #expect(session.frames.isEmpty)
        #expect(session.bytesWritten == 11 && session.bytesRead == 11)
        #expect(session.ending == .noCarrier)
    }

    @Test func socketStackConnectOKIsNotDataMode() {
        let trace = header + "# profile: simcom-sim800\n" + """
            1.0 tx AT+CIPSTART="TCP","10.0.0.1","7"\\r
            1.1 rx \\r\\nOK\\r\\n\\r\\nCONNECT OK\\r\\n
            1.2 tx AT+CSQ\\r
            1.3 rx \\r\\n+CSQ: 20,99\\r\\n\\r\\nOK\\r\\n

            """
        let events = decode(trace)
        #expect(sessions(events).isEmpty)
        #expect(transactions(events).map(\.command).last == "AT+CSQ")
    }

    @Test func splitInvariance() {
        var trace = header + "1.0 tx ATD*99***1#\\r\n1.1 rx \\r\\nCONNECT\\r\\n\n"
        trace += record("1.2", "tx", Self.configureRequest)
        trace += record("1.3", "rx", Self.configureRequest + Self.terminateAck)
        trace += "3.0 tx +++\n4.0 rx \\r\\nOK\\r\\n\n4.1 tx ATH\\r\n4.2 rx \\r\\nOK\\r\\n\n"
        let whole = decode(trace)
        #expect(sessions(whole).count == 1)
        #expect(decode(trace, chunkSize: { 1 }) == whole)
        #expect(decodesTheSameInAnyChunking(trace, seed: 1661, rounds: 20, largestChunk: 40))
    }

    @Test func randomBytesInDataModeNeverTrapAndStayBounded() {
        var generator = SeededGenerator(seed: 99)
        for round in 0..<20 {
            var trace = header + "0.1 tx ATD*99#\\r\n0.2 rx \\r\\nCONNECT\\r\\n\n"
            for index in 0..<50 {
                // Mostly flags, escapes and line ends, so frames, aborts and end words all occur.
                let alphabet: [UInt8] = [0x7E, 0x7D, 0x0D, 0x0A, 0x2B, 0xFF, 0x03, 0xC0, 0x21] + Array("NO CARRIEROK".utf8)
                let bytes = (0..<Int.random(in: 0...64, using: &generator)).map { _ in
                    Bool.random(using: &generator) ? alphabet.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
                }
                trace += record("\(round).\(index)", Bool.random(using: &generator) ? "tx" : "rx", bytes)
            }
            var stream = TraceDecodeStream(limits: .init(framesPerSession: 10))
            stream.append(Array(trace.utf8))
            stream.finish()
            while let event = stream.next() {
                if case .dataSession(let session) = event { #expect(session.frames.count <= 10) }
                _ = event.textLines
            }
        }
    }

    @Test func reportMarksTheSessionAcrossItsDuration() throws {
        var trace = header + "1.0 tx ATD*99***1#\\r\n1.1 rx \\r\\nCONNECT\\r\\n\n"
        trace += record("1.2", "tx", Self.configureRequest)
        trace += "9.0 rx \\r\\nNO CARRIER\\r\\n\n10.0 tx AT\\r\n10.1 rx \\r\\nOK\\r\\n\n"
        var report = TraceReport()
        for event in decode(trace) { report.add(event) }
        let bar = try #require(report.markers.first { $0.kind == .data && $0.end != nil })
        #expect(bar.time == TraceTime(microseconds: 1_100_000) && bar.end == TraceTime(microseconds: 9_000_000))
        #expect(bar.label == "data mode (PPP) after ATD*99***1# → CONNECT, NO CARRIER")
        #expect(report.rows.contains { $0.kind == .data && $0.line == 4 })
        let html = report.html(title: "data")
        // The dial's own marker is 6 px wide; the session's bar spans 1.1 s to 9 s of the 10.1 s axis.
        let widths = html.components(separatedBy: "class=\"marker data\"").dropFirst().compactMap { part -> Double? in
            guard let range = part.range(of: "width=\"") else { return nil }
            return Double(part[range.upperBound...].prefix { $0 != "\"" })
        }
        #expect(widths.count == 2)
        #expect(widths.contains(6))
        #expect(widths.contains { $0 > 100 })
    }

    @Test func recordedFixtureFromTheVirtualModem() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/traces/data/ppp-lcp-loopback.trace")
        let events = decode(try String(contentsOf: url, encoding: .utf8))
        #expect(problems(events).isEmpty)
        let session = try #require(sessions(events).first)
        #expect(session.command == "ATD*99***1#")
        #expect(session.ending == .escaped)
        #expect(session.badFrames == 0)
        #expect(session.bytesWritten == session.bytesRead)
        #expect(session.frames.map { "\($0.direction) \($0.summary)" } == [
            "tx LCP Configure-Request id 1: MRU 1500, ACCM 0x00000000, magic 0x5a3c7e11",
            "rx LCP Configure-Request id 1: MRU 1500, ACCM 0x00000000, magic 0x5a3c7e11",
            "tx IPCP Configure-Request id 2: address 0.0.0.0, primary DNS 0.0.0.0, secondary DNS 0.0.0.0",
            "rx IPCP Configure-Request id 2: address 0.0.0.0, primary DNS 0.0.0.0, secondary DNS 0.0.0.0",
            "tx IPv4 UDP 10.64.0.2:5001 → 8.8.8.8:53, 29 bytes",
            "rx IPv4 UDP 10.64.0.2:5001 → 8.8.8.8:53, 29 bytes",
            "tx LCP Echo-Request id 3: magic 0x5a3c7e11",
            "rx LCP Echo-Request id 3: magic 0x5a3c7e11",
            "tx LCP Terminate-Request id 4",
            "rx LCP Terminate-Request id 4",
        ])
        // After the escape the host hangs up in command mode.
        #expect(transactions(events).last?.command == "ATH")
    }
}
