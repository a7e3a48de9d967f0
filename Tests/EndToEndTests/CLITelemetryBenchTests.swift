import Foundation
import Testing

/// `modemkit telemetry bench`, run as a process: every reading reaches the receiver, through
/// the virtual modem and through host sockets. No timing is asserted.
@Suite struct CLITelemetryBenchTests {
    struct Output: Decodable {
        struct Result: Decodable {
            var readings: Int
            var arrived: Int
            var atBytesPerReading: Double?
            var socketBytesPerReading: Double
        }
        struct Row: Decodable {
            var profile: String
            var kind: String
            var modem: Result
            var host: Result?
        }
        var count: Int
        var rows: [Row]
    }

    @Test func fiftyReadingsReachATCPReceiverThroughAQuectelModem() async throws {
        let result = try await ModemkitProcess.run(
            ["telemetry", "bench", "--count", "50", "--profile", "quectel-bg96", "--kind", "tcp", "--json"], timeout: 120)
        #expect(result.status == 0, "\(result.stderr)")
        let output = try result.json(Output.self)
        let row = try #require(output.rows.first)
        #expect(output.rows.count == 1)
        #expect(row.profile == "quectel-bg96" && row.kind == "tcp")
        #expect(row.modem.arrived == 50)
        #expect(row.host?.arrived == 50)
        // The AT line carries each reading's line and the commands around it.
        #expect((row.modem.atBytesPerReading ?? 0) > row.modem.socketBytesPerReading)
    }
}
