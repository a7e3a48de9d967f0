import ModemKitTestSupport
import Foundation
import ModemCore
import ModemTrace
@testable import ModemTransport
import Testing

@Suite struct RecordingTransportTests {
    @Test func recordsBothDirectionsWithSecretsRedacted() async throws {
        let (hostEnd, modem) = InMemoryTransport.pair()
        let recorder = TraceRecorder(header: TraceHeader(tool: "modemkit test", device: hostEnd.descriptionForLog))
        let host = RecordingTransport(wrapping: hostEnd, recorder: recorder)
        #expect(host.descriptionForLog == "memory:a")

        try await host.write(#"AT+CPIN="1234"\#r"#.bytes)
        // The wire carries the real PIN; only the record is redacted.
        #expect(try await bounded { try await readExactly(modem, 15) } == #"AT+CPIN="1234"\#r"#.bytes)
        try await modem.write(#"AT+CPIN="1234"\#r\#r\#nOK\#r\#n"#.bytes)  // echo on
        #expect(try await bounded { try await readExactly(host, 21) } == #"AT+CPIN="1234"\#r\#r\#nOK\#r\#n"#.bytes)
        try await host.write("AT+CSQ\r".bytes)
        try await modem.write("\r\n+CSQ: 21,99\r\n\r\nOK\r\n".bytes)
        _ = try await bounded { try await readUntil(host, suffix: "OK\r\n".bytes) }
        await modem.close()
        #expect(await transportError { _ = try await host.read() } == .closed)
        await host.close()

        let text = try #require(recorder.text)
        #expect(!text.contains("1234"))
        let document = TraceDocument(parsing: text)
        #expect(document.errors == [])
        #expect(document.header.tool == "modemkit test")
        #expect(document.header.device == "memory:a")
        #expect(document.header.start?.hasSuffix("Z") == true)
        let summary = document.records.map { record -> String in
            switch record.body {
            case .data(let direction, let bytes, let redacted):
                "\(direction.rawValue)\(redacted ? "!" : "") \(String(decoding: bytes, as: UTF8.self))"
            case .event(let name, _):
                "ev \(name)"
            }
        }
        #expect(summary == [
            "ev open",
            #"tx! AT+CPIN="***"\#r"#,
            #"rx! AT+CPIN="***"\#r\#r\#nOK\#r\#n"#,
            "tx AT+CSQ\r",
            "rx \r\n+CSQ: 21,99\r\n\r\nOK\r\n",
            "ev closed",
        ])
        let times = document.records.map(\.time)
        #expect(times == times.sorted())
    }

    @Test func commandSplitAcrossReadsIsStillRedacted() async throws {
        let (hostEnd, modem) = InMemoryTransport.pair()
        let recorder = TraceRecorder()
        let host = RecordingTransport(wrapping: hostEnd, recorder: recorder)
        for piece in ["AT+CPI", #"N="12"#, #"34"\#r\#r\#nOK\#r\#n"#] {
            try await modem.write(piece.bytes)
            _ = try await bounded { try await host.read() }
        }
        let document = TraceDocument(parsing: try #require(recorder.text))
        let data = document.records.filter { $0.direction != nil }
        #expect(data.map { String(decoding: $0.bytes, as: UTF8.self) } == ["AT+CPI", #"N="***"#, #"***"\#r\#r\#nOK\#r\#n"#])
        #expect(data.map(\.isRedacted) == [false, true, true])
        await host.close()
    }

    @Test func closeIsRecordedOnce() async throws {
        let (hostEnd, _) = InMemoryTransport.pair()
        let recorder = TraceRecorder()
        let host = RecordingTransport(wrapping: hostEnd, recorder: recorder)
        await host.close()
        await host.close()
        #expect(await transportError { try await host.write([1]) } == .closed)
        let document = TraceDocument(parsing: try #require(recorder.text))
        #expect(document.records.map(\.body) == [.event(name: "open", text: "memory:a"), .event(name: "close", text: "")])
    }

    @Test func recordsToAFileThatReadsBack() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("modemkit-\(UUID().uuidString).trace").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let recorder = try TraceRecorder(path: path, header: TraceHeader(device: "/dev/pts/9", baud: 115_200))
        let pty = try PseudoTerminalPair()
        let serial = try SerialTransport(path: pty.slavePath, baud: 115_200)
        let host = RecordingTransport(wrapping: serial, recorder: recorder)
        let all = (0...255).map { UInt8($0) }
        try await host.write(all)
        #expect(try await bounded { try await readExactly(pty, 256) } == all)
        try await pty.write(#"AT+CGAUTH=1,1,"user","secret"\#r"#.bytes)
        _ = try await bounded { try await readUntil(host, suffix: "\r".bytes) }
        recorder.event("note", text: "done\nreally")
        await host.close()
        await pty.close()
        try recorder.close()
        try recorder.close()  // idempotent

        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("secret"))
        #expect(text.hasPrefix("#modemkit-trace v1\n# device: /dev/pts/9\n# baud: 115200\n# start: "))
        let document = TraceDocument(parsing: text)
        #expect(document.errors == [])
        #expect(document.records.first?.body == .event(name: "open", text: "\(pty.slavePath)@115200"))
        #expect(document.records.dropFirst().first?.body == .data(.tx, all, redacted: false))
        let rx = document.records.filter { $0.direction == .rx }.flatMap(\.bytes)
        #expect(rx == #"AT+CGAUTH=1,1,"***","***"\#r"#.bytes)
        #expect(document.records.contains { $0.body == .event(name: "note", text: "done\nreally") })
        #expect(document.records.last?.body == .event(name: "close", text: ""))
    }

    @Test func recorderBuffersAndFlushes() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("modemkit-\(UUID().uuidString).trace").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let recorder = try TraceRecorder(path: path, header: TraceHeader(start: "2026-11-25T16:00:00.000Z"), flushInterval: .seconds(3600))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "#modemkit-trace v1\n# start: 2026-11-25T16:00:00.000Z\n")
        recorder.record(.tx, "AT\r".bytes)
        #expect(try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n").count == 3)  // still buffered
        try recorder.flush()
        #expect(TraceDocument(parsing: try String(contentsOfFile: path, encoding: .utf8)).records.count == 1)
        // Past the size threshold the buffer is written without an explicit flush.
        for _ in 0..<100 { recorder.record(.rx, [UInt8](repeating: 0x41, count: 1024)) }
        #expect(TraceDocument(parsing: try String(contentsOfFile: path, encoding: .utf8)).records.count > 1)
        try recorder.close()
        recorder.record(.tx, "ignored".bytes)
        #expect(TraceDocument(parsing: try String(contentsOfFile: path, encoding: .utf8)).records.count == 101)
    }

    @Test func recorderRefusesAMissingDirectory() {
        #expect(throws: TransportError.notFound("/nonexistent-dir-modemkit/x.trace")) {
            _ = try TraceRecorder(path: "/nonexistent-dir-modemkit/x.trace")
        }
    }

    @Test func redactingStreamCarriesTheLineAcrossChunks() {
        var stream = RedactingStream()
        let chunks = ["AT+CMEE=1;+CP", "IN=", "12", "34;+CSQ\r", #"AT+CPIN="9"\#r"#, "OK"]
        let out = chunks.map { stream.redact($0.bytes) }
        #expect(out.map { String(decoding: $0.bytes, as: UTF8.self) } == ["AT+CMEE=1;+CP", "IN=", "***", "***;+CSQ\r", #"AT+CPIN="***"\#r"#, "OK"])
        #expect(out.map(\.redacted) == [false, false, true, true, true, false])
    }
}
