import Foundation
import Testing

/// `modemkit replay decode` run as a process on the committed traces and on broken input.
@Suite struct CLIReplayTests {
    static let traces = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/traces")

    struct Event: Decodable {
        var type: String
        var line: Int
        var command: String?
        var final: String?
        var explanation: String?
        var message: String?
    }

    @Test func decodesACommittedTraceAsJSONLines() async throws {
        let path = Self.traces.appendingPathComponent("quectel-bg96.trace").path
        let result = try await ModemkitProcess.run(["replay", "decode", path, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let events = try result.stdout.split(separator: "\n").map {
            try JSONDecoder().decode(Event.self, from: Data($0.utf8))
        }
        #expect(events.filter { $0.type == "transaction" }.count == 14)
        let failed = events.first { $0.command == "AT+CPBR=1" }
        #expect(failed?.final == "+CME ERROR: 4 (operation not supported)")
        #expect(failed?.explanation == "operation not supported")
        #expect(events.contains { $0.type == "urc" })
    }

    @Test func humanOutputExplainsErrors() async throws {
        let path = Self.traces.appendingPathComponent("field/registration-lost-3am.trace").path
        let result = try await ModemkitProcess.run(["replay", "decode", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("AT+COPS=0 → +CME ERROR: 30 (no network service)"))
        #expect(result.stdout.contains("* registration +CEREG: home → searching"))
    }

    @Test func brokenTraceGivesWhatDecodedAndNamesTheLines() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("modemkit-replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("broken.trace")
        try "#modemkit-trace v1\n0.1 tx AT+CSQ\\r\nnot a record\n0.2 rx \\r\\n+CSQ: 5,99\\r\\n\\r\\nOK\\r\\n\n0.3 tx AT+CGSN\\r\n0.4 rx \\r\\n3569"
            .write(to: file, atomically: true, encoding: .utf8)
        let result = try await ModemkitProcess.run(["replay", "decode", file.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("AT+CSQ → OK"))
        #expect(result.stderr.contains("line 3: invalid time 'not'"))
        #expect(result.stderr.contains("line 6: 4 bytes of modem output at the end of the trace have no line end"))
    }

    @Test func foreignLogsAreDetectedAndImported() async throws {
        let path = Self.traces.deletingLastPathComponent().appendingPathComponent("logs/modemmanager-journal.log").path
        let result = try await ModemkitProcess.run(["replay", "decode", path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("AT+CMGS=19 → +CMS ERROR: 331 (no network service)"))
        #expect(result.stderr.contains("line 4: cannot place this line: another port (ttyUSB3)"))
    }

    @Test func everyImportedFormatIsDetectedOrNamed() async throws {
        let logs = Self.traces.deletingLastPathComponent().appendingPathComponent("logs")
        let gammu = try await ModemkitProcess.run(["replay", "decode", logs.appendingPathComponent("gammu-textalldate.log").path])
        #expect(gammu.status == 1)
        #expect(gammu.stdout.contains("AT+CMGS=24 → +CMS ERROR: 331 (no network service)"))
        #expect(gammu.stderr.contains("line 226: cannot place this line: the frame's dump ends after 4 of 7 bytes"))
        let named = try await ModemkitProcess.run(
            ["replay", "decode", "--format", "python-gsmmodem", logs.appendingPathComponent("python-gsmmodem.log").path])
        #expect(named.stdout.contains("* SMS deliver from +31641600986: \"See you at 6\""))
        let unknown = try await ModemkitProcess.run(["replay", "decode", "--format", "minicom", logs.appendingPathComponent("interceptty.log").path])
        #expect(unknown.stderr.contains("tinygsm, python-gsmmodem, gammu, interceptty"))
    }

    @Test func missingFileExitsFour() async throws {
        let result = try await ModemkitProcess.run(["replay", "decode", "/nonexistent/x.trace"])
        #expect(result.status == 4)
        #expect(result.stderr.contains("cannot open /nonexistent/x.trace"))
    }
}
