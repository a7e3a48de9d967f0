import Foundation
@testable import ModemKitCLI
import Testing

/// `modemkit at --sim`, `modemkit sim` with `sim ctl`, and `sim fleet`, run as processes.
@Suite struct CLISimTests {
    struct Exchange: Decodable {
        var command: String
        var lines: [String]
        var final: String?
        var ok: Bool
    }

    @Test(arguments: ["generic", "simcom-sim800", "simcom-sim7600", "quectel-bg96", "ublox-sara-r4"])
    func atAgainstAnInProcessVirtualModem(profile: String) async throws {
        let result = try await ModemkitProcess.run(["at", "--sim", profile, "AT+CREG?", "AT+CGSN", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let exchanges = try result.json([Exchange].self)
        try #require(exchanges.count == 2)
        #expect(exchanges[0].lines.first?.hasSuffix(",1") == true, "\(exchanges[0].lines)")
        #expect(exchanges[1].ok)
    }

    @Test func serveListensOnPortZeroButAClientNeedsARealPort() throws {
        let serve = try ModemKitCommand.Sim.Serve.parse(["--tcp", "127.0.0.1:0"])
        #expect(serve.tcp == "127.0.0.1:0")
        #expect(throws: (any Error).self) { try ModemKitCommand.Sim.Serve.parse(["--tcp", "127.0.0.1:65536"]) }
        #expect(throws: (any Error).self) { try ConnectionOptions.endpoint("127.0.0.1:0") }
        #expect(try ConnectionOptions.endpoint("[::1]:0", listening: true) == ("::1", 0))
    }

    @Test func unknownProfileIsAUsageError() async throws {
        let result = try await ModemkitProcess.run(["at", "--sim", "nokia-3310", "AT"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("Unknown profile"))
    }

    @Test func fleetOfFiftyReachesTheSink() async throws {
        let result = try await ModemkitProcess.run(["sim", "fleet", "--count", "50", "--profile", "quectel-bg96", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        struct Output: Decodable {
            struct Fleet: Decodable { var completed: Int; var failed: Int }
            var fleet: Fleet
            var sinkConnections: Int
            var sinkBytes: Int
        }
        let output = try result.json(Output.self)
        #expect(output.fleet.completed == 50)
        #expect(output.sinkConnections == 50)
        #expect(output.sinkBytes == 50 * 100)
    }
}
