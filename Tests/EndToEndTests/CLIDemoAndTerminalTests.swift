import Foundation
import Testing

/// `modemkit demo` and `modemkit terminal` run as processes.
@Suite struct CLIDemoAndTerminalTests {
    struct DemoReport: Decodable {
        struct Summary: Decodable {
            var commands: Int
            var succeeded: Int
            var refused: Int
            var urcs: Int
        }

        struct Refusal: Decodable {
            var command: String
            var bytesWritten: Int
        }

        var ok: Bool
        var trace: String
        var traceRecords: Int
        var urcs: [String]
        var refused: [Refusal]
        var summary: Summary
        var problems: [String]
    }

    @Test func demoCompletesAsJSON() async throws {
        let trace = FileManager.default.temporaryDirectory.appendingPathComponent("modemkit-demo-test-\(UUID().uuidString).trace")
        defer { try? FileManager.default.removeItem(at: trace) }
        let result = try await ModemkitProcess.run(["demo", "--tour", "--json", "--record", trace.path])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try result.json(DemoReport.self)
        #expect(report.ok, "\(report.problems)")
        #expect(report.trace == trace.path)
        #expect(report.traceRecords > 10)
        #expect(report.summary.refused == 1)
        #expect(report.refused.first?.bytesWritten == 0)
        #expect(report.urcs.contains { $0.hasPrefix("+CMTI: ") })
        #expect(report.urcs.contains { $0.hasPrefix("+CREG: 1,") })
        let text = try String(contentsOf: trace, encoding: .utf8)
        #expect(text.hasPrefix("#modemkit-trace v1"))
        #expect(text.contains("tx AT+CSQ\\r"))
    }

    @Test func demoHumanOutputEndsWithASummary() async throws {
        let result = try await ModemkitProcess.run(["demo", "--tour"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("+CME ERROR: 4 (operation not supported)"))
        #expect(result.stdout.contains("refused: command line holds CR"))
        #expect(result.stdout.contains("Result      everything behaved as expected"))
        // stderr is not a terminal here, so no progress lines.
        #expect(result.stderr.isEmpty)
    }

    @Test func terminalPassesLinesThroughAndRefusesControlCharacters() async throws {
        let modem = try await ModemOnPTY.start()
        let result = try await ModemkitProcess.run(
            ["terminal", "--device", modem.path],
            input: "ATI\nAT+C\u{1A}SQ\nquit\n"
        )
        let lines = await modem.receivedLines
        await modem.stop()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("ATI\n"))
        #expect(result.stdout.contains("Virtual LTE\n"))
        #expect(result.stdout.contains("OK\n"))
        #expect(result.stderr.contains("Ctrl-Z at offset 4; not sent"))
        #expect(lines == ["ATI"])
    }

    @Test func versionAndHelp() async throws {
        let version = try await ModemkitProcess.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout == "0.1.0\n")
        let help = try await ModemkitProcess.run(["--help"])
        #expect(help.status == 0)
        for name in ["ports", "at", "terminal", "info", "demo", "sim"] {
            #expect(help.stdout.contains("  \(name) "), "help lists \(name)")
        }
    }
}
